using System.Diagnostics;
using System.Globalization;
using MathNet.Numerics.Statistics;
using SparseMlNet.Data;
using SparseMlNet.FeatureSelection;
using SparseMlNet.Networks;
using SparseMlNet.Randomness;

namespace SparseMlNet.SelectionEvaluation;

/// <summary>
/// The one evaluation protocol every selector goes through (the <c>select</c> command and the selector benchmark iterate over it): each
/// <see cref="IFeatureScorer"/> is fitted on training rows only and judged on rows it never saw, so supervised and unsupervised methods are compared fairly.
/// </summary>
/// <remarks>
/// <para>Protocol. With a held-out test set of at least <see cref="SelectionEvaluationOptions.SmallTestSize"/> rows: fit on the training data, score on the test
/// set. Otherwise (no test set, or a small one, which is then pooled with the training rows): repeated stratified k-fold cross-validation —
/// <see cref="SelectionEvaluationOptions.RepeatsFor"/> repetitions of <see cref="SelectionEvaluationOptions.Folds"/> folds, each fold's selector fitted on the
/// other folds with its own derived seed. In every test part the k selected features are judged by (1) the accuracy of extremely randomised trees
/// (<see cref="ExtraTreesClassifier"/>, 50 trees, averaged over <see cref="SelectionEvaluationOptions.Forests"/> seeded forests) trained on the training part, and (2) the k-means clustering accuracy on the test part itself (standardised
/// features, as many clusters as classes present there, Hungarian matching), as the QuickSelection paper's section 4.1 with the selection moved inside the folds.
/// Reported: the mean and population standard deviation over the test parts, the mean seconds per fit, and the stability of the top k over the fits
/// (<see cref="SelectionStability"/>: mean pairwise Jaccard and Kuncheva index; the fits differ in seed and in training rows).</para>
/// </remarks>
public static class SelectionComparison
{
    /// <summary>Evaluates every scorer at every k on the same splits.</summary>
    /// <param name="scorers">The methods, in report order; names should be distinct.</param>
    /// <param name="data">Labelled training data with at least two classes.</param>
    /// <param name="selectedCounts">The k values, each in [1, d); every fit selects the largest and the smaller ones reuse its ranking.</param>
    /// <param name="test">Held-out labelled data with the same features, or null.</param>
    /// <param name="options">Folds, repeats, trees, clusterings and seed; null for the defaults.</param>
    /// <param name="progress">Optional: called with a short line before each fold or fit, for example "fold 3/25".</param>
    /// <param name="cancellationToken">Stops between fits.</param>
    /// <returns>One score per scorer and k, scorer-major, k ascending.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="scorers"/>, <paramref name="data"/> or <paramref name="selectedCounts"/> is null.</exception>
    /// <exception cref="ArgumentException">No scorer or no k; labels with a single class; a test set with other features.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A k outside [1, d); an option out of range; more folds than the smallest class allows.</exception>
    public static IReadOnlyList<SelectionScore> Run(
        IReadOnlyList<IFeatureScorer> scorers,
        Dataset data,
        IReadOnlyList<int> selectedCounts,
        Dataset? test = null,
        SelectionEvaluationOptions? options = null,
        Action<string>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scorers);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(selectedCounts);
        options ??= new SelectionEvaluationOptions();
        options.Validate();
        if (scorers.Count == 0)
        {
            throw new ArgumentException("Give at least one selector to evaluate.", nameof(scorers));
        }

        if (selectedCounts.Count == 0)
        {
            throw new ArgumentException("Give at least one k.", nameof(selectedCounts));
        }

        int[] counts = [.. selectedCounts.Distinct().Order()];
        if (counts[0] < 1 || counts[^1] >= data.FeatureCount)
        {
            throw new ArgumentOutOfRangeException(
                nameof(selectedCounts), $"Every k must lie in [1, {data.FeatureCount - 1}]: selecting all {data.FeatureCount} features (or more) selects nothing; got {string.Join(", ", counts)}.");
        }

        CheckClasses(data, nameof(data));
        if (test is not null && test.FeatureCount != data.FeatureCount)
        {
            throw new ArgumentException($"The test data has {test.FeatureCount} features but the training data has {data.FeatureCount}; both need the same columns.", nameof(test));
        }

        List<(Dataset Train, Dataset Test, int[] TestRows)> splits;
        string protocol;
        if (test is not null && test.Count >= SelectionEvaluationOptions.SmallTestSize)
        {
            splits = [(data, test, [.. Enumerable.Range(0, test.Count)])];
            protocol = "holdout";
        }
        else
        {
            Dataset pooled = test is null ? data : Concatenate(data, test);
            int repeats = options.RepeatsFor(pooled.Count);
            splits = Folds(pooled, options.Folds, repeats, options.Seed);
            protocol = string.Create(CultureInfo.InvariantCulture, $"{(repeats > 1 ? $"{repeats} x " : string.Empty)}{options.Folds}-fold stratified CV{(test is null ? string.Empty : " on train + small test")}");
        }

