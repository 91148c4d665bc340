using System.Globalization;
using System.Reflection;
using SparseMlNet.ML.Trainers;

namespace SparseMlNet.Benchmarks.MLNet;

/// <summary>Options of the <c>--classifier-table</c> mode.</summary>
internal sealed class ClassifierTableOptions
{
    public const string Usage = """
          --classifier-table [--data DIR] [--sets tissue_gene_expression,golub_leukemia,all_leukemia_bt] [--k all,50] [--folds 5] [--seed 7] [--min-batches N]
                             [--mlp Name=Value[,Name=Value...]] [--mlp-seeds 42,1,2,3,4] [--selection-runs 1|auto]
              stratified F-fold CV (DataSplit.StratifiedFolds, seed S) of SparseMlp (defaults) and L-BFGS maximum entropy on each CSV: MapValueToKey and
              NormalizeMeanVariance (fixZero: false) fitted on each fold's training rows; for a number k, QuickSelection (defaults, count k) is fitted
              on the same training rows and its selection shared by both classifiers. Prints MicroAccuracy (mean ± sd over folds), log-loss and seconds
              per (set, k, classifier), and SparseMlp − L-BFGS in points. Default --data ../shared/data.
              --mlp sets SparseMlpOptions properties by name (reflection), for example --mlp MinimumBatchesPerEpoch=4,Epochs=200,Dropout=0.1;
              numbers, booleans, enum names and null; a hidden layer list as 500/500 (HiddenLayerSizes=500/500, or HiddenLayerWidth / HiddenLayerCount).
              Applied in order after --min-batches; the column names stay the table's.
              --mlp-seeds trains SparseMlp once per seed (its Seed: initial topology, weights, batches, SET's regrowth) on every fold and adds
              a row with the mean over the seeds, which the SparseMlp − L-BFGS row then compares; default: SparseMlp's own seed (42) alone.
              --selection-runs is QuickSelection's Runs for k < d: auto (default: QuickSelection's own default, the automatic ensemble of
              QuickSelectionOptions.RunsFor, as a user's pipeline gets it) or a number, for example 1 (one autoencoder, as before 2026-12-02).
        """;

    /// <summary>CSV files (without <c>.csv.gz</c>) under <see cref="DataDirectory"/>.</summary>
    public IReadOnlyList<string> Sets { get; private set; } = ["tissue_gene_expression", "golub_leukemia", "all_leukemia_bt"];

    /// <summary>Feature counts: null for all features, otherwise the k of QuickSelection.</summary>
    public IReadOnlyList<int?> FeatureCounts { get; private set; } = [null, 50];

    public int Folds { get; private set; } = 5;

    /// <summary>Seed of the stratified folds.</summary>
    public int Seed { get; private set; } = 7;

    /// <summary>SparseMlp's <c>MinimumBatchesPerEpoch</c>; 1 is the default (off).</summary>
    public int MinimumBatches { get; private set; } = 1;

    /// <summary>SparseMlp option overrides of <c>--mlp</c>, in the order given: property and the converted value.</summary>
    public IReadOnlyList<(PropertyInfo Property, object? Value)> MlpSettings { get; private set; } = [];

    public string DataDirectory { get; private set; } = Path.Combine("..", "shared", "data");

    /// <summary>QuickSelection's <c>Runs</c> for k &lt; d (<c>--selection-runs</c>): null (default, its automatic ensemble) or a number.</summary>
    public int? SelectionRuns { get; private set; }

    /// <summary>SparseMlp's seeds of <c>--mlp-seeds</c>; null for the options' own seed.</summary>
    private IReadOnlyList<int>? Seeds { get; set; }

    /// <summary>The SparseMlp seeds to train with: those of <c>--mlp-seeds</c>, or the options' own seed (after <c>--mlp</c>).</summary>
    public int[] MlpSeeds() => Seeds is { } seeds ? [.. seeds] : [CreateMlpOptions("Features").Seed];

    /// <summary>SparseMlp's options for a feature column and seed: <see cref="CreateMlpOptions(string)"/> with <see cref="SparseMlpOptions.Seed"/> = <paramref name="seed"/>.</summary>
    public SparseMlpOptions CreateMlpOptions(string featureColumn, int seed)
    {
        var mlp = CreateMlpOptions(featureColumn);
        mlp.Seed = seed;
        return mlp;
    }

    /// <summary>SparseMlp's options for a feature column: <see cref="MinimumBatches"/>, then every <c>--mlp</c> setting.</summary>
    /// <param name="featureColumn">The feature column name.</param>
    /// <returns>New options.</returns>
    public SparseMlpOptions CreateMlpOptions(string featureColumn)
    {
        var mlp = new SparseMlpOptions { MinimumBatchesPerEpoch = MinimumBatches };
        foreach ((PropertyInfo property, object? value) in MlpSettings)
        {
            property.SetValue(mlp, value);
        }

        mlp.FeatureColumnName = featureColumn;
        return mlp;
    }

    /// <summary>How the SparseMlp variant is named in the table: "defaults", or the settings that differ from them.</summary>
    public string MlpDescription()
    {
        var settings = new List<string>();
        if (MinimumBatches != 1)
        {
            settings.Add(string.Create(CultureInfo.InvariantCulture, $"MinimumBatchesPerEpoch={MinimumBatches}"));
        }

        settings.AddRange(MlpSettings.Select(s => $"{s.Property.Name}={Format(s.Value)}"));
        return settings.Count == 0 ? "defaults" : string.Join(", ", settings);
    }

