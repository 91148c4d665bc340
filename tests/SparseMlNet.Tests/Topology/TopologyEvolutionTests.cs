using SparseMlNet.Networks.Layers;
using SparseMlNet.Sparse;
using SparseMlNet.Topology;

namespace SparseMlNet.Tests.Topology;

public sealed class TopologyEvolutionTests
{
    [Fact]
    public void Evolve_RemovesExactFractionOfEachSignClosestToZeroAndKeepsNnz()
    {
        // 10 × 10 with 40 connections: 20 positive weights 0.01..0.20 and 20 negative −0.01..−0.20, momentum = weight · 10.
        var (rows, cols, values) = Grid(40, k => (k % 2 == 0 ? 1 : -1) * 0.01f * ((k / 2) + 1));
        var matrix = SparseMatrix.FromCoordinates(10, 10, rows, cols, values);
        var layer = new SparseLayer(matrix, new float[10], matrix.Weights.ToArray().Select(w => w * 10).ToArray(), WeightInitialization.HeUniform);

        var step = TopologyEvolution.Set(0.3).Evolve(layer, new Random(1));

        // ⌊0.3 · 20⌋ = 6 per sign.
        Assert.Equal(12, step.Removed);
        Assert.Equal(12, step.Added);
        Assert.Equal(40, layer.Matrix.Nnz);
        var kept = new HashSet<float>();
        for (int k = 0; k < values.Length; k++)
        {
            bool smallest = Math.Abs(values[k]) <= 0.0601f;
            bool stillThere = layer.Matrix.Contains(rows[k], cols[k]) && layer.Matrix[rows[k], cols[k]] == values[k];
            Assert.True(smallest != stillThere, $"Weight {values[k]}: removed {!stillThere}, expected removed {smallest}.");
        }

        // Kept connections keep their momentum; new ones start at zero.
        for (int k = 0; k < layer.Matrix.Nnz; k++)
        {
            float w = layer.Matrix.Values[k];
            bool original = Array.IndexOf(values, w) >= 0;
            Assert.Equal(original ? w * 10 : 0f, layer.Velocity[k], 5);
        }
    }

    [Fact]
    public void Evolve_GrowsOnlyDistinctEmptyPositionsAndKeepsIndicesValid()
    {
        var m = TestNetworks.RandomMatrix(50, 60, 0.1, seed: 4);
        var layer = new SparseLayer(m, new float[50], new float[m.Nnz], WeightInitialization.HeUniform);
        int nnz = m.Nnz;
        for (int epoch = 0; epoch < 5; epoch++)
        {
            TopologyEvolution.Set(0.5).Evolve(layer, new Random(epoch));
            var after = layer.Matrix;
            Assert.Equal(nnz, after.Nnz);
            SparseMatrix.ValidateCsr(after.Rows, after.Columns, after.RowPointers, after.ColumnIndices);
            Assert.Equal(nnz, Enumerable.Range(0, after.Columns).Sum(after.ColumnDegree));
            Assert.All(after.Values, v => Assert.True(float.IsFinite(v)));
        }
    }

    [Fact]
    public void Evolve_WorksOnAFullyConnectedLayer()
    {
        // Density 1 (the output layer at ε = 20 is fully connected): the only empty positions are the pruned ones.
        var (rows, cols, values) = Grid(100, k => (k % 3) - 1 + (0.001f * k));
        var matrix = SparseMatrix.FromCoordinates(10, 10, rows, cols, values);
        var layer = new SparseLayer(matrix, new float[10], new float[100], WeightInitialization.GlorotUniform);
        var step = TopologyEvolution.Set(0.3).Evolve(layer, new Random(2));
        Assert.Equal(100, layer.Matrix.Nnz);
        Assert.True(step.Removed > 0);
    }

    [Fact]
    public void Evolve_IsReproducibleForASeed()
    {
        var m1 = TestNetworks.RandomMatrix(30, 30, 0.2, seed: 8);
        var m2 = TestNetworks.RandomMatrix(30, 30, 0.2, seed: 8);
        var a = new SparseLayer(m1, new float[30], new float[m1.Nnz], WeightInitialization.HeUniform);
        var b = new SparseLayer(m2, new float[30], new float[m2.Nnz], WeightInitialization.HeUniform);
        TopologyEvolution.Set(0.3).Evolve(a, new Random(5));
        TopologyEvolution.Set(0.3).Evolve(b, new Random(5));
        Assert.Equal(a.Matrix.ColumnIndices, b.Matrix.ColumnIndices);
        Assert.Equal(a.Matrix.Values, b.Matrix.Values);
    }

    [Fact]
    public void Evolve_DrawsNewWeightsAtTheRequestedScaleOfTheInitialisationLimit()
    {
        var m = TestNetworks.RandomMatrix(40, 40, 0.2, seed: 6);
        var layer = new SparseLayer(m, new float[40], new float[m.Nnz], WeightInitialization.HeUniform);
        var old = new HashSet<(int, int)>();
        for (int r = 0; r < m.Rows; r++)
        {
            for (int k = m.RowPointers[r]; k < m.RowPointers[r + 1]; k++)
            {
                old.Add((r, m.ColumnIndices[k]));
            }
        }

        TopologyEvolution.Set(0.3, newWeightScale: 0.5).Evolve(layer, new Random(3));

        var after = layer.Matrix;
        int fresh = 0;
        for (int r = 0; r < after.Rows; r++)
        {
            float limit = 0.5f * MathF.Sqrt(6f / after.RowDegree(r));
            for (int k = after.RowPointers[r]; k < after.RowPointers[r + 1]; k++)
            {
                if (!old.Contains((r, after.ColumnIndices[k])))
                {
                    fresh++;
                    Assert.InRange(after.Values[k], -limit, limit);
                    Assert.NotEqual(0f, after.Values[k]);
                }
            }
        }

        Assert.True(fresh > 0);
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.5)]
    public void Constructor_ThrowsForNewWeightScaleOutsideUnitInterval(double scale)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => TopologyEvolution.Set(0.3, newWeightScale: scale));
        Assert.Equal("newWeightScale", ex.ParamName);
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.0)]
    [InlineData(double.NaN)]
    public void Constructor_ThrowsForZetaOutsideUnitInterval(double zeta)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => TopologyEvolution.Set(zeta));
        Assert.Equal("zeta", ex.ParamName);
    }

    private static (int[] Rows, int[] Columns, float[] Values) Grid(int count, Func<int, float> value)
    {
        var rows = new int[count];
        var cols = new int[count];
        var values = new float[count];
        for (int k = 0; k < count; k++)
        {
            rows[k] = k / 10;
            cols[k] = k % 10;
            values[k] = value(k);
        }

        return (rows, cols, values);
    }
}
