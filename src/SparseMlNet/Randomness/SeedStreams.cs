namespace SparseMlNet.Randomness;

/// <summary>
/// Counter-based seed derivation: every random stream of a run (the epoch shuffle, mini-batch dropout, evolution, input noise, gradient rows,
/// ExtraTrees, ensemble runs and evaluation folds) gets its own seed mixed from the run's seed and a few identifiers (epoch, batch, layer,
/// a stream tag …), so a stream depends only on those identifiers, never on thread scheduling or on how many draws another stream made.
/// </summary>
/// <remarks>
/// The values are part of the model format's reproducibility: a trained model is bit-identical for a given seed only while these
/// functions return the same values (pinned by <c>SeedStreamsTests</c>). Do not change the mixing; add a new tag for a new stream.
/// </remarks>
internal static class SeedStreams
{
    /// <summary>
    /// Mixes <paramref name="seed"/> and four identifiers into one 64-bit seed: s ← mix(s ⊕ a), mix(s ⊕ b), mix(s ⊕ c), mix(s ⊕ d), with
    /// mix the SplitMix64 finaliser (Steele, Lea and Flood, "Fast splittable pseudorandom number generators", OOPSLA 2014).
    /// </summary>
    /// <param name="seed">The run's seed (or a seed derived from it).</param>
    /// <param name="a">First identifier (usually the epoch).</param>
    /// <param name="b">Second identifier.</param>
    /// <param name="c">Third identifier (often the stream tag).</param>
    /// <param name="d">Fourth identifier.</param>
    /// <returns>The derived seed; 0 only for all-zero arguments.</returns>
    public static ulong Derive(ulong seed, long a, long b, long c, long d)
    {
        ulong s = seed;
        s = Mix(s ^ (ulong)a);
        s = Mix(s ^ (ulong)b);
        s = Mix(s ^ (ulong)c);
        return Mix(s ^ (ulong)d);
    }

    /// <summary>A <see cref="Random"/> seeded with the low 32 bits of <see cref="Derive"/> (as a signed int).</summary>
    /// <param name="seed">The run's seed.</param>
    /// <param name="a">First identifier.</param>
    /// <param name="b">Second identifier.</param>
    /// <param name="c">Third identifier.</param>
    /// <param name="d">Fourth identifier.</param>
    /// <returns>A generator for that stream.</returns>
    public static Random CreateRandom(ulong seed, long a, long b, long c, long d) => new(ToInt32(Derive(seed, a, b, c, d)));

    /// <summary>A seed in [0, 2³¹): the low 31 bits of <see cref="Derive"/>, for options that take a non-negative int seed.</summary>
    /// <param name="seed">The run's seed.</param>
    /// <param name="a">First identifier.</param>
    /// <param name="b">Second identifier.</param>
    /// <param name="c">Third identifier.</param>
    /// <param name="d">Fourth identifier.</param>
    /// <returns>The derived seed.</returns>
    public static int NonNegativeInt32(ulong seed, long a, long b, long c, long d) => (int)(Derive(seed, a, b, c, d) & 0x7FFF_FFFF);

    /// <summary>An int seed as the engine's options hold it, widened to the 64-bit seed <see cref="Derive"/> takes (its 32 bits, zero-extended).</summary>
    /// <param name="seed">Any int.</param>
    /// <returns>(ulong)(uint)<paramref name="seed"/>.</returns>
    public static ulong FromInt32(int seed) => (uint)seed;

    private static int ToInt32(ulong derived) => (int)derived;

    /// <summary>The SplitMix64 finaliser: a bijective 64-bit mix (also the output function of <c>GaussianNoise</c>'s SplitMix64 generator).</summary>
    /// <param name="z">Any value.</param>
    /// <returns>The mixed value; Mix(0) = 0.</returns>
    public static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
