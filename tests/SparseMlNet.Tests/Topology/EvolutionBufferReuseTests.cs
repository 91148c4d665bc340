using SparseMlNet.Networks.Layers;
using SparseMlNet.Sparse;
using SparseMlNet.Topology;

namespace SparseMlNet.Tests.Topology;

public sealed class EvolutionBufferReuseTests
{
    [Fact]
    public void Evolve_SecondStepAllocatesNothingProportionalToNnz()
    {
        // 2000 × 2000 at ε = 20: about 80,000 connections. The first step grows the policy's buffers; the second must reuse them.
        var layer = SparseLayer.CreateErdosRenyi(2000, 2000, 20, WeightInitialization.HeUniform, new Random(3));
        int nnz = layer.Matrix.Nnz;
        var evolution = TopologyEvolution.Set(0.3);
        evolution.Evolve(layer, new Random(1));

        long before = GC.GetAllocatedBytesForCurrentThread();
        evolution.Evolve(layer, new Random(2));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        // Rebuilding beside the old topology took about 60 bytes per connection (4.8 MB here); what is left are the layer's few parallel partitions.
        Assert.True(allocated < nnz / 8, $"The second evolution step allocated {allocated:N0} bytes for {nnz:N0} connections.");
        Assert.Equal(nnz, layer.Matrix.Nnz);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    public void Evolve_InPlaceLeavesTheSameIndexAsAFreshBuild(double newWeightScale)
    {
        var m = TestNetworks.RandomMatrix(70, 90, 0.15, seed: 11);
        var velocity = m.Weights.ToArray().Select(w => w * 3).ToArray();
        var layer = new SparseLayer(m, new float[70], velocity, WeightInitialization.HeUniform);
        var evolution = TopologyEvolution.Set(0.4, newWeightScale: newWeightScale);
        for (int step = 0; step < 3; step++)
        {
            var kept = new Dictionary<(int, int), (float Weight, float Momentum)>();
            SparseMatrix before = layer.Matrix;
            for (int r = 0; r < before.Rows; r++)
            {
                for (int k = before.RowPointers[r]; k < before.RowPointers[r + 1]; k++)
                {
                    kept[(r, before.ColumnIndices[k])] = (before.Values[k], layer.Velocity[k]);
                }
            }

            evolution.Evolve(layer, new Random(step));
            SparseMatrix after = layer.Matrix;
            SparseMatrix.ValidateCsr(after.Rows, after.Columns, after.RowPointers, after.ColumnIndices);
            var fresh = SparseMatrix.FromSortedCsr(after.Rows, after.Columns, after.RowPointers.ToArray(), after.ColumnIndices.ToArray(), after.Values.ToArray());
            Assert.Equal(fresh.ColumnPointers, after.ColumnPointers);
            Assert.Equal(fresh.TransposedRowIndices, after.TransposedRowIndices);
            Assert.Equal(fresh.TransposedToCsr, after.TransposedToCsr);

            // A surviving connection carries its weight and momentum; a new one has zero momentum, and zero weight unless redrawn.
            for (int r = 0; r < after.Rows; r++)
            {
                for (int k = after.RowPointers[r]; k < after.RowPointers[r + 1]; k++)
                {
                    if (kept.TryGetValue((r, after.ColumnIndices[k]), out var old) && old.Weight == after.Values[k] && old.Momentum == layer.Velocity[k])
                    {
                        continue;
                    }

                    Assert.Equal(0f, layer.Velocity[k]);
                    Assert.True(newWeightScale > 0 || after.Values[k] == 0f);
                }
            }
        }
    }
}
