namespace SparseMlNet.Networks;

/// <summary>
/// Inverted dropout masks (Srivastava et al., JMLR 2014) from a counter-based generator: the mask of a neuron in a batch depends only on
/// (seed, epoch, batch, layer, neuron), never on thread scheduling, so training is reproducible on any number of cores.
/// Kept units are scaled by 1/(1 − rate) so inference needs no rescaling.
/// </summary>
internal static class Dropout
{
    /// <summary>Fills <paramref name="mask"/> with 1/(1 − rate) (kept, probability 1 − rate) or 0 (dropped).</summary>
    public static void FillRow(Span<float> mask, float rate, ulong rowSeed)
    {
        float keep = 1f / (1f - rate);
        uint threshold = (uint)Math.Min(uint.MaxValue, Math.Round(rate * 4294967296.0));
        int i = 0;
        ulong counter = rowSeed;
        for (; i + 1 < mask.Length; i += 2)
        {
            ulong bits = SplitMix64(ref counter);
            mask[i] = (uint)bits >= threshold ? keep : 0f;
            mask[i + 1] = (uint)(bits >> 32) >= threshold ? keep : 0f;
        }

        if (i < mask.Length)
        {
            mask[i] = (uint)SplitMix64(ref counter) >= threshold ? keep : 0f;
        }
    }

    /// <summary>Mixes several identifiers into one 64-bit seed (SplitMix64 finaliser applied in sequence).</summary>
    public static ulong Seed(ulong seed, long a, long b, long c, long d)
    {
        ulong s = seed;
        s = Mix(s ^ (ulong)a);
        s = Mix(s ^ (ulong)b);
        s = Mix(s ^ (ulong)c);
        return Mix(s ^ (ulong)d);
    }

    /// <summary>SplitMix64 (Steele, Lea and Flood, OOPSLA 2014): advances the counter by the golden gamma and returns its mixed value.</summary>
    public static ulong SplitMix64(ref ulong state)
    {
        state += 0x9E3779B97F4A7C15UL;
        return Mix(state);
    }

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
