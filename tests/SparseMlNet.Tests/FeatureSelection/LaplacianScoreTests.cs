using SparseMlNet.FeatureSelection;

namespace SparseMlNet.Tests.FeatureSelection;

public sealed class LaplacianScoreTests
{
    /// <summary>
    /// 60 samples in two tight groups along feature 0 (±3), feature 1 a noisy copy of the group (which, with feature 0, decides the neighbour graph),
    /// features 2–5 independent noise too small (σ = 0.01) to move the graph, feature 6 constant.
    /// </summary>
    private static (float[] Features, int FeatureCount) Groups()
    {
        const int n = 60, d = 7;
        var random = new Random(9);
        var x = new float[n * d];
        for (int i = 0; i < n; i++)
        {
            float group = i % 2 == 0 ? 3 : -3;
            x[(i * d) + 0] = group + (0.1f * Gaussian(random));
            x[(i * d) + 1] = (0.5f * group) + (0.5f * Gaussian(random));
            for (int j = 2; j < 6; j++)
            {
                x[(i * d) + j] = 0.01f * Gaussian(random);
            }

            x[(i * d) + 6] = 1;
        }

        return (x, d);
    }

    [Fact]
    public void Fit_RanksTheFeaturesThatRespectTheNeighbourhoodsFirstAndConstantsLast()
    {
        (float[] x, int d) = Groups();

        FeatureSelector selector = LaplacianScore.Fit(x, d, 2);

        Assert.Equal([0, 1], selector.SelectedIndicesByRank.ToArray());
        Assert.Equal(6, selector.Ranking[^1]);
        Assert.Equal("Laplacian score", selector.Method);
    }

    [Fact]
    public void Fit_ScoreIsMinusTheLaplacianRatioWhichIsNearOneForNoise()
    {
        (float[] x, int d) = Groups();

        FeatureSelector selector = LaplacianScore.Fit(x, d, 1);

        // L_r ∈ [0, 2]; the group feature barely changes along graph edges (L_r ≈ 0), while noise independent of the graph has L_r ≈ 1 (He et al. 2005, section 3).
        Assert.InRange(-selector.Scores[0], 0, 0.05);
        for (int j = 2; j < 6; j++)
        {
            Assert.InRange(-selector.Scores[j], 0.6, 1.4);
        }
    }

    [Fact]
    public void Fit_ThrowsForNonPositiveNeighbours()
    {
        (float[] x, int d) = Groups();

        Assert.Throws<ArgumentOutOfRangeException>(() => LaplacianScore.Fit(x, d, 1, neighbours: 0));
    }

    private static float Gaussian(Random random) =>
        (float)(Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble()));
}
