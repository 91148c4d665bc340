using SparseMlNet.FeatureSelection;

namespace SparseMlNet.Tests.FeatureSelection;

public sealed class BaselineSelectionTests
{
    [Fact]
    public void Variance_ScoresPopulationVarianceOfRawColumns()
    {
        // Columns: constant, spread 1, spread 10, spread 0.1.
        float[] features = [5, 0, 0, 0, 5, 1, 10, 0.1f, 5, 2, 20, 0.2f];

        FeatureSelector selector = VarianceSelection.Fit(features, 4, 2, ["c", "one", "ten", "tenth"]);

        Assert.Equal(0.0, selector.Scores[0]);
        Assert.Equal(2.0 / 3, selector.Scores[1], 6);
        Assert.Equal(200.0 / 3, selector.Scores[2], 4);
        Assert.Equal([2, 1, 3, 0], selector.Ranking.ToArray());
        Assert.Equal([1, 2], selector.SelectedIndices.ToArray());
        Assert.Equal("Variance", selector.Method);
    }

    [Fact]
    public void Variance_RejectsMissingValues()
    {
        var ex = Assert.Throws<ArgumentException>(() => VarianceSelection.Fit([1f, float.NaN, 2f, 3f], 2, 1));
        Assert.Contains("row 0, column 1", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Random_IsASeededPermutation()
    {
        FeatureSelector a = RandomSelection.Fit(50, 10, seed: 4);
        FeatureSelector b = RandomSelection.Fit(50, 10, seed: 4);
        FeatureSelector c = RandomSelection.Fit(50, 10, seed: 5);

        Assert.Equal(Enumerable.Range(0, 50), a.Ranking.ToArray().Order());
        Assert.Equal(a.Ranking.ToArray(), b.Ranking.ToArray());
        Assert.NotEqual(a.Ranking.ToArray(), c.Ranking.ToArray());
        Assert.Equal(10, a.SelectedIndices.Length);
    }
}
