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