    /// <summary>Parses the options after <c>--classifier-table</c>.</summary>
    /// <exception cref="ArgumentException">An unknown option or a malformed value.</exception>
    public static ClassifierTableOptions Parse(IReadOnlyList<string> args)
    {
        var o = new ClassifierTableOptions();
        for (int i = 0; i < args.Count; i++)
        {
            string name = args[i];
            if (name == "--classifier-table")
            {
                continue;
            }

            if (i + 1 >= args.Count)
            {
                throw new ArgumentException($"Option {name} needs a value.\n{Usage}", nameof(args));
            }

            string value = args[++i];
            switch (name)
            {
                case "--data":
                    o.DataDirectory = value;
                    break;
                case "--sets":
                    o.Sets = value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
                    break;
                case "--k":
                    o.FeatureCounts = value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                        .Select(v => v.Equals("all", StringComparison.OrdinalIgnoreCase) ? (int?)null : Int(name, v, 1))
                        .ToArray();
                    break;
                case "--folds":
                    o.Folds = Int(name, value, 2);
                    break;
                case "--seed":
                    o.Seed = Int(name, value, int.MinValue);
                    break;
                case "--min-batches":
                    o.MinimumBatches = Int(name, value, 1);
                    break;
                case "--mlp":
                    o.MlpSettings = [.. o.MlpSettings, .. MlpSettingsOf(value)];
                    break;
                case "--selection-runs":
                    o.SelectionRuns = value.Equals("auto", StringComparison.OrdinalIgnoreCase) ? null : Int(name, value, 1);
                    break;
                case "--mlp-seeds":
                    o.Seeds = value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(v => Int(name, v, int.MinValue)).Distinct().ToArray();
                    break;
                default:
                    throw new ArgumentException($"Unknown option {name}.\n{Usage}", nameof(args));
            }
        }

        if (o.Sets.Count == 0 || o.FeatureCounts.Count == 0 || o.Seeds is { Count: 0 })
        {
            throw new ArgumentException($"--sets, --k and --mlp-seeds need at least one value each.\n{Usage}", nameof(args));
        }

        if (o.Seeds is not null && o.MlpSettings.Any(s => s.Property.Name == nameof(SparseMlpOptions.Seed)))
        {
            throw new ArgumentException($"Give SparseMlp's seed once: --mlp Seed=S or --mlp-seeds S1,S2,..., not both.\n{Usage}", nameof(args));
        }

        try
        {
            o.CreateMlpOptions("Features").Validate();
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"--mlp: {e.Message}\n{Usage}", nameof(args), e);
        }

        return o;
    }

    /// <summary>Parses <c>Name=Value[,Name=Value...]</c> into SparseMlpOptions properties and converted values.</summary>
    private static IEnumerable<(PropertyInfo Property, object? Value)> MlpSettingsOf(string value)
    {
        foreach (string pair in value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            int equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new ArgumentException($"--mlp takes Name=Value pairs separated by commas, not '{pair}'.\n{Usage}", nameof(value));
            }

            string name = pair[..equals].Trim();
            string text = pair[(equals + 1)..].Trim();
            PropertyInfo property = typeof(SparseMlpOptions).GetProperty(name, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase)
                is { CanWrite: true } p && p.Name is not nameof(SparseMlpOptions.FeatureColumnName) and not nameof(SparseMlpOptions.LabelColumnName)
                ? p
                : throw new ArgumentException($"--mlp: SparseMlpOptions has no settable property '{name}' (column names are the table's).\n{Usage}", nameof(value));
            object? converted;
            try
            {
                converted = Convert(property.PropertyType, text);
            }
            catch (Exception e) when (e is FormatException or OverflowException or ArgumentException)
            {
                throw new ArgumentException($"--mlp: {property.Name} ({property.PropertyType.Name}) cannot take '{text}': {e.Message}\n{Usage}", nameof(value), e);
            }

            yield return (property, converted);
        }
    }

    /// <summary>Converts <paramref name="text"/> to <paramref name="type"/>: a number, bool, enum name, null (for nullable types) or a '/'-separated list of integers.</summary>
    private static object? Convert(Type type, string text)
    {
        Type? underlying = Nullable.GetUnderlyingType(type);
        if (text.Equals("null", StringComparison.OrdinalIgnoreCase))
        {
            return underlying is not null || !type.IsValueType ? null : throw new FormatException("the property is not nullable");
        }

        Type target = underlying ?? type;
        if (target == typeof(IReadOnlyList<int>))
        {
            return text.Split('/', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                .Select(v => int.Parse(v, NumberStyles.Integer, CultureInfo.InvariantCulture)).ToArray();
        }

        if (target.IsEnum)
        {
            return Enum.Parse(target, text, ignoreCase: true);
        }

        if (target == typeof(string))
        {
            return text;
        }

        return target == typeof(int) || target == typeof(double) || target == typeof(float) || target == typeof(bool)
            ? System.Convert.ChangeType(text, target, CultureInfo.InvariantCulture)
            : throw new ArgumentException($"type {type.Name} is not supported by --mlp");
    }

    private static string Format(object? value) => value switch
    {
        null => "null",
        IReadOnlyList<int> sizes => string.Join('/', sizes),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };

    private static int Int(string name, string value, int minimum) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out int n) && n >= minimum
            ? n
            : throw new ArgumentException($"{name} takes an integer{(minimum == int.MinValue ? string.Empty : $" ≥ {minimum}")}{(name == "--k" ? " or 'all'" : string.Empty)}, not '{value}'.\n{Usage}", nameof(value));
}
