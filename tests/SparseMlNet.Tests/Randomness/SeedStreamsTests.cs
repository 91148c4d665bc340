using SparseMlNet.Randomness;

namespace SparseMlNet.Tests.Randomness;

/// <summary>
/// Pins the seed derivation: the values below were computed with the former <c>Dropout.Seed</c> before it moved to <see cref="SeedStreams"/>.
/// Trained models stay bit-identical for a given seed only while these hold.
/// </summary>
public sealed class SeedStreamsTests
{
    [Theory]
    [InlineData(42UL, 0L, 1L, 0L, 0L, 0x0E10B5477FA8F456UL)] // epoch-0 shuffle stream of seed 42
    [InlineData(42UL, 3L, 17L, 2L, 0L, 0x3B6F0F1C167E227AUL)] // batch 17 of epoch 3 (dropout, noise)
    [InlineData(7UL, 1L, 2L, 3L, 0L, 0x707B2DBD11B823B3UL)] // evolution of layer 2 in epoch 1
    [InlineData(0UL, 0L, 0L, 0L, 0L, 0UL)]
    [InlineData(0xFFFFFFFFUL, 5L, 0x51EC7L, 0L, 0L, 0xF80ACC23549B525BUL)] // ensemble run 5
    [InlineData(123UL, 2L, 0xF01DL, 0L, 0L, 0x14A98FE8D66F620CUL)] // evaluation fold 2
    [InlineData(1UL, -1L, 7L, 0L, 0L, 0x20B4D9E57B2B6EDCUL)]
    [InlineData(0x8000000000000005UL, 9L, 4L, 5L, 6L, 0x6D76F0CF3E90457BUL)]
    public void Derive_KeepsTheFormerDropoutSeedValues(ulong seed, long a, long b, long c, long d, ulong expected)
    {
        Assert.Equal(expected, SeedStreams.Derive(seed, a, b, c, d));
    }

    [Fact]
    public void NonNegativeInt32_IsTheLow31Bits()
    {
        Assert.Equal(1450140172, SeedStreams.NonNegativeInt32(123, 2, 0xF01D, 0, 0));
        Assert.Equal(1419465307, SeedStreams.NonNegativeInt32(SeedStreams.FromInt32(-1), 5, 0x51EC7, 0, 0));
    }

    [Fact]
    public void CreateRandom_IsSeededWithTheLow32BitsAsASignedInt()
    {
        // Fold 2 of seed 123 derives a value whose low 32 bits are negative as an int: -697343476.
        var expected = new Random(-697343476);
        var actual = SeedStreams.CreateRandom(123, 2, 0xF01D, 0, 0);
        for (int i = 0; i < 8; i++)
        {
            Assert.Equal(expected.Next(), actual.Next());
        }
    }

    [Fact]
    public void FromInt32_ZeroExtends()
    {
        Assert.Equal(0xFFFFFFFFUL, SeedStreams.FromInt32(-1));
        Assert.Equal(42UL, SeedStreams.FromInt32(42));
    }

    [Fact]
    public void Derive_DiffersInEveryIdentifier()
    {
        ulong baseline = SeedStreams.Derive(42, 1, 2, 3, 4);
        Assert.NotEqual(baseline, SeedStreams.Derive(43, 1, 2, 3, 4));
        Assert.NotEqual(baseline, SeedStreams.Derive(42, 2, 2, 3, 4));
        Assert.NotEqual(baseline, SeedStreams.Derive(42, 1, 3, 3, 4));
        Assert.NotEqual(baseline, SeedStreams.Derive(42, 1, 2, 4, 4));
        Assert.NotEqual(baseline, SeedStreams.Derive(42, 1, 2, 3, 5));
    }
}