        var results = new List<SelectionScore>();
        foreach (IFeatureScorer scorer in scorers)
        {
            var accuracies = counts.Select(_ => new List<double>()).ToArray();
            var clusterings = counts.Select(_ => new List<double>()).ToArray();
            var subsets = counts.Select(_ => new List<int[]>()).ToArray();
            var parts = counts.Select(_ => new List<SelectionPart>()).ToArray();
            double seconds = 0;
            for (int s = 0; s < splits.Count; s++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                progress?.Invoke(string.Create(CultureInfo.InvariantCulture, $"{scorer.Method}: fit {s + 1}/{splits.Count}"));
                (Dataset train, Dataset part, int[] testRows) = splits[s];
                int fitSeed = FitSeed(options.Seed, s);
                var clock = Stopwatch.StartNew();
                FeatureSelector fitted = scorer.Fit(train, counts[^1], fitSeed, cancellationToken);
                seconds += clock.Elapsed.TotalSeconds;
                for (int c = 0; c < counts.Length; c++)
                {
                    FeatureSelector selector = fitted.WithSelectedCount(counts[c]);
                    Dataset selectedTrain = selector.Transform(train);
                    Dataset selectedTest = selector.Transform(part);
                    double accuracy = SelectionEvaluator.HoldoutAccuracy(selectedTrain, selectedTest, options, fitSeed);
                    accuracies[c].Add(accuracy);
                    int classes = selectedTest.ClassCounts().Count(n => n > 0);
                    if (classes >= 2)
                    {
                        clusterings[c].Add(ArrayStatistics.Mean(SelectionEvaluator.ClusteringAccuracies(selectedTest, classes, options)));
                    }

                    int[] selected = selector.SelectedIndicesByRank.ToArray();
                    subsets[c].Add(selected);
                    parts[c].Add(new SelectionPart(testRows, train.Count, selected, accuracy));
                }
            }

            for (int c = 0; c < counts.Length; c++)
            {
                double[] acc = [.. accuracies[c]];
                double[] clu = [.. clusterings[c]];
                results.Add(new SelectionScore(
                    scorer.Method,
                    counts[c],
                    ArrayStatistics.Mean(acc),
                    acc.Length > 1 ? ArrayStatistics.PopulationStandardDeviation(acc) : 0,
                    clu.Length > 0 ? ArrayStatistics.Mean(clu) : double.NaN,
                    clu.Length > 1 ? ArrayStatistics.PopulationStandardDeviation(clu) : 0,
                    protocol,
                    seconds / splits.Count,
                    subsets[c].Count > 1 ? SelectionStability.Measure(subsets[c], data.FeatureCount) : null,
                    parts[c]));
            }
        }

        return results;
    }

    /// <summary>The seed of fit <paramref name="split"/>: mixed from the evaluation seed (SplitMix64), so each fold's selector gets its own.</summary>
    internal static int FitSeed(int seed, int split) => SeedStreams.NonNegativeInt32(SeedStreams.FromInt32(seed), split, 0xF01D, 0, 0);

    private static void CheckClasses(Dataset data, string parameter)
    {
        int classes = data.ClassCounts().Count(c => c > 0);
        if (classes < 2)
        {
            throw new ArgumentException($"The evaluation labels contain {classes} class; accuracy and clustering need at least two.", parameter);
        }
    }

    /// <summary>(training part, test part, the test part's rows of <paramref name="data"/>) of every fold of <paramref name="repeats"/> stratified k-fold splits, repetition r with seed + r.</summary>
    internal static List<(Dataset Train, Dataset Test, int[] TestRows)> Folds(Dataset data, int folds, int repeats, int seed)
    {
        var splits = new List<(Dataset Train, Dataset Test, int[] TestRows)>(folds * repeats);
        var inTest = new bool[data.Count];
        for (int r = 0; r < repeats; r++)
        {
            int[][] parts = DataSplit.StratifiedFolds(data, folds, seed + r);
            foreach (int[] part in parts)
            {
                Array.Clear(inTest);
                foreach (int row in part)
                {
                    inTest[row] = true;
                }

                var trainRows = new List<int>(data.Count);
                for (int i = 0; i < data.Count; i++)
                {
                    if (!inTest[i])
                    {
                        trainRows.Add(i);
                    }
                }

                splits.Add((data.Subset(trainRows.ToArray()), data.Subset(part), part));
            }
        }

        return splits;
    }

    private static Dataset Concatenate(Dataset a, Dataset b)
    {
        float[] features = [.. a.Features, .. b.Features];
        int[] labels = [.. a.Labels, .. b.Labels];
        return new Dataset(features, labels, a.FeatureCount, Math.Max(a.ClassCount, b.ClassCount), a.FeatureNames);
    }
}
