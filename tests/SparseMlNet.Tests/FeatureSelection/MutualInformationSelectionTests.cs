using MathNet.Numerics;
using SparseMlNet.Data;
using SparseMlNet.FeatureSelection;

namespace SparseMlNet.Tests.FeatureSelection;

public sealed class MutualInformationSelectionTests
{
    [Fact]
    public void Fit_PerfectlySeparatingFeature_HasTheEstimatorsValueForKnownClasses()
    {
        // Feature 0 separates two balanced classes of 50 (class c lies in [10c, 10c + 1)); feature 1 is noise independent of the class.
        const int n = 100;
        var random = new Random(2);
        var x = new float[n * 2];
        var y = new int[n];
        for (int i = 0; i < n; i++)
        {
            y[i] = i % 2;
            x[i * 2] = (10 * y[i]) + (float)random.NextDouble();
            x[(i * 2) + 1] = (float)random.NextDouble();
        }

        FeatureSelector selector = MutualInformationSelection.Fit(new Dataset(x, y, 2), 1);

        // Separated classes: every sample's 3rd same-class neighbour is nearer than any other class, so m_i = k and I = ψ(100) − ψ(50) ≈ ln 2.
        Assert.Equal(SpecialFunctions.DiGamma(100) - SpecialFunctions.DiGamma(50), selector.Scores[0], 10);
        Assert.InRange(selector.Scores[1], 0, 0.1);
        Assert.Equal(0, selector.SelectedIndices[0]);
    }

    [Fact]
    public void Fit_ScoresAreInvariantToTheScaleOfAFeature()
    {
        var (features, d, _, labels) = SyntheticFeatures.Create(rows: 80, informative: 3, noise: 5, seed: 6);
        float[] scaled = [.. features];
        for (int i = 0; i < 80; i++)
        {
            scaled[i * d] *= 1024; // a power of two scales every float exactly
        }

        double a = MutualInformationSelection.Fit(new Dataset(features, labels, d), 1).Scores[0];
        double b = MutualInformationSelection.Fit(new Dataset(scaled, labels, d), 1).Scores[0];

        Assert.Equal(a, b, 6);
    }

    [Fact]
    public void Fit_FindsTheInformativeFeaturesOfSyntheticData()
    {
        var (features, d, informative, labels) = SyntheticFeatures.Create(rows: 300, informative: 4, noise: 20, seed: 7);

        FeatureSelector selector = MutualInformationSelection.Fit(new Dataset(features, labels, d), 4);

        Assert.True(selector.SelectedIndices.ToArray().Count(informative.Contains) >= 3, string.Join(", ", selector.SelectedIndices.ToArray()));
    }

    [Fact]
    public void Fit_DiscreteFeatures_AreScoredByTheirContingencyTable()
    {
        // Three discretised features (values −2, 0, 2 as the colon and lymphoma sets) over 120 rows of two balanced classes:
        // 0 copies the class (−2 or 2): I = ln 2; 1 is independent of it (each value equally often in both classes): I = 0;
        // 2 is −2 for class 0 and 0 or 2 (half each) for class 1: I = ln 2 as well (it still decides the class), then noise columns 3–5.
        const int n = 120;
        var x = new float[n * 6];
        var y = new int[n];
        var random = new Random(8);
        for (int i = 0; i < n; i++)
        {
            y[i] = i % 2;
            x[i * 6] = y[i] == 0 ? -2 : 2;
            x[(i * 6) + 1] = ((i / 2) % 3 * 2) - 2;
            x[(i * 6) + 2] = y[i] == 0 ? -2 : (i / 2) % 2 * 2;
            for (int j = 3; j < 6; j++)
            {
                x[(i * 6) + j] = (random.Next(3) * 2) - 2;
            }
        }

        FeatureSelector selector = MutualInformationSelection.Fit(new Dataset(x, y, 6), 2);

        Assert.Equal(Math.Log(2), selector.Scores[0], 12);
        Assert.Equal(0, selector.Scores[1], 12);
        Assert.Equal(Math.Log(2), selector.Scores[2], 12);
        Assert.All(selector.Scores[3..].ToArray(), v => Assert.InRange(v, 0, 0.05));
        Assert.Equal([0, 2], selector.SelectedIndices.ToArray());
    }

    [Fact]
    public void Fit_MixedData_ScoresEveryFeatureWithTheNeighbourEstimator()
    {
        // The class-copying −2/2 column of the discrete test, next to one continuous column: the data are not discretised, so the contingency
        // table (which would give exactly ln 2) is not used for the discrete column either.
        const int n = 120;
        var random = new Random(10);
        var x = new float[n * 2];
        var y = new int[n];
        for (int i = 0; i < n; i++)
        {
            y[i] = i % 2;
            x[i * 2] = y[i] == 0 ? -2 : 2;
            x[(i * 2) + 1] = (float)random.NextDouble();
        }

        double score = MutualInformationSelection.Fit(new Dataset(x, y, 2), 1).Scores[0];

        Assert.NotEqual(Math.Log(2), score, 6);
    }

    [Fact]
    public void Fit_DiscretisedInformativeColumnsAreFoundWhereverTheyAre()
    {
        // 40 discretised noise columns with 4 informative ones at the end: the selection must not fall back to the first columns.
        const int n = 90, d = 44;
        var random = new Random(9);
        var x = new float[n * d];
        var y = new int[n];
        for (int i = 0; i < n; i++)
        {
            y[i] = i % 3;
            for (int j = 0; j < d; j++)
            {
                int value = j >= 40 && random.NextDouble() < 0.85 ? y[i] : random.Next(3);
                x[(i * d) + j] = (value * 2) - 2;
            }
        }

        FeatureSelector selector = MutualInformationSelection.Fit(new Dataset(x, y, d), 4);

        Assert.Equal([40, 41, 42, 43], selector.SelectedIndices.ToArray());
    }

    [Fact]
    public void Fit_ThrowsForASingleClassNamingTheData()
    {
        var x = new float[20];
        for (int i = 0; i < x.Length; i++)
        {
            x[i] = i;
        }

        var ex = Assert.Throws<ArgumentException>(() => MutualInformationSelection.Fit(new Dataset(x, new int[10], 2), 1));

        Assert.Equal("data", ex.ParamName);
        Assert.Contains("at least two classes", ex.Message, StringComparison.Ordinal);
    }
}
