using System.Numerics;
using SparseMlNet.Randomness;

namespace SparseMlNet.FeatureSelection;

/// <summary>
/// Additive Gaussian corruption of a denoising autoencoder's inputs, x̃ = x + σ·N(0, 1), from a counter-based generator: the values added to one span
/// depend only on its seed, so a mini-batch is corrupted identically on any number of cores and any SIMD width.
/// </summary>
/// <remarks>
/// <para>Normal deviates come in pairs from the Box–Muller transform (Box and Muller, Ann. Math. Statist. 29, 1958): r = √(−2 ln u₁), z₀ = r·cos θ, z₁ = r·sin θ
/// with θ uniform on [0, 2π). One SplitMix64 draw gives u₁ ∈ (0, 1] (24 bits), the quadrant of θ (2 bits) and its offset within the quadrant (24 bits).
/// The logarithm, cosine and sine are evaluated in SIMD registers by polynomials (ln m by the atanh series on m ∈ [√½, √2), relative error below 10⁻⁷;
/// cos and sin by Taylor polynomials on [−π/4, π/4], absolute error below 10⁻⁷), far below the float resolution of the 24-bit uniforms.</para>
/// <para>Why not <c>MathNet.Numerics.Distributions.Normal</c>: drawing one double at a time from a <see cref="Random"/> costs about 20 ns per deviate, and
/// QuickSelection needs one per input value per epoch (10⁸ for 100 epochs of Madelon), which alone would exceed the time budget of the whole run; the
/// <c>TensorPrimitives</c> logarithm and sine/cosine are not vectorised in the net8.0 build of System.Numerics.Tensors. This generator costs about 1 ns per deviate.</para>
/// <para>The smallest u₁ is 2⁻²⁴, so |z| ≤ 5.77: tails beyond 5.77σ (probability 8·10⁻⁹) are cut, which is immaterial for input corruption.</para>
/// </remarks>
internal static class GaussianNoise
{
    private const int Block = 128;
    private const float TwoToMinus24 = 1f / (1 << 24);

    /// <summary>Adds σ·z to every element of <paramref name="values"/>, z standard normal deviates determined by <paramref name="seed"/>.</summary>
    /// <param name="values">Values corrupted in place.</param>
    /// <param name="sigma">σ ≥ 0, the noise standard deviation.</param>
    /// <param name="seed">Seed of this span's deviates.</param>
    public static void Add(Span<float> values, float sigma, ulong seed)
    {
        Span<float> cos = stackalloc float[Block];
        Span<float> sin = stackalloc float[Block];
        ulong counter = seed;
        for (int start = 0; start < values.Length; start += 2 * Block)
        {
            int pairs = Math.Min(Block, (values.Length - start + 1) / 2);
            Pairs(cos, sin, pairs, sigma, ref counter);
            int first = Math.Min(pairs, values.Length - start);
            Add(values.Slice(start, first), cos[..first]);
            int second = Math.Min(pairs, values.Length - start - first);
            Add(values.Slice(start + first, second), sin[..second]);
        }
    }

    /// <summary>Fills the first <paramref name="pairs"/> (rounded up to whole vectors, at most <see cref="Block"/>) entries with σ·z₀ and σ·z₁.</summary>
    private static void Pairs(Span<float> z0, Span<float> z1, int pairs, float sigma, ref ulong counter)
    {
        int lanes = Vector<float>.Count;
        int count = Math.Min(Block, (pairs + lanes - 1) / lanes * lanes);
        Span<int> radiusBits = stackalloc int[Block];
        Span<int> angleBits = stackalloc int[Block];
        for (int i = 0; i < count; i++)
        {
            ulong bits = SplitMix64(ref counter);
            radiusBits[i] = (int)(bits >> 40); // 24 bits → u₁
            angleBits[i] = (int)(bits & 0x3FFFFFF); // 2 quadrant bits and 24 offset bits → θ
        }

        var scale = new Vector<float>(TwoToMinus24);
        var minusTwoSigmaSquared = new Vector<float>(-2f * sigma * sigma);
        var quarterPi = new Vector<float>(MathF.PI / 4);
        for (int i = 0; i < count; i += lanes)
        {
            Vector<float> u1 = Vector.ConvertToSingle(new Vector<int>(radiusBits[i..]) + Vector<int>.One) * scale; // (0, 1]
            Vector<float> r = Vector.SquareRoot(minusTwoSigmaSquared * Log(u1));
            var angle = new Vector<int>(angleBits[i..]);
            Vector<int> quadrant = Vector.ShiftRightArithmetic(angle, 24);
            Vector<float> offset = Vector.ConvertToSingle(angle & new Vector<int>(0xFFFFFF)) * scale; // [0, 1)
            Vector<float> phi = ((offset * new Vector<float>(2f)) - Vector<float>.One) * quarterPi; // [−π/4, π/4)
            (Vector<float> c, Vector<float> s) = CosSin(phi);

            // Rotate (cos φ, sin φ) by quadrant·π/2: q = 0 (c, s), 1 (−s, c), 2 (−c, −s), 3 (s, −c).
            Vector<int> swap = Vector.Equals(quadrant & Vector<int>.One, Vector<int>.One);
            Vector<float> cosTheta = Vector.ConditionalSelect(swap, s, c);
            Vector<float> sinTheta = Vector.ConditionalSelect(swap, c, s);
            Vector<int> negateCos = Vector.Equals((quadrant + Vector<int>.One) & new Vector<int>(2), new Vector<int>(2));
            Vector<int> negateSin = Vector.Equals(quadrant & new Vector<int>(2), new Vector<int>(2));
            cosTheta = Vector.ConditionalSelect(negateCos, -cosTheta, cosTheta);
            sinTheta = Vector.ConditionalSelect(negateSin, -sinTheta, sinTheta);
            (r * cosTheta).CopyTo(z0[i..]);
            (r * sinTheta).CopyTo(z1[i..]);
        }
    }

