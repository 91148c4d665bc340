using System.Globalization;
using SparseMlNet.FeatureSelection;
using SparseMlNet.SelectionEvaluation;

namespace SparseMlNet.Benchmarks.Selection;

/// <summary>Options of the <c>--selection-table</c> mode.</summary>
internal sealed class SelectionTableOptions
{
    public const string Usage = """
        --selection-table [--data DIR] [--sets all,golub,tissue,madelon,colon,lymphoma] [--selectors quickselection,ensemble,random,variance,laplacian,mi]
                          [--runs R] [--repeats N] [--folds F] [--forests N] [--min-batches N] [--seed S]
                          [--scaling standardize|minmax|center|auto|none] [--epochs E] [--neurofs Name=Value,...] [--export-selections FILE]
            runs every selector on each data set with the engine's evaluation protocol (SelectionComparison: repeated stratified CV, each selector
            refitted on every training part) and prints a markdown table: downstream accuracy (extremely randomised trees, 50 trees, the mean of
            --forests seeded forests per test part), k-means
            clustering accuracy on the test parts, stability of the top k over the fits (Jaccard, Kuncheva) and seconds per fit.
            Defaults: --data ../shared/data, the four sets of issue 10 (ALL k=50, Golub k=50, tissue k=50, Madelon train k=20; colon and lymphoma k=50 on request, lymphoma with --folds 2), all selectors, R = 10,
            repeats 0 (automatic: 5 when a test part is under 50 rows), 5 folds, 5 forests (1: the paper's single forest), the engine's minimum batches per epoch, seed 42;
            --scaling and --epochs override QuickSelection's defaults (--epochs: both Epochs and EnsembleEpochs), for A/B measurements;
            --neurofs sets NeuroFSOptions properties by name (for example --neurofs Scaling=Center,Epochs=200), for A/B measurements of NeuroFS.
            --export-selections writes every test part (set, method, k, part, test rows, selected features, accuracy) as TSV, for
            Selection/crosscheck_sklearn.py to score the same selections with scikit-learn.
        """;

    public string DataFolder { get; private set; } = Path.Combine("..", "shared", "data");

    public IReadOnlyList<string> Sets { get; private set; } = ["all", "golub", "tissue", "madelon"];

    public IReadOnlyList<string> Selectors { get; private set; } = [.. SelectorRegistry.Factories.Keys];

    public int Runs { get; private set; } = 10;

    public int Repeats { get; private set; }

    public int Folds { get; private set; } = 5;

    public string? ExportSelections { get; private set; }

    public int Forests { get; private set; } = SelectionEvaluationOptions.DefaultForests;

    public int MinimumBatchesPerEpoch { get; private set; } = QuickSelectionOptions.Defaults.MinimumBatchesPerEpoch;

    public int Seed { get; private set; } = 42;

    public Data.ScalingKind? Scaling { get; private set; }

    public int? Epochs { get; private set; }

    /// <summary>NeuroFS's options: the engine's defaults with the <c>--neurofs</c> assignments applied.</summary>
    public NeuroFSOptions NeuroFS { get; private set; } = new();

    /// <summary>Parses the options after the mode flag.</summary>
    /// <exception cref="ArgumentException">An unknown option, set or selector, or a malformed value (the message names it and shows the usage).</exception>
    public static SelectionTableOptions Parse(IReadOnlyList<string> args)
    {
        var options = new SelectionTableOptions();
        for (int i = 0; i < args.Count; i++)
        {
            string name = args[i];
            if (name == "--selection-table")
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
                    options.DataFolder = value;
                    break;
                case "--sets":
                    options.Sets = List(name, value, SelectionTable.DataSets.Keys);
                    break;
                case "--selectors":
                    options.Selectors = List(name, value, SelectorRegistry.Factories.Keys);
                    break;
                case "--runs":
                    options.Runs = Int(name, value, 1);
                    break;
                case "--repeats":
                    options.Repeats = Int(name, value, 0);
                    break;
                case "--folds":
                    options.Folds = Int(name, value, 2);
                    break;
                case "--export-selections":
                    options.ExportSelections = value;
                    break;
                case "--forests":
                    options.Forests = Int(name, value, 1);
                    break;
                case "--min-batches":
                    options.MinimumBatchesPerEpoch = Int(name, value, 0);
                    break;
                case "--scaling":
                    options.Scaling = Enum.TryParse(value, ignoreCase: true, out Data.ScalingKind kind) && Enum.IsDefined(kind)
                        ? kind
                        : throw new ArgumentException($"--scaling: '{value}' is not one of {string.Join(", ", Enum.GetNames<Data.ScalingKind>())}.\n{Usage}", nameof(args));
                    break;
                case "--epochs":
                    options.Epochs = Int(name, value, 1);
                    break;
                case "--seed":
                    options.Seed = Int(name, value, int.MinValue);
                    break;
                case "--neurofs":
                    options.NeuroFS = NeuroFSAssignments(value);
                    break;
                default:
                    throw new ArgumentException($"Unknown option {name}.\n{Usage}", nameof(args));
            }
        }

        return options;
    }

    /// <summary>Parses <c>Name=Value,...</c> into NeuroFS options by property name (enums by name, numbers invariant), validated.</summary>
    private static NeuroFSOptions NeuroFSAssignments(string value)
    {
        var options = new NeuroFSOptions();
        foreach (string assignment in value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            string[] parts = assignment.Split('=', 2, StringSplitOptions.TrimEntries);
            var property = typeof(NeuroFSOptions).GetProperty(parts[0], System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.IgnoreCase);
            if (parts.Length != 2 || property is null || !property.CanWrite)
            {
                string names = string.Join(", ", typeof(NeuroFSOptions).GetProperties().Where(p => p.CanWrite).Select(p => p.Name));
                throw new ArgumentException($"--neurofs: '{assignment}' is not Name=Value with a NeuroFSOptions property ({names}).\n{Usage}", nameof(value));
            }

            Type type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            try
            {
                object converted = type.IsEnum ? Enum.Parse(type, parts[1], ignoreCase: true) : Convert.ChangeType(parts[1], type, CultureInfo.InvariantCulture);
                property.SetValue(options, converted);
            }
            catch (Exception e) when (e is FormatException or InvalidCastException or OverflowException or ArgumentException)
            {
                throw new ArgumentException($"--neurofs: '{parts[1]}' is not a {type.Name} for {property.Name}.\n{Usage}", nameof(value), e);
            }
        }

        options.Validate();
        return options;
    }

    private static string[] List(string name, string value, IEnumerable<string> known)
    {
        string[] items = value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        string[] allowed = [.. known];
        foreach (string item in items)
        {
            if (!allowed.Contains(item, StringComparer.OrdinalIgnoreCase))
            {
                throw new ArgumentException($"{name}: '{item}' is not one of {string.Join(", ", allowed)}.\n{Usage}", nameof(value));
            }
        }

        return items.Length > 0 ? items : throw new ArgumentException($"{name}: give at least one of {string.Join(", ", allowed)}.\n{Usage}", nameof(value));
    }

    private static int Int(string name, string value, int minimum) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out int n) && n >= minimum
            ? n
            : throw new ArgumentException($"{name}: '{value}' is not an integer ≥ {minimum}.\n{Usage}", nameof(value));
}
