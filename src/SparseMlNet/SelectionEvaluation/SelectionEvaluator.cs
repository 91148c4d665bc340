using System.Globalization;
using MathNet.Numerics.Statistics;
using SparseMlNet.Data;
using SparseMlNet.FeatureSelection;
using SparseMlNet.Randomness;

namespace SparseMlNet.SelectionEvaluation;

/// <summary>
/// Scores one fitted feature selection the way the unsupervised-feature-selection literature and the QuickSelection paper (section 4.1) do:
/// (1) downstream accuracy of an <see cref="ExtraTreesClassifier"/> (50 trees; the mean of <see cref="SelectionEvaluationOptions.Forests"/> forests) trained on the selected features only, on a held-out test set or by
/// stratified cross-validation; (2) clustering accuracy of <see cref="KMeans"/> on the selected features (standardised), with as many clusters as classes,
/// clusters matched to classes by the Hungarian method (<see cref="ClusteringAccuracy"/>), averaged over several clusterings. Labels are used only here, never by the selectors.
/// </summary>
public static class SelectionEvaluator
{
    /// <summary>Evaluates one selector.</summary>
    /// <param name="selector">The fitted selector; its feature count must match the data's.</param>
    /// <param name="train">Labelled data the classifier trains on and the clustering runs on (raw features; the trees are scale-free and the clustering standardises).</param>
    /// <param name="test">Held-out labelled data for the classifier, or null for stratified cross-validation on <paramref name="train"/>.</param>
    /// <param name="options">Evaluation settings; null for the defaults.</param>
    /// <returns>The scores.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="selector"/> or <paramref name="train"/> is null.</exception>
    /// <exception cref="ArgumentException">A feature count differs from the selector's, or the training labels hold fewer than two classes.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range, or there are more folds than rows.</exception>
    public static SelectionScore Evaluate(FeatureSelector selector, Dataset train, Dataset? test = null, SelectionEvaluationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(selector);
        ArgumentNullException.ThrowIfNull(train);
        options ??= new SelectionEvaluationOptions();
        options.Validate();
        int classes = train.ClassCounts().Count(c => c > 0);
        if (classes < 2)
        {
            throw new ArgumentException($"The evaluation labels contain {classes} class; accuracy and clustering need at least two.", nameof(train));
        }

        Dataset selectedTrain = selector.Transform(train);
        double accuracy;
        double accuracySpread;
        string protocol;
        if (test is not null)
        {
            Dataset selectedTest = selector.Transform(test);
            accuracy = HoldoutAccuracy(selectedTrain, selectedTest, options, options.Seed);
            accuracySpread = 0;
            protocol = "holdout";
        }
        else
        {
            double[] folds = CrossValidatedAccuracies(selectedTrain, options);
            accuracy = ArrayStatistics.Mean(folds);
            accuracySpread = ArrayStatistics.PopulationStandardDeviation(folds);
            protocol = string.Create(CultureInfo.InvariantCulture, $"{options.Folds}-fold CV");
        }

        double[] clustering = ClusteringAccuracies(selectedTrain, classes, options);
        return new SelectionScore(
            selector.Method,
            selector.SelectedCount,
            accuracy,
            accuracySpread,
            ArrayStatistics.Mean(clustering),
            ArrayStatistics.PopulationStandardDeviation(clustering),
            protocol);
    }

    /// <summary>
    /// Mean test accuracy of <see cref="SelectionEvaluationOptions.Forests"/> forests of <see cref="SelectionEvaluationOptions.Trees"/> trees trained on
    /// <paramref name="train"/> and scored on <paramref name="test"/>; forest 0 is seeded with <paramref name="seed"/>, forest f ≥ 1 with <see cref="ForestSeed"/>.
    /// </summary>
    internal static double HoldoutAccuracy(Dataset train, Dataset test, SelectionEvaluationOptions options, int seed)
    {
        int classes = Math.Max(train.ClassCount, test.ClassCount);
        double sum = 0;
        for (int f = 0; f < options.Forests; f++)
        {
            var forest = ExtraTreesClassifier.Fit(train.Features, train.FeatureCount, train.Labels, classes, ForestSeed(seed, f), options.Trees);
            int[] predicted = forest.Predict(test.Features);
            int correct = 0;
            for (int i = 0; i < predicted.Length; i++)
            {
                correct += predicted[i] == test.Labels[i] ? 1 : 0;
            }

            sum += (double)correct / predicted.Length;
        }

        return sum / options.Forests;
    }

    /// <summary>The seed of forest <paramref name="forest"/>: <paramref name="seed"/> itself for the first, a SplitMix64 mix of both for the others.</summary>
    internal static int ForestSeed(int seed, int forest) =>
        forest == 0 ? seed : SeedStreams.NonNegativeInt32(SeedStreams.FromInt32(seed), forest, 0xF0E5, 0, 0);

    private static double[] CrossValidatedAccuracies(Dataset data, SelectionEvaluationOptions options)
    {
        List<(Dataset Train, Dataset Test, int[] TestRows)> splits = SelectionComparison.Folds(data, options.Folds, repeats: 1, options.Seed);
        var accuracies = new double[splits.Count];
        for (int f = 0; f < splits.Count; f++)
        {
            accuracies[f] = HoldoutAccuracy(splits[f].Train, splits[f].Test, options, options.Seed + f);
        }

        return accuracies;
    }

    internal static double[] ClusteringAccuracies(Dataset data, int classes, SelectionEvaluationOptions options)
    {
        float[] scaled = FeatureScaler.Fit(data, ScalingKind.Standardize).Transform(data.Features, data.FeatureCount);
        var accuracies = new double[options.ClusteringRuns];
        for (int r = 0; r < accuracies.Length; r++)
        {
            KMeansResult clusters = KMeans.Fit(scaled, data.FeatureCount, classes, options.Seed + r, options.KMeansRestarts);
            accuracies[r] = ClusteringAccuracy.Compute(data.Labels, clusters.Labels);
        }

        return accuracies;
    }
}
