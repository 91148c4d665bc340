using SparseMlNet.Data;
using SparseMlNet.FeatureSelection;
using SparseMlNet.SelectionEvaluation;

namespace SparseMlNet.Tests.SelectionEvaluation;

public sealed class SelectionEvaluatorTests
{
    [Fact]
    public void Evaluate_TheInformativeFeaturesScoreHigherThanNoiseOnes()
    {
        Dataset data = Clusters(rows: 300, seed: 1);
        var informative = FeatureSelector.FromScores("informative", [1, 1, 0, 0, 0, 0], 2);
        var noise = FeatureSelector.FromScores("noise", [0, 0, 0, 0, 1, 1], 2);
        var options = new SelectionEvaluationOptions { ClusteringRuns = 2, Trees = 20 };

        SelectionScore good = SelectionEvaluator.Evaluate(informative, data, options: options);
        SelectionScore bad = SelectionEvaluator.Evaluate(noise, data, options: options);

        Assert.Equal("5-fold CV", good.Protocol);
        Assert.True(good.Accuracy > 0.95, $"Accuracy on the informative features {good.Accuracy:F3}.");
        Assert.True(good.ClusteringAccuracy > 0.95, $"Clustering accuracy on the informative features {good.ClusteringAccuracy:F3}.");
        Assert.InRange(bad.Accuracy, 0.25, 0.75);
        Assert.InRange(bad.ClusteringAccuracy, 0.5, 0.75);
        Assert.Equal(2, good.SelectedCount);
    }

    [Fact]
    public void Evaluate_WithATestSetScoresTheHoldout()
    {
        Dataset train = Clusters(rows: 200, seed: 2);
        Dataset test = Clusters(rows: 100, seed: 3);
        var informative = FeatureSelector.FromScores("informative", [1, 1, 0, 0, 0, 0], 2);

        SelectionScore score = SelectionEvaluator.Evaluate(informative, train, test, new SelectionEvaluationOptions { ClusteringRuns = 1 });

        Assert.Equal("holdout", score.Protocol);
        Assert.Equal(0, score.AccuracyStdDev);
        Assert.True(score.Accuracy > 0.95);
    }

    [Fact]
    public void Evaluate_AveragesTheAccuraciesOfDistinctlySeededForests()
    {
        // Noise features: each forest's holdout accuracy depends on its seed, so the average is a real average of different numbers.
        Dataset train = Clusters(rows: 120, seed: 4);
        Dataset test = Clusters(rows: 61, seed: 5);
        var noise = FeatureSelector.FromScores("noise", [0, 0, 1, 1, 1, 1], 4);
        const int seed = 11;
        double[] single = [.. Enumerable.Range(0, 3).Select(f => SelectionEvaluator.Evaluate(
            noise, train, test, new SelectionEvaluationOptions { Forests = 1, Trees = 5, ClusteringRuns = 1, Seed = SelectionEvaluator.ForestSeed(seed, f) }).Accuracy)];

        SelectionScore averaged = SelectionEvaluator.Evaluate(noise, train, test, new SelectionEvaluationOptions { Forests = 3, Trees = 5, ClusteringRuns = 1, Seed = seed });

        Assert.True(single.Distinct().Count() > 1, $"The three forests should differ: {string.Join(", ", single)}.");
        Assert.Equal(seed, SelectionEvaluator.ForestSeed(seed, 0));
        Assert.Equal(single.Average(), averaged.Accuracy, 12);
    }

    [Fact]
    public void Options_RefuseFewerThanOneForest()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new SelectionEvaluationOptions { Forests = 0 }.Validate());
        Assert.Equal(nameof(SelectionEvaluationOptions.Forests), ex.ParamName);
    }

    [Fact]
    public void Evaluate_ThrowsForASingleClass()
    {
        var data = new Dataset([1, 2, 3, 4], [0, 0], 2);
        var ex = Assert.Throws<ArgumentException>(() => SelectionEvaluator.Evaluate(FeatureSelector.FromScores("x", [1, 0], 1), data));
        Assert.Contains("at least two", ex.Message, StringComparison.Ordinal);
    }

    /// <summary>Two classes separated along features 0 and 1; features 2–5 are noise.</summary>
    private static Dataset Clusters(int rows, int seed)
    {
        var random = new Random(seed);
        var features = new float[rows * 6];
        var labels = new int[rows];
        for (int i = 0; i < rows; i++)
        {
            labels[i] = i % 2;
            for (int j = 0; j < 6; j++)
            {
                double shift = j < 2 ? (labels[i] == 1 ? 4 : -4) : 0;
                features[(i * 6) + j] = (float)(shift + (random.NextDouble() * 2) - 1);
            }
        }

        return new Dataset(features, labels, 6);
    }
}
