using SparseMlNet.Data;
using SparseMlNet.FeatureSelection;
using SparseMlNet.SelectionEvaluation;

namespace SparseMlNet.Tests.SelectionEvaluation;

public sealed class PairedComparisonTests
{
    [Fact]
    public void Compare_MatchesTheCorrectedStatisticWorkedByHand()
    {
        // d = 0.1 … 0.5: mean 0.3, sample variance 0.025; SE = √((1/5 + 0.25)·0.025) = 0.10607; t = 2.8284 with 4 degrees of freedom.
        // Student's t tables: two-sided p = 0.05 at t = 2.776 and 0.04 at t = 2.999, so p lies between them.
        double[] b = [0.5, 0.5, 0.5, 0.5, 0.5];
        double[] a = [0.6, 0.7, 0.8, 0.9, 1.0];

        PairedComparison result = PairedComparison.Compare(a, b, testToTrainRatio: 0.25);

        Assert.Equal(0.3, result.MeanDifference, 12);
        Assert.Equal(Math.Sqrt(0.45 * 0.025), result.StandardError, 12);
        Assert.Equal(0.3 / Math.Sqrt(0.45 * 0.025), result.T, 10);
        Assert.Equal(4, result.DegreesOfFreedom);
        Assert.InRange(result.PValue, 0.040, 0.050);
    }

    [Fact]
    public void Compare_TheCorrectionWidensTheNaiveStandardError()
    {
        double[] a = [0.9, 0.8, 1.0, 0.9, 0.85, 0.95];
        double[] b = [0.8, 0.8, 0.9, 0.85, 0.85, 0.9];

        PairedComparison corrected = PairedComparison.Compare(a, b, 0.25);
        PairedComparison swapped = PairedComparison.Compare(b, a, 0.25);

        // Naive SE would be √(σ̂²/m); the correction multiplies the variance by (1/m + 0.25)·m = 2.5 here.
        Assert.Equal(Math.Sqrt(2.5), corrected.StandardError / Math.Sqrt(MathNet.Numerics.Statistics.ArrayStatistics.Variance(a.Zip(b, (x, y) => x - y).ToArray()) / 6), 10);
        Assert.Equal(-corrected.T, swapped.T, 12);
        Assert.Equal(corrected.PValue, swapped.PValue, 12);
        Assert.InRange(corrected.PValue, 0, 1);
    }

    [Fact]
    public void Compare_IdenticalAccuraciesHavePValueOne_ConstantShiftHasPValueZero()
    {
        double[] a = [0.75, 0.5, 1.0];

        Assert.Equal(1, PairedComparison.Compare(a, a, 0.25).PValue);
        PairedComparison shifted = PairedComparison.Compare(a, [0.5, 0.25, 0.75], 0.25); // exact binary fractions: every difference is 0.25
        Assert.Equal(0, shifted.PValue);
        Assert.True(double.IsPositiveInfinity(shifted.T));
    }

    [Fact]
    public void Compare_RefusesUnpairedOrBadInput()
    {
        Assert.Throws<ArgumentException>(() => PairedComparison.Compare([0.9, 0.8], [0.9], 0.25));
        Assert.Throws<ArgumentException>(() => PairedComparison.Compare([0.9], [0.9], 0.25));
        var nan = Assert.Throws<ArgumentException>(() => PairedComparison.Compare([0.9, double.NaN], [0.9, 0.8], 0.25));
        Assert.Equal("a", nan.ParamName);
        var ratio = Assert.Throws<ArgumentOutOfRangeException>(() => PairedComparison.Compare([0.9, 0.8], [0.9, 0.8], 0));
        Assert.Equal("testToTrainRatio", ratio.ParamName);
    }

    [Fact]
    public void Of_ScoresOfOneComparison_FindTheSupervisedBaselineSignificantlyAboveRandom()
    {
        var (features, d, _, labels) = FeatureSelection.SyntheticFeatures.Create(120, informative: 4, noise: 60, 4);
        var data = new Dataset(features, labels, d);
        var options = new SelectionEvaluationOptions { Trees = 10, Forests = 1, ClusteringRuns = 1, KMeansRestarts = 2 };

        IReadOnlyList<SelectionScore> scores = SelectionComparison.Run([FeatureScorer.MutualInformation(), FeatureScorer.Random()], data, [4], options: options);
        PairedComparison test = PairedComparison.Of(scores[0], scores[1])!;

        Assert.Equal(scores[0].Accuracy - scores[1].Accuracy, test.MeanDifference, 12);
        Assert.Equal(24, test.DegreesOfFreedom); // 5 x 5 folds
        Assert.True(test.PValue < 0.01, $"MI vs random: difference {test.MeanDifference:F3}, p = {test.PValue}.");
        Assert.Equal(1, PairedComparison.Of(scores[1], scores[1])!.PValue);

        // Scores of another run (other folds) are not paired with these.
        SelectionScore other = SelectionComparison.Run([FeatureScorer.Random()], data, [4], options: new SelectionEvaluationOptions { Trees = 10, Forests = 1, ClusteringRuns = 1, KMeansRestarts = 2, Seed = 7 })[0];
        Assert.Throws<ArgumentException>(() => PairedComparison.Of(scores[0], other));
    }

    [Fact]
    public void Of_AHoldoutHasNoTest()
    {
        var (features, d, _, labels) = FeatureSelection.SyntheticFeatures.Create(160, informative: 4, noise: 20, 5);
        var all = new Dataset(features, labels, d);
        Dataset train = all.Subset([.. Enumerable.Range(0, 100)]);
        Dataset test = all.Subset([.. Enumerable.Range(100, 60)]);
        var options = new SelectionEvaluationOptions { Trees = 5, Forests = 1, ClusteringRuns = 1, KMeansRestarts = 1 };

        IReadOnlyList<SelectionScore> scores = SelectionComparison.Run([FeatureScorer.Variance(), FeatureScorer.Random()], train, [3], test, options);

        Assert.Equal("holdout", scores[0].Protocol);
        Assert.Null(PairedComparison.Of(scores[0], scores[1]));
    }
}
