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
        var evaluation = new SelectionEvaluationOptions { Folds = options.Folds, Repeats = options.Repeats, Forests = options.Forests, Seed = options.Seed };
        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"Selection benchmark: {Environment.ProcessorCount} cores, load average {LoadAverage()}, ensemble R = {options.Runs}, min batches per epoch {options.MinimumBatchesPerEpoch}, seed {options.Seed}."));
        output.WriteLine();
        using var export = options.ExportSelections is null ? null : new SelectionExport(options.ExportSelections);
        output.WriteLine("| data (n × d) | k | protocol | method | accuracy | clustering accuracy | Jaccard | Kuncheva | seconds per fit |");
        output.WriteLine("|---|---|---|---|---|---|---|---|---|");
        var paired = new List<string>();
        foreach (string key in options.Sets)
        {
            (string title, string file, int k) = DataSets[key];
            string path = Path.Combine(options.DataFolder, file);
            Dataset data = CsvDatasetReader.Read(path).Dataset;
            var scores = new List<SelectionScore>();
            foreach (IFeatureScorer scorer in scorers)
            {
                SelectionScore s = SelectionComparison.Run([scorer], data, [k], null, evaluation, line => Console.Error.WriteLine($"  {key}: {line}"))[0];
                output.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"| {title} ({data.Count} × {data.FeatureCount:N0}) | {k} | {s.Protocol} | {s.Method} | {s.Accuracy:F3} ± {s.AccuracyStdDev:F3} | {s.ClusteringAccuracy:F3} ± {s.ClusteringStdDev:F3} | {s.Stability?.MeanJaccard:F2} | {s.Stability?.MeanKuncheva:F2} | {s.Seconds:F2} |"));
                output.Flush();
                export?.Write(key, file, s);
                scores.Add(s);
            }

            paired.AddRange(PairedAgainstBestBaseline(title, scores));
        }

        if (paired.Count > 0)
        {
            output.WriteLine();
            output.WriteLine("Each sparse selector against the best of variance, Laplacian score and mutual information on the same test parts (corrected repeated-CV t-test, Nadeau and Bengio 2003):");
            output.WriteLine();
            output.WriteLine("| data | method | best baseline | accuracy difference | standard error | t | p |");
            output.WriteLine("|---|---|---|---|---|---|---|");
            foreach (string line in paired)
            {
                output.WriteLine(line);
            }
        }

        export?.Complete();
    }

    /// <summary>The baselines a sparse selector must match (issue 10's goals): variance, Laplacian score, mutual information.</summary>
    private static readonly string[] GoalBaselines = ["Variance", "Laplacian score", "Mutual information"];

    private static IEnumerable<string> PairedAgainstBestBaseline(string title, IReadOnlyList<SelectionScore> scores)
    {
        SelectionScore? best = scores.Where(s => GoalBaselines.Contains(s.Method)).MaxBy(s => s.Accuracy);
        if (best is null)
        {
            yield break;
        }

        foreach (SelectionScore score in scores.Where(s => s.Method != "Random" && !GoalBaselines.Contains(s.Method)))
        {
            if (PairedComparison.Of(score, best) is { } test)
            {
                yield return string.Create(
                    CultureInfo.InvariantCulture,
                    $"| {title} | {score.Method} | {best.Method} | {test.MeanDifference:+0.000;-0.000;0.000} | {test.StandardError:F3} | {test.T:F2} | {test.PValue:F2} |");
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
