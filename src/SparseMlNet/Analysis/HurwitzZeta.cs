namespace SparseMlNet.Analysis;

/// <summary>
/// The Hurwitz zeta function ζ(s, q) = Σ_{k≥0} (q + k)^(−s), the normalising constant of a discrete power law on x ≥ q
/// (Clauset, Shalizi and Newman, "Power-law distributions in empirical data", SIAM Review 51(4), 2009, eq. 2.6).
/// </summary>
internal static class HurwitzZeta
{
    // B_{2j} / (2j)! for j = 1 … 7 (Bernoulli numbers B2 = 1/6, B4 = −1/30, B6 = 1/42, B8 = −1/30, B10 = 5/66, B12 = −691/2730, B14 = 7/6).
    private static readonly double[] BernoulliOverFactorial =
    [
        1.0 / 6 / 2,
        -1.0 / 30 / 24,
        1.0 / 42 / 720,
        -1.0 / 30 / 40320,
        5.0 / 66 / 3628800,
        -691.0 / 2730 / 479001600,
        7.0 / 6 / 87178291200,
    ];

    /// <summary>
    /// ζ(s, q) by the Euler–Maclaurin formula: the first N terms summed directly, the rest by the integral, half the next term and seven
    /// Bernoulli corrections, with N chosen so q + N ≥ max(10, s). Relative error below 1e-10 for s in (1, 100], q ≥ 1.
    /// </summary>
    /// <param name="s">Exponent; Range: s &gt; 1.</param>
    /// <param name="q">Offset; Range: q &gt; 0.</param>
    public static double Value(double s, double q)
    {
        int n = (int)Math.Max(0, Math.Ceiling(Math.Max(10, s) - q));
        double sum = 0;
        for (int k = 0; k < n; k++)
        {
            sum += Math.Pow(q + k, -s);
        }

        double a = q + n;
        double aPow = Math.Pow(a, -s);
        sum += (a * aPow / (s - 1)) + (aPow / 2);

        // Term j: B_2j/(2j)! · s(s+1)…(s+2j−2) · a^(−s−2j+1).
        double rising = s;
        double power = aPow / a;
        double inverseSquare = 1 / (a * a);
        for (int j = 0; j < BernoulliOverFactorial.Length; j++)
        {
            sum += BernoulliOverFactorial[j] * rising * power;
            rising *= (s + (2 * j) + 1) * (s + (2 * j) + 2);
            power *= inverseSquare;
        }

        return sum;
    }
}
