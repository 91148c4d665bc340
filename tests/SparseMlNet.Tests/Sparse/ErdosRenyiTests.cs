using SparseMlNet.Networks;
using SparseMlNet.Networks.Activations;
using SparseMlNet.Networks.Layers;
using SparseMlNet.Networks.Losses;
using SparseMlNet.Sparse;

namespace SparseMlNet.Tests.Sparse;

public sealed class ErdosRenyiTests
{
    [Theory]
    [InlineData(20, 784, 1000, 20.0 * 1784 / 784000)]
    [InlineData(20, 1000, 10, 1.0)]
    [InlineData(1, 1_000_000, 1_000_000, 2e-6)]
    public void Probability_IsEpsilonTimesFanSumOverProductCappedAtOne(double epsilon, int inputs, int outputs, double expected) =>
        Assert.Equal(expected, ErdosRenyi.Probability(epsilon, inputs, outputs), 12);

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Probability_ThrowsForNonPositiveEpsilon(double epsilon)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => ErdosRenyi.Probability(epsilon, 10, 10));
        Assert.Equal("epsilon", ex.ParamName);
    }

    [Fact]
    public void SampleTopology_HasExpectedNnzAndUniformRows()
    {
        // 1000 × 1000 at ε = 20: nnz ~ Binomial(10⁶, 0.04), mean 40 000, sd ≈ 196. Five sd is a bound a correct sampler misses with probability < 10⁻⁶.
        double p = ErdosRenyi.Probability(20, 1000, 1000);
        var (rowPointers, columns) = ErdosRenyi.SampleTopology(1000, 1000, p, new Random(3));
        Assert.InRange(columns.Length, 40_000 - (5 * 196), 40_000 + (5 * 196));
        var matrix = SparseMatrix.FromSortedCsr(1000, 1000, rowPointers, columns, new float[columns.Length]);
        SparseMatrix.ValidateCsr(1000, 1000, rowPointers, columns);

        // Connections spread over columns like over rows: the first and second half of the columns each get about half (sd ≈ 100).
        int firstHalf = columns.Count(c => c < 500);
        Assert.InRange(firstHalf, 20_000 - 600, 20_000 + 600);
        Assert.Equal(columns.Length, Enumerable.Range(0, 1000).Sum(matrix.ColumnDegree));
    }

    [Fact]
    public void SampleTopology_IsReproducibleForASeed()
    {
        var a = ErdosRenyi.SampleTopology(300, 200, 0.05, new Random(11));
        var b = ErdosRenyi.SampleTopology(300, 200, 0.05, new Random(11));
        Assert.Equal(a.RowPointers, b.RowPointers);
        Assert.Equal(a.ColumnIndices, b.ColumnIndices);
    }

    [Fact]
    public void SampleTopology_ThrowsWhenDensityRoundsToZeroConnections()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => ErdosRenyi.SampleTopology(10, 10, 0.001, new Random(1)));
        Assert.Contains("raise epsilon", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CreateNetwork_MillionByMillionLayerAllocatesInProportionToConnectionsNotNeurons()
    {
        // A 10⁶ × 10⁶ layer at ε = 1 has about 2·10⁶ connections. A dense mask would need 10¹² entries; we allow 200 bytes per connection.
        long before = GC.GetAllocatedBytesForCurrentThread();
        var net = MultilayerPerceptron.Create(NetworkKind.Set, [1_000_000, 1_000_000], 1, ActivationKind.Relu, ActivationKind.Identity, LossKind.SoftmaxCrossEntropy, seed: 1);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        long nnz = net.Layers[0].ConnectionCount;
        Assert.InRange(nnz, 2_000_000 - 10_000, 2_000_000 + 10_000);
        Assert.True(allocated < 200 * nnz, $"Allocated {allocated} bytes for {nnz} connections.");
        Assert.IsType<SparseLayer>(net.Layers[0]);
    }

    [Fact]
    public void CreateNetwork_InitialisesWithActualSparseFanIn()
    {
        // He uniform with the actual fan-in: every weight of output neuron r lies within ±√(6 / fan_in(r)), and the widest ones come close to it.
        var net = MultilayerPerceptron.Create(NetworkKind.Set, [784, 1000, 10], 20, ActivationKind.Relu, ActivationKind.Identity, LossKind.SoftmaxCrossEntropy, seed: 2);
        var m = ((SparseLayer)net.Layers[0]).Matrix;
        float maxRatio = 0;
        for (int r = 0; r < m.Rows; r++)
        {
            float limit = MathF.Sqrt(6f / m.RowDegree(r));
            for (int k = m.RowPointers[r]; k < m.RowPointers[r + 1]; k++)
            {
                Assert.InRange(m.Values[k], -limit, limit);
                maxRatio = Math.Max(maxRatio, Math.Abs(m.Values[k]) / limit);
            }
        }

        Assert.True(maxRatio > 0.99f, "The weights should fill the He range of the sparse fan-in, not the far narrower range of the dense n_in.");
    }
}
