using MathNet.Numerics.Distributions;
using SparseMlNet.Analysis;

namespace SparseMlNet.Tests.Analysis;

public sealed class DegreeDistributionTests
{
    // Star: input 0 feeds every hidden neuron (hub); inputs 1–4 feed nothing. Hidden neuron h feeds output h % 2.
    private static readonly SparseMlNet.Sparse.SparseMatrix StarInput =
        TopologyBuilders.Layer(6, 5, Enumerable.Range(0, 6).Select(h => (h, 0)));

    private static readonly SparseMlNet.Sparse.SparseMatrix StarOutput =
        TopologyBuilders.Layer(2, 6, Enumerable.Range(0, 6).Select(h => (h % 2, h)));

    [Fact]
    public void Of_StarGraph_HubHasAllConnectionsLeavesHaveNone()
    {
        var network = TopologyBuilders.Network(StarInput, StarOutput);

        var inputs = DegreeDistribution.Of(network, 0, DegreeDirection.Out);
        Assert.Equal(new[] { 6, 0, 0, 0, 0 }, inputs.Degrees);
        Assert.Equal(0, inputs.Min);
        Assert.Equal(6, inputs.Max);
        Assert.Equal(1.2, inputs.Mean, 12);
        Assert.Equal(((6 - 1.2) * (6 - 1.2) + (4 * 1.2 * 1.2)) / 5, inputs.Variance, 12);
        Assert.Equal(new[] { 4, 0, 0, 0, 0, 0, 1 }, inputs.Counts);
        Assert.Equal(0.8, inputs.Fraction(0), 12);
        Assert.Equal(0, inputs.Fraction(7));

        var hiddenIn = DegreeDistribution.Of(network, 1, DegreeDirection.In);
        var hiddenOut = DegreeDistribution.Of(network, 1, DegreeDirection.Out);
        var hiddenTotal = DegreeDistribution.Of(network, 1, DegreeDirection.Total);
        Assert.All(hiddenIn.Degrees, d => Assert.Equal(1, d));
        Assert.All(hiddenOut.Degrees, d => Assert.Equal(1, d));
        Assert.All(hiddenTotal.Degrees, d => Assert.Equal(2, d));

        var outputs = DegreeDistribution.Of(network, 2, DegreeDirection.In);
        Assert.Equal(new[] { 3, 3 }, outputs.Degrees);
        Assert.Equal(outputs.Degrees, DegreeDistribution.Of(network, 2, DegreeDirection.Total).Degrees);
    }

    [Fact]
    public void InDegreesOutDegrees_MatchRowAndColumnCounts()
    {
        Assert.Equal(new[] { 1, 1, 1, 1, 1, 1 }, DegreeDistribution.InDegrees(StarInput).Degrees);
        Assert.Equal(new[] { 6, 0, 0, 0, 0 }, DegreeDistribution.OutDegrees(StarInput).Degrees);
    }

    [Fact]
    public void Of_RegularBipartiteGraph_AllDegreesEqualAndZeroVariance()
    {
        // 8 hidden × 8 inputs, hidden h connected to inputs h, h+1, h+2 (mod 8): every in- and out-degree is 3.
        var layer = TopologyBuilders.Layer(8, 8, Enumerable.Range(0, 8).SelectMany(h => new[] { (h, h), (h, (h + 1) % 8), (h, (h + 2) % 8) }));
        var output = TopologyBuilders.Layer(2, 8, Enumerable.Range(0, 8).Select(h => (h % 2, h)));
        var network = TopologyBuilders.Network(layer, output);

        var hidden = DegreeDistribution.Of(network, 1, DegreeDirection.In);
        var inputs = DegreeDistribution.Of(network, 0, DegreeDirection.Out);

        Assert.All(hidden.Degrees, d => Assert.Equal(3, d));
        Assert.All(inputs.Degrees, d => Assert.Equal(3, d));
        Assert.Equal(0, hidden.Variance);
        Assert.Equal(3, hidden.Mean);
        Assert.Equal(1.0, hidden.Fraction(3));
    }

