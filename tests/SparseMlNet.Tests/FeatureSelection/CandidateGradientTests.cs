using SparseMlNet.FeatureSelection;
using SparseMlNet.Topology;
using SparseMlNet.Kernels;
using SparseMlNet.Tests.Kernels;

namespace SparseMlNet.Tests.FeatureSelection;

/// <summary>The candidate gradient's 16-lane path sums in the same order as its 8-lane and scalar paths, so every SIMD width gives the same bits.</summary>
[Collection(KernelPathCollection.Name)]
public sealed class CandidateGradientTests
{
    [Theory]
    [InlineData(75, 13)]
    [InlineData(1000, 30)]
    [InlineData(7, 1)]
    public void Compute_GivesBitIdenticalGradientsAtEveryVectorWidth(int hidden, int batch)
    {
        const int inputs = 11;
        int stride = SparseKernels.StrideFor(batch);
        var random = new Random(hidden + batch);
        var x = new float[inputs * stride];
        var deltas = new float[hidden * stride];
        for (int i = 0; i < inputs; i++)
        {
            for (int b = 0; b < batch; b++)
            {
                x[(i * stride) + b] = (float)((random.NextDouble() * 2) - 1);
            }
        }

        for (int j = 0; j < hidden; j++)
        {
            for (int b = 0; b < batch; b++)
            {
                deltas[(j * stride) + b] = (float)((random.NextDouble() - 0.5) / batch);
            }
        }

        int[] neurons = [10, 0, 3, 4, 9, 1, 2];
        float[] wide = At(512, () => new CandidateGradient(x, stride, deltas, hidden, batch).Compute(neurons).ToArray());
        float[] narrow = At(256, () => new CandidateGradient(x, stride, deltas, hidden, batch).Compute(neurons).ToArray());

        Assert.Equal(neurons.Length * hidden, wide.Length);
        Assert.Equal(narrow, wide);
        double expected = 0;
        for (int b = 0; b < batch; b++)
        {
            expected += (double)x[(3 * stride) + b] * deltas[((hidden - 1) * stride) + b];
        }

        Assert.Equal(expected, wide[(2 * hidden) + hidden - 1], 1e-5);
    }

    private static float[] At(int bits, Func<float[]> compute)
    {
        int saved = SparseKernels.MaxVectorBits;
        SparseKernels.MaxVectorBits = bits;
        try
        {
            return compute();
        }
        finally
        {
            SparseKernels.MaxVectorBits = saved;
        }
    }
}
