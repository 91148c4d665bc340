using SparseMlNet.Randomness;
using SparseMlNet.Networks;

namespace SparseMlNet.Tests.Networks;

public sealed class DropoutTests
{
    [Theory]
    [InlineData(0.3f)]
    [InlineData(0.5f)]
    [InlineData(0.05f)]
    public void FillRow_DropsTheRateAndScalesKeptUnits(float rate)
    {
        // 2000 rows × 128: 256 000 Bernoulli draws; the dropped fraction's sd is below 0.001.
        var mask = new float[128];
        long dropped = 0;
        long total = 0;
        int sameAsPreviousRow = 0;
        var previous = new float[128];
        for (int r = 0; r < 2000; r++)
        {
            Dropout.FillRow(mask, rate, SeedStreams.Derive(7, 1, 2, r, 0));
            foreach (float m in mask)
            {
                Assert.True(m == 0f || Math.Abs(m - (1f / (1f - rate))) < 1e-6f);
                dropped += m == 0f ? 1 : 0;
                total++;
            }

            sameAsPreviousRow += mask.AsSpan().SequenceEqual(previous) ? 1 : 0;
            mask.CopyTo(previous, 0);
        }

        Assert.InRange((double)dropped / total, rate - 0.005, rate + 0.005);
        Assert.Equal(0, sameAsPreviousRow);
    }

    [Fact]
    public void FillRow_DependsOnlyOnTheSeed()
    {
        var a = new float[100];
        var b = new float[100];
        Dropout.FillRow(a, 0.3f, SeedStreams.Derive(1, 2, 3, 4, 5));
        Dropout.FillRow(b, 0.3f, SeedStreams.Derive(1, 2, 3, 4, 5));
        Assert.Equal(a, b);
        Dropout.FillRow(b, 0.3f, SeedStreams.Derive(1, 2, 3, 4, 6));
        Assert.NotEqual(a, b);
    }
}

public sealed class DropoutVectorPathTests
{
    [Fact]
    public void FillRow_VectorLanesMatchTheScalarDefinition()
    {
        for (int length = 0; length <= 100; length++)
        {
            var mask = new float[length];
            ulong seed = SeedStreams.Derive(3, length, 1, 2, 3);
            Dropout.FillRow(mask, 0.3f, seed);
            uint threshold = (uint)Math.Round(0.3 * 4294967296.0);
            for (int i = 0; i < length; i++)
            {
                Assert.Equal(Dropout.Hash(seed, i) >= threshold, mask[i] != 0f);
            }
        }
    }
}