    [Fact]
    public void KolmogorovSmirnovAndTotalVariation_RegularGraphAgainstBinomial_MatchClosedForm()
    {
        // All 8 neurons have degree 3; the binomial Bin(8, 3/8) puts mass on 0…8.
        var regular = DegreeDistribution.FromDegrees(Enumerable.Repeat(3, 8).ToArray());
        double[] pmf = ErdosRenyiDegrees.BinomialPmf(8, 3.0 / 8);

        var binomial = new Binomial(3.0 / 8, 8);
        double expectedKs = Math.Max(binomial.CumulativeDistribution(2), 1 - binomial.CumulativeDistribution(3));
        double expectedTv = 1 - binomial.Probability(3);

        Assert.Equal(expectedKs, regular.KolmogorovSmirnovDistance(pmf), 12);
        Assert.Equal(expectedTv, regular.TotalVariationDistance(pmf), 12);
        Assert.Equal(0, regular.KolmogorovSmirnovDistance([0, 0, 0, 1]), 12);
        Assert.Equal(1, regular.TotalVariationDistance([1]), 12);
    }

    [Fact]
    public void Of_DirectionThatDoesNotExist_Throws()
    {
        var network = TopologyBuilders.Network(StarInput, StarOutput);

        Assert.Throws<ArgumentException>(() => DegreeDistribution.Of(network, 0, DegreeDirection.In));
        Assert.Throws<ArgumentException>(() => DegreeDistribution.Of(network, 2, DegreeDirection.Out));
        Assert.Throws<ArgumentOutOfRangeException>(() => DegreeDistribution.Of(network, 3, DegreeDirection.In));
        Assert.Throws<ArgumentException>(() => DegreeDistribution.FromDegrees([]));
        Assert.Throws<ArgumentOutOfRangeException>(() => DegreeDistribution.FromDegrees([1, -1]));
    }

    [Fact]
    public void ExpectedPmf_ErdosRenyiNetwork_MatchesSampledDegrees()
    {
        // 400 × 300 layer at p = 0.05: in-degrees ~ Bin(300, 0.05), out-degrees ~ Bin(400, 0.05); 400 and 300 draws fit those closely.
        var first = TopologyBuilders.Random(400, 300, 0.05, seed: 7);
        var second = TopologyBuilders.Random(10, 400, 0.05, seed: 8);
        var network = TopologyBuilders.Network(first, second);

        var inDegrees = DegreeDistribution.Of(network, 1, DegreeDirection.In);
        double[] expectedIn = ErdosRenyiDegrees.ExpectedPmf(network.LayerSizes, [0.05, 0.05], 1, DegreeDirection.In);
        Assert.Equal(301, expectedIn.Length);
        Assert.Equal(15, inDegrees.Mean, 1.0);
        Assert.True(inDegrees.KolmogorovSmirnovDistance(expectedIn) < 0.1, $"KS {inDegrees.KolmogorovSmirnovDistance(expectedIn)}");

        // Total degree of hidden neurons: Bin(300, p) + Bin(10, p) has mean 310 p and variance 310 p (1 − p).
        double[] total = ErdosRenyiDegrees.ExpectedPmf(network.LayerSizes, [0.05, 0.05], 1, DegreeDirection.Total);
        double mean = total.Select((q, k) => q * k).Sum();
        double variance = total.Select((q, k) => q * (k - mean) * (k - mean)).Sum();
        Assert.Equal(1, total.Sum(), 9);
        Assert.Equal(310 * 0.05, mean, 9);
        Assert.Equal(310 * 0.05 * 0.95, variance, 9);

        // Densities estimate p.
        double[] estimated = ErdosRenyiDegrees.ProbabilitiesFromDensity(network);
        Assert.Equal(0.05, estimated[0], 2);
    }

    [Fact]
    public void ProbabilitiesFromEpsilon_UsesMocanuEquationOne()
    {
        double[] p = ErdosRenyiDegrees.ProbabilitiesFromEpsilon([784, 1000, 10], 20);

        Assert.Equal(20.0 * (784 + 1000) / (784.0 * 1000), p[0], 12);
        Assert.Equal(1.0, p[1]);
    }
}
