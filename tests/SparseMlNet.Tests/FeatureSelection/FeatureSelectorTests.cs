using SparseMlNet.Data;
using SparseMlNet.FeatureSelection;

namespace SparseMlNet.Tests.FeatureSelection;

public sealed class FeatureSelectorTests
{
    [Fact]
    public void FromScores_RanksByDescendingScoreWithTiesByAscendingIndex()
    {
        var selector = FeatureSelector.FromScores("test", [0.5, 2.0, 0.5, 3.0, 0.0, 2.0], 3);

        Assert.Equal([3, 1, 5, 0, 2, 4], selector.Ranking.ToArray());
        Assert.Equal([3, 1, 5], selector.SelectedIndicesByRank.ToArray());
        Assert.Equal([1, 3, 5], selector.SelectedIndices.ToArray());
        Assert.Equal(0, selector.RankOf(3));
        Assert.Equal(5, selector.RankOf(4));
        Assert.Equal(2, selector.RankOf(5));
    }

    [Fact]
    public void FromScores_RankingIsAPermutationForManyTies()
    {
        double[] scores = Enumerable.Range(0, 500).Select(i => (double)(i % 3)).ToArray();

        var selector = FeatureSelector.FromScores("ties", scores, 10);

        int[] ranking = selector.Ranking.ToArray();
        Assert.Equal(Enumerable.Range(0, 500), ranking.Order());
        for (int r = 1; r < ranking.Length; r++)
        {
            int a = ranking[r - 1], b = ranking[r];
            Assert.True(scores[a] > scores[b] || (scores[a] == scores[b] && a < b), $"Ranks {r - 1} and {r} are out of order.");
        }
    }

    [Fact]
    public void WithSelectedCount_KeepsTheRankingAndChangesK()
    {
        var selector = FeatureSelector.FromScores("test", [1.0, 4.0, 3.0, 2.0], 1);

        FeatureSelector three = selector.WithSelectedCount(3);

        Assert.Equal(selector.Ranking.ToArray(), three.Ranking.ToArray());
        Assert.Equal([1, 2, 3], three.SelectedIndices.ToArray());
        Assert.Equal([1], selector.SelectedIndices.ToArray());
    }

    [Fact]
    public void Transform_KeepsSelectedColumnsInFeatureOrderWithTheirNames()
    {
        var selector = FeatureSelector.FromScores("test", [0.1, 0.9, 0.2, 0.8], 2, ["a", "b", "c", "d"]);
        var data = new Dataset([1, 2, 3, 4, 5, 6, 7, 8], [0, 1], 4, featureNames: ["a", "b", "c", "d"]);

        Dataset reduced = selector.Transform(data);

        Assert.Equal([2f, 4f, 6f, 8f], reduced.Features.ToArray());
        Assert.Equal(["b", "d"], reduced.FeatureNames!);
        Assert.Equal([0, 1], reduced.Labels.ToArray());
        Assert.Equal([2f, 4f], selector.Transform([1f, 2f, 3f, 4f], 4));
    }

    [Fact]
    public void Transform_ThrowsForADifferentFeatureCount()
    {
        var selector = FeatureSelector.FromScores("test", [0.1, 0.9, 0.2, 0.8], 2);

        var ex = Assert.Throws<ArgumentException>(() => selector.Transform([1f, 2f, 3f], 3));
        Assert.Contains("fitted on 4 features", ex.Message, StringComparison.Ordinal);
        Assert.Contains("has 3", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => selector.Transform(new Dataset([1, 2, 3], [0], 3)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    public void FromScores_ThrowsForKOutsideOneToFeatureCount(int k)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => FeatureSelector.FromScores("test", [1.0, 2.0, 3.0, 4.0], k));
        Assert.Contains("[1, 4]", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromScores_ThrowsForANonFiniteScore()
    {
        var ex = Assert.Throws<ArgumentException>(() => FeatureSelector.FromScores("test", [1.0, double.NaN], 1));
        Assert.Contains("feature 1", ex.Message, StringComparison.Ordinal);
    }
}