    /// <summary>Natural logarithm of positive normal floats: x = 2^e·m with m ∈ [√½, √2), ln x = e·ln 2 + 2·atanh((m − 1)/(m + 1)).</summary>
    internal static Vector<float> Log(Vector<float> x)
    {
        Vector<int> bits = Vector.AsVectorInt32(x);
        Vector<int> exponent = Vector.ShiftRightArithmetic(bits, 23) - new Vector<int>(127);
        Vector<float> m = Vector.AsVectorSingle((bits & new Vector<int>(0x7FFFFF)) | new Vector<int>(0x3F800000)); // [1, 2)
        Vector<int> large = Vector.GreaterThan(m, new Vector<float>(MathF.Sqrt(2f)));
        m = Vector.ConditionalSelect(large, m * new Vector<float>(0.5f), m);
        exponent -= large; // large lanes are −1: exponent + 1
        Vector<float> t = (m - Vector<float>.One) / (m + Vector<float>.One); // |t| ≤ 0.1716
        Vector<float> t2 = t * t;
        Vector<float> series = Vector<float>.One + (t2 * (new Vector<float>(1f / 3) + (t2 * (new Vector<float>(1f / 5) + (t2 * (new Vector<float>(1f / 7) + (t2 * new Vector<float>(1f / 9))))))));
        return (Vector.ConvertToSingle(exponent) * new Vector<float>(MathF.Log(2f))) + (new Vector<float>(2f) * t * series);
    }

    /// <summary>cos φ and sin φ for |φ| ≤ π/4 by Taylor polynomials to φ⁸ and φ⁹.</summary>
    internal static (Vector<float> Cos, Vector<float> Sin) CosSin(Vector<float> phi)
    {
        Vector<float> p2 = phi * phi;
        Vector<float> cos = Vector<float>.One - (p2 * (new Vector<float>(1f / 2) - (p2 * (new Vector<float>(1f / 24) - (p2 * (new Vector<float>(1f / 720) - (p2 * new Vector<float>(1f / 40320))))))));
        Vector<float> sin = phi * (Vector<float>.One - (p2 * (new Vector<float>(1f / 6) - (p2 * (new Vector<float>(1f / 120) - (p2 * (new Vector<float>(1f / 5040) - (p2 * new Vector<float>(1f / 362880)))))))));
        return (cos, sin);
    }

    /// <summary>SplitMix64 (Steele, Lea and Flood, OOPSLA 2014): advances the counter by the golden gamma and returns its mixed value.</summary>
    private static ulong SplitMix64(ref ulong state)
    {
        state += 0x9E3779B97F4A7C15UL;
        return SeedStreams.Mix(state);
    }

    private static void Add(Span<float> values, ReadOnlySpan<float> noise)
    {
        int i = 0;
        for (; i <= values.Length - Vector<float>.Count; i += Vector<float>.Count)
        {
            (new Vector<float>(values[i..]) + new Vector<float>(noise[i..])).CopyTo(values[i..]);
        }

        for (; i < values.Length; i++)
        {
            values[i] += noise[i];
        }
    }
}
