using System.Diagnostics;
using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using SparseMlNet.Data;
using SparseMlNet.ML.FeatureSelection;
using SparseMlNet.ML.Trainers;

namespace SparseMlNet.Benchmarks.MLNet;

/// <summary>
/// <c>--classifier-table</c>: the SparseMlp trainer with default options next to ML.NET's L-BFGS maximum entropy, the baseline an ML.NET user would
/// reach for, on the gene-expression sets of ../shared/data, by stratified cross-validation (the engine's <see cref="DataSplit.StratifiedFolds"/>,
/// 5 folds, seed 7 unless <c>--folds</c> / <c>--seed</c> say otherwise). In each fold the preparation (MapValueToKey on the label,
/// NormalizeMeanVariance with <c>fixZero: false</c>) is fitted on the training rows only; for a feature count k of <c>--k</c> (default
/// <c>all,50</c>) ML.NET's QuickSelection transform (<c>SelectFeaturesQuickSelection</c>, default options, count k; <c>--selection-runs 1</c> for one autoencoder) is then fitted on the
/// same prepared training rows, once per fold, and its transformer is shared by both classifiers, so the comparison is paired.
/// Every model is evaluated on the fold's test rows with <c>mlContext.MulticlassClassification.Evaluate</c>.
/// Prints a markdown table with one row per (data set, k, classifier) — MicroAccuracy (mean ± standard deviation over the folds), mean
/// log-loss and the classifier's seconds (fit + evaluation, all folds) — and per (data set, k) a row with SparseMlp − L-BFGS in points of
/// MicroAccuracy (with the standard deviation of the per-fold paired differences), the log-loss difference and the seconds of the
/// preparation and selection. <c>--min-batches N</c> sets SparseMlp's <see cref="SparseMlpOptions.MinimumBatchesPerEpoch"/> (the measurement
/// that chose its default), and <c>--mlp Name=Value[,Name=Value...]</c> any other <see cref="SparseMlpOptions"/> property by reflection,
/// so each candidate default is one command. <c>--mlp-seeds S1,S2,...</c> trains SparseMlp once per seed and compares the mean over the seeds
/// (per fold) with L-BFGS, since on Golub's 7–8-row test folds one seed moves SparseMlp's mean by up to 3.4 points (docs/classifier-small-data.md).
/// </summary>
internal static class ClassifierTable
{
    private const int LbfgsIndex = 0;

    /// <summary>The first SparseMlp column; one column per seed of <c>--mlp-seeds</c> follows it.</summary>
    private const int FirstSparseMlpIndex = 1;

