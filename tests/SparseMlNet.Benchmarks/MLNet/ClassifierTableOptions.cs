using System.Globalization;

namespace SparseMlNet.Benchmarks.MLNet;

/// <summary>Options of the <c>--classifier-table</c> mode.</summary>
internal sealed class ClassifierTableOptions
{
    public const string Usage = """
          --classifier-table [--data DIR] [--sets tissue_gene_expression,golub_leukemia,all_leukemia_bt] [--k all,50] [--folds 5] [--seed 7] [--min-batches N]
              stratified F-fold CV (DataSplit.StratifiedFolds, seed S) of SparseMlp (defaults) and L-BFGS maximum entropy on each CSV: MapValueToKey and
              NormalizeMeanVariance (fixZero: false) fitted on each fold's training rows; for a number k, QuickSelection (defaults, count k) is fitted
              on the same training rows and its selection shared by both classifiers. Prints MicroAccuracy (mean ± sd over folds), log-loss and seconds
              per (set, k, classifier), and SparseMlp − L-BFGS in points. Default --data ../shared/data.
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

    public string DataDirectory { get; private set; } = Path.Combine("..", "shared", "data");

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
                default:
                    throw new ArgumentException($"Unknown option {name}.\n{Usage}", nameof(args));
            }
        }

        return o.Sets.Count > 0 && o.FeatureCounts.Count > 0
            ? o
            : throw new ArgumentException($"--sets and --k need at least one value each.\n{Usage}", nameof(args));
    }

    private static int Int(string name, string value, int minimum) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out int n) && n >= minimum
            ? n
            : throw new ArgumentException($"{name} takes an integer ≥ {minimum}{(name == "--k" ? " or 'all'" : string.Empty)}, not '{value}'.\n{Usage}", nameof(value));
}
