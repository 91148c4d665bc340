using System.Globalization;
using SparseMlNet.Data;
using SparseMlNet.FeatureSelection;
using SparseMlNet.SelectionEvaluation;

namespace SparseMlNet.Benchmarks.Selection;

/// <summary>
/// The <c>--selection-table</c> mode: every selector of <see cref="SelectorRegistry"/> on the gene-expression benchmark sets and Madelon, through the engine's
/// one evaluation protocol (<see cref="SelectionComparison"/>), as a markdown table for docs/quickselection-results.md.
/// </summary>
internal static class SelectionTable
{
    /// <summary>The benchmark sets: file under the data folder and k. Issue 10's four run by default (<see cref="SelectionTableOptions.Sets"/>); colon and lymphoma on request (lymphoma's smallest classes have 2 samples: <c>--folds 2</c>).</summary>
    public static readonly IReadOnlyDictionary<string, (string Title, string File, int K)> DataSets =
        new Dictionary<string, (string, string, int)>(StringComparer.OrdinalIgnoreCase)
        {
            ["all"] = ("ALL leukemia (B/T)", "all_leukemia_bt.csv.gz", 50),
            ["golub"] = ("Golub leukemia", "golub_leukemia.csv.gz", 50),
            ["tissue"] = ("tissue (7 classes)", "tissue_gene_expression.csv.gz", 50),
            ["madelon"] = ("Madelon (train)", "madelon_train.csv.gz", 20),
            ["colon"] = ("colon cancer (Alon)", "colon_alon.csv.gz", 50),
            ["lymphoma"] = ("lymphoma (Alizadeh, 9 classes)", "lymphoma_alizadeh.csv.gz", 50),
        };

    public static void Run(SelectionTableOptions options, TextWriter output)
    {
        IFeatureScorer[] scorers = [.. options.Selectors.Select(key => SelectorRegistry.Factories[key](options))];
        var evaluation = new SelectionEvaluationOptions { Folds = options.Folds, Repeats = options.Repeats, Seed = options.Seed };
        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"Selection benchmark: {Environment.ProcessorCount} cores, load average {LoadAverage()}, ensemble R = {options.Runs}, min batches per epoch {options.MinimumBatchesPerEpoch}, seed {options.Seed}."));
        output.WriteLine();
        output.WriteLine("| data (n × d) | k | protocol | method | accuracy | clustering accuracy | Jaccard | Kuncheva | seconds per fit |");
        output.WriteLine("|---|---|---|---|---|---|---|---|---|");
        foreach (string key in options.Sets)
        {
            (string title, string file, int k) = DataSets[key];
            string path = Path.Combine(options.DataFolder, file);
            Dataset data = CsvDatasetReader.Read(path).Dataset;
            foreach (IFeatureScorer scorer in scorers)
            {
                SelectionScore s = SelectionComparison.Run([scorer], data, [k], null, evaluation, line => Console.Error.WriteLine($"  {key}: {line}"))[0];
                output.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"| {title} ({data.Count} × {data.FeatureCount:N0}) | {k} | {s.Protocol} | {s.Method} | {s.Accuracy:F3} ± {s.AccuracyStdDev:F3} | {s.ClusteringAccuracy:F3} ± {s.ClusteringStdDev:F3} | {s.Stability?.MeanJaccard:F2} | {s.Stability?.MeanKuncheva:F2} | {s.Seconds:F2} |"));
                output.Flush();
            }
        }
    }

    private static string LoadAverage()
    {
        try
        {
            return File.ReadAllText("/proc/loadavg").Split(' ')[0];
        }
        catch (IOException)
        {
            return "unknown";
        }
    }
}
