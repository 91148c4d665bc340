using System.Numerics;

namespace SparseMlNet.Networks;

/// <summary>
/// Inverted dropout masks (Srivastava et al., JMLR 2014) from a counter-based generator: the mask of a neuron in a batch depends only on
/// (seed, epoch, batch, layer, neuron), the row seeds coming from <see cref="Randomness.SeedStreams"/>, never on thread scheduling, so training is reproducible on any number of cores.
/// Kept units are scaled by 1/(1 − rate) so inference needs no rescaling.
/// </summary>
internal static class Dropout
{
    /// <summary>
    /// Fills <paramref name="mask"/> with 1/(1 − rate) (kept, probability 1 − rate) or 0 (dropped). Element i keeps when
    /// <see cref="Hash"/>(rowSeed, i) ≥ rate·2³²: a counter-based generator, so the row is filled with SIMD lanes in any order.
    /// </summary>
    public static void FillRow(Span<float> mask, float rate, ulong rowSeed)
    {
        float keep = 1f / (1f - rate);
        uint threshold = (uint)Math.Min(uint.MaxValue, Math.Round(rate * 4294967296.0));
        uint key = (uint)rowSeed;
        uint tweak = (uint)(rowSeed >> 32);
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var lane = LaneSteps;
            var step = new Vector<uint>((uint)Vector<uint>.Count * Golden);
            var counter = new Vector<uint>(key) + lane;
            var vTweak = new Vector<uint>(tweak);
            var vThreshold = new Vector<uint>(threshold);
            var vKeep = new Vector<float>(keep);
            for (; i <= mask.Length - Vector<uint>.Count; i += Vector<uint>.Count)
            {
                var x = Mix32(counter ^ vTweak);
                var kept = Vector.GreaterThanOrEqual(x, vThreshold);
                Vector.ConditionalSelect(Vector.AsVectorSingle(kept), vKeep, Vector<float>.Zero).CopyTo(mask[i..]);
                counter += step;
            }
        }

        for (; i < mask.Length; i++)
        {
            mask[i] = Hash(rowSeed, i) >= threshold ? keep : 0f;
        }
    }

    /// <summary>The scalar definition of the generator: fmix32 (MurmurHash3's finaliser) of (low word + i·golden ratio) xor high word.</summary>
    public static uint Hash(ulong rowSeed, int i)
    {
        uint x = ((uint)rowSeed + ((uint)i * Golden)) ^ (uint)(rowSeed >> 32);
        x ^= x >> 16;
        x *= 0x85EBCA6Bu;
        x ^= x >> 13;
        x *= 0xC2B2AE35u;
        return x ^ (x >> 16);
    }

    private const uint Golden = 0x9E3779B9u;

    private static Vector<uint> Mix32(Vector<uint> x)
    {
        x ^= Vector.ShiftRightLogical(x, 16);
        x *= new Vector<uint>(0x85EBCA6Bu);
        x ^= Vector.ShiftRightLogical(x, 13);
        x *= new Vector<uint>(0xC2B2AE35u);
        return x ^ Vector.ShiftRightLogical(x, 16);
    }

    /// <summary>Lane i of a vector holds i·golden, the counter offset of the i-th element in a block.</summary>
    private static readonly Vector<uint> LaneSteps = CreateLaneSteps();

    private static Vector<uint> CreateLaneSteps()
    {
        var lanes = new uint[Vector<uint>.Count];
        for (int i = 0; i < lanes.Length; i++)
        {
            lanes[i] = (uint)i * Golden;
        }

        return new Vector<uint>(lanes);
    }
}
