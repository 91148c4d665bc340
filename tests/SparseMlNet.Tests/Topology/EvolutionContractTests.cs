using SparseMlNet.Networks.Layers;
using SparseMlNet.Sparse;
using SparseMlNet.Topology;

namespace SparseMlNet.Tests.Topology;

/// <summary><see cref="TopologyEvolution"/> owns the step's invariants: a criterion that breaks them gets an exception and the layer is left unchanged.</summary>
public sealed class EvolutionContractTests
{
    private static SparseLayer Layer()
    {
        var matrix = TestNetworks.RandomMatrix(20, 30, 0.2, seed: 4);
        return new SparseLayer(matrix, new float[20], new float[matrix.Nnz], WeightInitialization.HeUniform);
    }

    [Fact]
    public void Evolve_PruneThatMarksOneTooFewIsRefusedAndTheLayerStaysAsItWas()
    {
        var layer = Layer();
        var before = layer.Matrix;
        int[] columns = before.ConnectionColumns.ToArray();
        float[] weights = before.Weights.ToArray();
        var evolution = new TopologyEvolution(0.3, new OneShort(), new RandomGrowth());

        var error = Assert.Throws<InvalidOperationException>(() => evolution.Evolve(layer, new Random(1)));

        // Evolution works in place, so "as it was" is checked by value: the contract is checked before anything is written.
        Assert.Contains(nameof(OneShort), error.Message);
        Assert.Same(before, layer.Matrix);
        Assert.Equal(columns, layer.Matrix.ConnectionColumns.ToArray());
        Assert.Equal(weights, layer.Matrix.Weights.ToArray());
    }

    [Fact]
    public void Evolve_GrowthOntoAKeptConnectionIsRefused()
    {
        var layer = Layer();
        var error = Assert.Throws<InvalidOperationException>(() => new TopologyEvolution(0.3, new MagnitudePrune(), new OntoKept()).Evolve(layer, new Random(1)));
        Assert.Contains("kept connection", error.Message);
    }

    [Fact]
    public void Evolve_GrowthOfOnePositionTwiceIsRefused()
    {
        var layer = Layer();
        var error = Assert.Throws<InvalidOperationException>(() => new TopologyEvolution(0.3, new MagnitudePrune(), new Twice()).Evolve(layer, new Random(1)));
        Assert.Contains("twice", error.Message);
    }

    [Fact]
    public void Evolve_ZetaOfTheStepOverridesThePolicysAndKeepsNnz()
    {
        var layer = Layer();
        int nnz = layer.Matrix.Nnz;
        int expected = new MagnitudePrune().RemovalCount(layer.Matrix, 0.1);
        var step = TopologyEvolution.Set(0.3).Evolve(layer, new Random(2), zeta: 0.1);
        Assert.Equal(expected, step.Removed);
        Assert.Equal(nnz, layer.Matrix.Nnz);
        Assert.True(step.Removed < (int)(0.3 * nnz) - 1);
    }

    /// <summary>SET's pruning, minus one connection.</summary>
    private sealed class OneShort : IPruneCriterion
    {
        public int SelectForRemoval(SparseMatrix matrix, double zeta, Span<bool> remove)
        {
            int count = new MagnitudePrune().SelectForRemoval(matrix, zeta, remove);
            remove[remove.IndexOf(true)] = false;
            return count - 1;
        }

        public int RemovalCount(SparseMatrix matrix, double zeta) => new MagnitudePrune().RemovalCount(matrix, zeta);
    }

    /// <summary>Grows every new connection where the first kept connection is.</summary>
    private sealed class OntoKept : IGrowthCriterion
    {
        public void SelectNew(SparseMatrix matrix, ReadOnlySpan<bool> removed, Random random, Span<long> positions)
        {
            new RandomGrowth().SelectNew(matrix, removed, random, positions);
            int kept = removed.IndexOf(false);
            int row = 0;
            while (matrix.RowOffsets[row + 1] <= kept)
            {
                row++;
            }

            positions[0] = ((long)row * matrix.Columns) + matrix.ConnectionColumns[kept];
        }
    }

    /// <summary>Random growth whose last position repeats the first.</summary>
    private sealed class Twice : IGrowthCriterion
    {
        public void SelectNew(SparseMatrix matrix, ReadOnlySpan<bool> removed, Random random, Span<long> positions)
        {
            new RandomGrowth().SelectNew(matrix, removed, random, positions);
            positions[^1] = positions[0];
        }
    }
}