    public static void Run(ClassifierTableOptions options, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(options);
        var ml = new MLContext(seed: 1);
        string sparseName = $"SparseMlp ({options.MlpDescription()})";
        int[] seeds = options.MlpSeeds();
        string[] names = ["L-BFGS maximum entropy", .. seeds.Select(s => seeds.Length == 1 ? sparseName : string.Create(CultureInfo.InvariantCulture, $"{sparseName}, seed {s}"))];
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Stratified {options.Folds}-fold CV (DataSplit.StratifiedFolds, seed {options.Seed}); preparation and QuickSelection ({(options.SelectionRuns is int r ? (r == 1 ? "one autoencoder" : $"ensemble of {r}") : "automatic ensemble")}) fitted on each fold's training rows."));
        output.WriteLine();
        output.WriteLine($"| data (n × d) | k | classifier | MicroAccuracy | log-loss | seconds ({options.Folds} folds) |");
        output.WriteLine("|---|---:|---|---:|---:|---:|");
        foreach (string set in options.Sets)
        {
            string path = Path.Combine(options.DataDirectory, set.EndsWith(".csv.gz", StringComparison.Ordinal) ? set : set + ".csv.gz");
            Dataset data = CsvDatasetReader.Read(path).Dataset;
            var rows = Enumerable.Range(0, data.Count).Select(i => new Row { Label = data.Labels[i], Features = data.Row(i).ToArray() }).ToArray();
            var definition = SchemaDefinition.Create(typeof(Row));
            definition[nameof(Row.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, data.FeatureCount);
            int[][] folds = DataSplit.StratifiedFolds(data, options.Folds, options.Seed);
            int?[] counts = options.FeatureCounts.Select(k => k >= data.FeatureCount ? null : k).Distinct().ToArray();
            var results = counts.Select(_ => new FoldResults(names.Length, folds.Length)).ToArray();
            var prepare = ml.Transforms.Conversion.MapValueToKey("Label").Append(ml.Transforms.NormalizeMeanVariance("Features", fixZero: false));
            for (int f = 0; f < folds.Length; f++)
            {
                var testRows = new HashSet<int>(folds[f]);
                IDataView train = ml.Data.Cache(ml.Data.LoadFromEnumerable(rows.Where((_, i) => !testRows.Contains(i)).ToArray(), definition));
                IDataView test = ml.Data.Cache(ml.Data.LoadFromEnumerable(folds[f].Select(i => rows[i]).ToArray(), definition));
                var prepareClock = Stopwatch.StartNew();
                ITransformer prepared = prepare.Fit(train);
                IDataView preparedTrain = ml.Data.Cache(prepared.Transform(train));
                IDataView preparedTest = prepared.Transform(test);
                double prepareSeconds = prepareClock.Elapsed.TotalSeconds;
                for (int c = 0; c < counts.Length; c++)
                {
                    FoldResults result = results[c];
                    var selectionClock = Stopwatch.StartNew();
                    IDataView fitOn = preparedTrain, evaluateOn = preparedTest;
                    string featureColumn = "Features";
                    if (counts[c] is int k)
                    {
                        // One selection per fold, fitted on its training rows only and shared by both classifiers.
                        // QuickSelection's own default (the automatic ensemble) unless --selection-runs gives a number: the selection a user's pipeline gets.
                        var selection = ml.Transforms.SelectFeaturesQuickSelection("Selected", "Features", k, new QuickSelectionEstimatorOptions { Runs = options.SelectionRuns }).Fit(preparedTrain);
                        fitOn = ml.Data.Cache(selection.Transform(preparedTrain));
                        evaluateOn = selection.Transform(preparedTest);
                        featureColumn = "Selected";
                    }

                    result.PreparationSeconds += prepareSeconds + selectionClock.Elapsed.TotalSeconds;
                    for (int m = 0; m < names.Length; m++)
                    {
                        if (result.Diverged[m] is not null)
                        {
                            continue;
                        }

                        IEstimator<ITransformer> trainer = m == LbfgsIndex
                            ? ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(featureColumnName: featureColumn)
                            : ml.MulticlassClassification.Trainers.SparseMlp(options.CreateMlpOptions(featureColumn, seeds[m - FirstSparseMlpIndex]));
                        var clock = Stopwatch.StartNew();
                        try
                        {
                            var metrics = ml.MulticlassClassification.Evaluate(trainer.Fit(fitOn).Transform(evaluateOn));
                            result.Accuracy[m][f] = metrics.MicroAccuracy;
                            result.LogLoss[m][f] = metrics.LogLoss;
                        }
                        catch (SparseMlNet.Training.TrainingDivergedException e)
                        {
                            result.Diverged[m] = string.Create(CultureInfo.InvariantCulture, $"diverged in fold {f + 1} ({e.Message.Split(':')[0]})");
                        }

                        result.Seconds[m] += clock.Elapsed.TotalSeconds;
                    }
                }
            }

            for (int c = 0; c < counts.Length; c++)
            {
                string label = string.Create(CultureInfo.InvariantCulture, $"| {set} ({data.Count} × {data.FeatureCount}) | {(counts[c] is int k ? k.ToString(CultureInfo.InvariantCulture) : "all")}");
                FoldResults result = results[c];
                for (int m = 0; m < names.Length; m++)
                {
                    string cells = result.Diverged[m] ?? string.Create(CultureInfo.InvariantCulture, $"{result.Accuracy[m].Average():F3} ± {StandardDeviation(result.Accuracy[m]):F3} | {result.LogLoss[m].Average():F3}");
                    output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{label} | {names[m]} | {cells} | {result.Seconds[m]:F1} |"));
                }

                if (seeds.Length > 1)
                {
                    string cells = result.SparseMlpAccuracy() is { } mean
                        ? string.Create(CultureInfo.InvariantCulture, $"{mean.Average():F3} ± {StandardDeviation(mean):F3} | {result.SparseMlpLogLoss():F3}")
                        : "– | –";
                    output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{label} | {sparseName}, mean of {seeds.Length} seeds | {cells} | {result.Seconds.Skip(FirstSparseMlpIndex).Sum():F1} |"));
                }

                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{label} | SparseMlp − L-BFGS | {Difference(result)} | preparation{(counts[c] is null ? string.Empty : " + QuickSelection")} {result.PreparationSeconds:F1} |"));
            }
        }
    }

    /// <summary>The MicroAccuracy difference in points (100 × accuracy), the standard deviation of the per-fold differences, and the log-loss difference.</summary>
    private static string Difference(FoldResults result)
    {
        if (result.Diverged.Any(d => d is not null) || result.SparseMlpAccuracy() is not { } sparse)
        {
            return "– | –";
        }

        double[] points = sparse.Zip(result.Accuracy[LbfgsIndex], (s, l) => 100 * (s - l)).ToArray();
        double mean = points.Average();
        string verdict = mean > 1 ? "more than 1 point above" : mean >= -1 ? "within 1 point" : "more than 1 point below";
        double logLoss = result.SparseMlpLogLoss() - result.LogLoss[LbfgsIndex].Average();
        return string.Create(CultureInfo.InvariantCulture, $"{mean:+0.0;−0.0;0.0} points (sd of fold differences {StandardDeviation(points):F1}; {verdict}) | {logLoss:+0.000;−0.000;0.000}");
    }

    /// <summary>Sample standard deviation (n − 1); 0 for one value.</summary>
    private static double StandardDeviation(double[] values)
    {
        double mean = values.Average();
        return Math.Sqrt(values.Sum(a => (a - mean) * (a - mean)) / Math.Max(1, values.Length - 1));
    }

    /// <summary>Per-fold metrics of each classifier at one feature count of one data set.</summary>
    private sealed class FoldResults(int classifiers, int folds)
    {
        public double[][] Accuracy { get; } = Enumerable.Range(0, classifiers).Select(_ => new double[folds]).ToArray();

        public double[][] LogLoss { get; } = Enumerable.Range(0, classifiers).Select(_ => new double[folds]).ToArray();

        public double[] Seconds { get; } = new double[classifiers];

        /// <summary>Why a classifier has no figures (null while it trains in every fold).</summary>
        public string?[] Diverged { get; } = new string?[classifiers];

        public double PreparationSeconds { get; set; }

        /// <summary>SparseMlp's MicroAccuracy per fold, averaged over its seeds (columns from <see cref="FirstSparseMlpIndex"/> on); null when a seed diverged.</summary>
        public double[]? SparseMlpAccuracy() =>
            Diverged.Skip(FirstSparseMlpIndex).Any(d => d is not null)
                ? null
                : Enumerable.Range(0, folds).Select(f => Accuracy.Skip(FirstSparseMlpIndex).Average(a => a[f])).ToArray();

        /// <summary>SparseMlp's mean log-loss over folds and seeds.</summary>
        public double SparseMlpLogLoss() => LogLoss.Skip(FirstSparseMlpIndex).Average(l => l.Average());
    }

    private sealed class Row
    {
        public float Label { get; set; }

        public float[] Features { get; set; } = [];
    }
}
