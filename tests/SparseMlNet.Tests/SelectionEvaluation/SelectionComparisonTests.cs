using SparseMlNet.Data;
using SparseMlNet.FeatureSelection;
using SparseMlNet.SelectionEvaluation;

namespace SparseMlNet.Tests.SelectionEvaluation;

public sealed class SelectionComparisonTests
{
    private static readonly SelectionEvaluationOptions Quick = new() { Trees = 10, ClusteringRuns = 1, KMeansRestarts = 2 };

    private static Dataset Synthetic(int rows, int seed = 4)
    {
        var (features, d, _, labels) = FeatureSelection.SyntheticFeatures.Create(rows, informative: 4, noise: 20, seed);
        return new Dataset(features, labels, d);
    }

    [Fact]
    public void Run_SmallData_UsesRepeatedStratifiedCvAndTheSupervisedBaselineBeatsRandom()
    {
        Dataset data = Synthetic(rows: 120);

        IReadOnlyList<SelectionScore> scores = SelectionComparison.Run([FeatureScorer.Random(), FeatureScorer.MutualInformation()], data, [4], options: Quick);

        // 120 rows / 5 folds = 24 test rows < 50: 5 repetitions of 5 folds.
        Assert.All(scores, s => Assert.Equal("5 x 5-fold stratified CV", s.Protocol));
        Assert.Equal(["Random", "Mutual information"], scores.Select(s => s.Method));
        Assert.True(scores[1].Accuracy > scores[0].Accuracy + 0.1, $"MI {scores[1].Accuracy:F3} vs random {scores[0].Accuracy:F3}.");
        Assert.Equal(25, scores[0].Stability!.Subsets);
        Assert.True(scores[1].Stability!.MeanKuncheva > scores[0].Stability!.MeanKuncheva + 0.3);
        Assert.True(scores[0].AccuracyStdDev > 0);
    }

    [Fact]
    public void Run_LargeTestSet_IsAHoldoutWithOneFit()
    {
        Dataset train = Synthetic(rows: 100, seed: 1);
        Dataset test = Synthetic(rows: 60, seed: 2);

        SelectionScore score = SelectionComparison.Run([FeatureScorer.Variance()], train, [3, 5], test, Quick)[0];

        Assert.Equal("holdout", score.Protocol);
        Assert.Null(score.Stability);
        Assert.Equal(0, score.AccuracyStdDev);
        Assert.Equal(3, score.SelectedCount);
    }

    [Fact]
    public void Run_SmallTestSet_IsPooledIntoTheCrossValidation()
    {
        Dataset train = Synthetic(rows: 80, seed: 1);
        Dataset test = Synthetic(rows: 20, seed: 2);

        SelectionScore score = SelectionComparison.Run([FeatureScorer.Variance()], train, [3], test, Quick)[0];

        Assert.Equal("5 x 5-fold stratified CV on train + small test", score.Protocol);
    }

    [Fact]
    public void Run_PartsRecordExactlyWhatWasScored()
    {
        Dataset data = Synthetic(rows: 60);
        var options = new SelectionEvaluationOptions { Trees = 5, Forests = 2, ClusteringRuns = 1, KMeansRestarts = 1, Repeats = 2, Folds = 3 };

        SelectionScore score = SelectionComparison.Run([FeatureScorer.Random()], data, [4], options: options)[0];

        IReadOnlyList<SelectionPart> parts = score.Parts!;
        Assert.Equal(6, parts.Count);
        for (int r = 0; r < 2; r++)
        {
            // The three parts of a repetition are disjoint, ascending and cover every row once.
            int[] rows = [.. parts.Skip(3 * r).Take(3).SelectMany(p => p.TestRows)];
            Assert.Equal(Enumerable.Range(0, 60), rows.Order());
            Assert.All(parts.Skip(3 * r).Take(3), p => Assert.Equal(p.TestRows.Order(), p.TestRows));
        }

        Assert.Equal(score.Accuracy, parts.Average(p => p.Accuracy), 12);

        // Re-scoring part 4 from its record alone gives its accuracy: another evaluator can score the same selections.
        SelectionPart part = parts[4];
        Assert.Equal(4, part.SelectedByRank.Count);
        var testRows = part.TestRows.ToHashSet();
        Dataset train = data.Subset([.. Enumerable.Range(0, 60).Where(i => !testRows.Contains(i))]);
        Dataset test = data.Subset([.. part.TestRows]);
        var selector = FeatureSelector.FromScores("part", [.. Enumerable.Range(0, data.FeatureCount).Select(j => part.SelectedByRank.Contains(j) ? 1.0 : 0.0)], 4);
        double rescored = SelectionEvaluator.HoldoutAccuracy(selector.Transform(train), selector.Transform(test), options, SelectionComparison.FitSeed(options.Seed, 4));
        Assert.Equal(part.Accuracy, rescored, 12);
    }

    [Fact]
    public void Run_ExplicitRepeatsAreUsed()
    {
        Dataset data = Synthetic(rows: 60);

        SelectionScore score = SelectionComparison.Run([FeatureScorer.Laplacian()], data, [2], options: new SelectionEvaluationOptions { Trees = 5, ClusteringRuns = 1, KMeansRestarts = 1, Repeats = 2, Folds = 3 })[0];

        Assert.Equal("2 x 3-fold stratified CV", score.Protocol);
        Assert.Equal(6, score.Stability!.Subsets);
    }

    [Theory]
    [InlineData(24)]
    [InlineData(30)]
    public void Run_ThrowsWhenKIsNotBelowTheFeatureCount(int k)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => SelectionComparison.Run([FeatureScorer.Variance()], Synthetic(40), [k], options: Quick));

        Assert.Contains("[1, 23]", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_ThrowsForASingleClass()
    {
        Dataset data = Synthetic(40);
        var single = new Dataset(data.Features.ToArray(), new int[40], data.FeatureCount);

        var ex = Assert.Throws<ArgumentException>(() => SelectionComparison.Run([FeatureScorer.MutualInformation()], single, [2], options: Quick));

        Assert.Contains("at least two", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_ThrowForNegativeRepeats()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new SelectionEvaluationOptions { Repeats = -1 }.Validate());

        Assert.Equal(nameof(SelectionEvaluationOptions.Repeats), ex.ParamName);
    }
}
