using System.Diagnostics;
using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using SparseMlNet.Data;
using SparseMlNet.ML.Trainers;

namespace SparseMlNet.Benchmarks.MLNet;

/// <summary>
/// <c>--classifier-table</c>: the SparseMlp trainer with default options next to ML.NET's L-BFGS maximum entropy, the baseline an ML.NET user would
/// reach for, on the gene-expression sets of ../shared/data (all features, standardised with mean and variance), by 5-fold cross-validation through
/// <c>mlContext.MulticlassClassification.CrossValidate</c>. Prints a markdown table of MicroAccuracy (mean ± standard deviation over the folds),
/// log-loss and seconds. <c>--min-batches N</c> sets SparseMlp's <see cref="SparseMlpOptions.MinimumBatchesPerEpoch"/> (the measurement that chose its default).
/// </summary>
internal static class ClassifierTable
{
    public const string Usage = """
        --classifier-table [--data DIR] [--sets tissue_gene_expression,golub_leukemia,all_leukemia_bt] [--min-batches N] [--folds F]
            5-fold CV (seed 7) of SparseMlp (defaults) and L-BFGS maximum entropy on each CSV (all features, NormalizeMeanVariance without fixZero).
        """;

    public static void Run(string[] args, TextWriter output)
    {
        string folder = Value(args, "--data") ?? Path.Combine("..", "shared", "data");
        string[] sets = (Value(args, "--sets") ?? "tissue_gene_expression,golub_leukemia,all_leukemia_bt").Split(',');
        int minBatches = int.Parse(Value(args, "--min-batches") ?? "1", CultureInfo.InvariantCulture);
        int folds = int.Parse(Value(args, "--folds") ?? "5", CultureInfo.InvariantCulture);
        var ml = new MLContext(seed: 1);
        output.WriteLine($"| data (n × d) | classifier | MicroAccuracy | log-loss | seconds ({folds} folds) |");
        output.WriteLine("|---|---|---:|---:|---:|");
        foreach (string set in sets)
        {
            string path = Path.Combine(folder, set.EndsWith(".csv.gz", StringComparison.Ordinal) ? set : set + ".csv.gz");
            Dataset data = CsvDatasetReader.Read(path).Dataset;
            var rows = Enumerable.Range(0, data.Count).Select(i => new Row { Label = data.Labels[i], Features = data.Row(i).ToArray() }).ToList();
            var definition = SchemaDefinition.Create(typeof(Row));
            definition[nameof(Row.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, data.FeatureCount);
            IDataView view = ml.Data.Cache(ml.Data.LoadFromEnumerable(rows, definition));
            var prepare = ml.Transforms.Conversion.MapValueToKey("Label").Append(ml.Transforms.NormalizeMeanVariance("Features", fixZero: false));
            foreach (var (name, trainer) in new (string, IEstimator<ITransformer>)[]
            {
                ("L-BFGS maximum entropy", ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy()),
                (minBatches == 1 ? "SparseMlp (defaults)" : $"SparseMlp (MinimumBatchesPerEpoch {minBatches})", ml.MulticlassClassification.Trainers.SparseMlp(new SparseMlpOptions { MinimumBatchesPerEpoch = minBatches })),
            })
            {
                var clock = Stopwatch.StartNew();
                string cells;
                try
                {
                    var results = ml.MulticlassClassification.CrossValidate(view, prepare.Append(trainer), numberOfFolds: folds, seed: 7);
                    double[] accuracy = results.Select(r => r.Metrics.MicroAccuracy).ToArray();
                    double mean = accuracy.Average();
                    double sd = Math.Sqrt(accuracy.Sum(a => (a - mean) * (a - mean)) / Math.Max(1, accuracy.Length - 1));
                    cells = string.Create(CultureInfo.InvariantCulture, $"{mean:F3} ± {sd:F3} | {results.Average(r => r.Metrics.LogLoss):F3}");
                }
                catch (SparseMlNet.Training.TrainingDivergedException e)
                {
                    cells = $"diverged ({e.Message.Split(':')[0]}) | –";
                }

                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {set} ({data.Count} × {data.FeatureCount}) | {name} | {cells} | {clock.Elapsed.TotalSeconds:F1} |"));
            }
        }
    }

    private static string? Value(string[] args, string name)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    private sealed class Row
    {
        public float Label { get; set; }

        public float[] Features { get; set; } = [];
    }
}
