using SparseMlNet.Kernels;
using SparseMlNet.Networks.Optimizers;

namespace SparseMlNet.Tests.Networks;

/// <summary>The optimiser step and the fixed-order reductions give the same bits however the work is split (the split follows the core count).</summary>
public sealed class MomentumSgdSplitTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(5)]
    [InlineData(7)]
    public void Update_SplitIntoParts_GivesTheSameBitsAsOneCall(int parts)
    {
        const int N = 20011;
        var random = new Random(3);
        float[] w0 = [.. Enumerable.Range(0, N).Select(_ => (float)((random.NextDouble() * 2) - 1))];
        float[] v0 = [.. Enumerable.Range(0, N).Select(_ => (float)(random.NextDouble() * 0.1))];
        float[] g = [.. Enumerable.Range(0, N).Select(_ => (float)((random.NextDouble() * 2) - 1))];
        float[] wWhole = [.. w0], vWhole = [.. v0], wSplit = [.. w0], vSplit = [.. v0];

        MomentumSgd.Update(wWhole, vWhole, g, 0.0137f, 0.9f, 2e-4f);
        int[] bounds = ParallelRanges.Even(N, parts);
        for (int p = 0; p < parts; p++)
        {
            int s = bounds[p], e = bounds[p + 1];
            MomentumSgd.Update(wSplit.AsSpan(s, e - s), vSplit.AsSpan(s, e - s), g.AsSpan(s, e - s), 0.0137f, 0.9f, 2e-4f);
        }

        Assert.Equal(wWhole, wSplit);
        Assert.Equal(vWhole, vSplit);
    }

    [Fact]
    public void FixedOrderSum_SameValuesAtAnyAddress_GiveTheSameBits()
    {
        var random = new Random(11);
        float[] values = [.. Enumerable.Range(0, 128).Select(_ => (float)((random.NextDouble() * 2) - 1) * 1000)];
        float sum = FixedOrderSum.Sum(values);
        float dot = FixedOrderSum.Dot(values, values);
        for (int shift = 1; shift < 16; shift++)
        {
            var shifted = new float[values.Length + shift];
            values.CopyTo(shifted, shift);
            Assert.Equal(sum, FixedOrderSum.Sum(shifted.AsSpan(shift)));
            Assert.Equal(dot, FixedOrderSum.Dot(shifted.AsSpan(shift), shifted.AsSpan(shift)));
        }

        Assert.Equal(values.Sum(v => (double)v), sum, 1e-2);
    }
}
