using SparseMlNet.FeatureSelection;

namespace SparseMlNet.Tests.FeatureSelection;

public sealed class SelectionStabilityTests
{
    [Fact]
    public void Measure_IdenticalSelections_AreFullyStable()
    {
        SelectionStability s = SelectionStability.Measure([[1, 4, 7], [7, 1, 4], [4, 7, 1]], 20);

        Assert.Equal((1.0, 1.0, 3), (s.MeanJaccard, s.MeanKuncheva, s.Subsets));
    }

    [Fact]
    public void Measure_MatchesTheDefinitionsOnAHandWorkedPair()
    {
        // d = 10, k = 2, one shared feature: Jaccard 1 / 3; Kuncheva (1·10 − 4) / (2·(10 − 2)) = 0.375.
        SelectionStability s = SelectionStability.Measure([[0, 1], [1, 2]], 10);

        Assert.Equal(1.0 / 3, s.MeanJaccard, 12);
        Assert.Equal(0.375, s.MeanKuncheva, 12);
    }

    [Fact]
    public void Measure_AveragesOverAllPairsAndDisjointSelectionsAreBelowChance()
    {
        // Pairs: (a, b) share 2 of 2, (a, c) and (b, c) share 0. d = 6, k = 2: Kuncheva 1, −4/8, −4/8.
        SelectionStability s = SelectionStability.Measure([[0, 1], [1, 0], [2, 3]], 6);

        Assert.Equal(1.0 / 3, s.MeanJaccard, 12);
        Assert.Equal((1 - 0.5 - 0.5) / 3, s.MeanKuncheva, 12);
    }

    [Fact]
    public void Measure_RandomSubsetsAgreeByChanceOnly()
    {
        var random = new Random(4);
        int[][] subsets = [.. Enumerable.Range(0, 30).Select(_ => Enumerable.Range(0, 1000).OrderBy(_ => random.Next()).Take(50).ToArray())];

        SelectionStability s = SelectionStability.Measure(subsets, 1000);

        Assert.InRange(s.MeanKuncheva, -0.03, 0.03);
        Assert.InRange(s.MeanJaccard, 0.01, 0.04); // chance: r = k²/d = 2.5, 2.5 / 97.5 ≈ 0.026
    }

    [Fact]
    public void Measure_ThrowsForASingleSelection()
    {
        var ex = Assert.Throws<ArgumentException>(() => SelectionStability.Measure([[0, 1]], 10));

        Assert.Contains("at least 2", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Measure_ThrowsWhenKIsTheFeatureCount()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => SelectionStability.Measure([[0, 1], [1, 0]], 2));

        Assert.Contains("k < d", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Measure_ThrowsForSelectionsOfDifferentSizesOrRepeatedFeatures()
    {
        Assert.Throws<ArgumentException>(() => SelectionStability.Measure([[0, 1], [1, 2, 3]], 10));
        Assert.Throws<ArgumentException>(() => SelectionStability.Measure([[0, 0], [1, 2]], 10));
    }
}
