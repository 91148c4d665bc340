namespace SparseMlNet.Analysis;

/// <summary>
/// Draws from the discrete power law P(X = x) = x^(−α)/ζ(α, x_min), x ≥ x_min, by inverting its complementary CDF P(X ≥ x) = ζ(α, x)/ζ(α, x_min)
/// (Clauset, Shalizi and Newman 2009, appendix D): a table covers x_min … a multiple of the largest observed value, and draws beyond it are found by
/// doubling and bisection on the Hurwitz zeta function.
/// </summary>
internal sealed class DiscretePowerLawSampler
{
    private readonly double _alpha;
    private readonly int _xMin;
    private readonly double _normaliser;
    private readonly double[] _ccdf;

    /// <param name="alpha">α &gt; 1.</param>
    /// <param name="xMin">x_min ≥ 1.</param>
    /// <param name="normaliser">ζ(α, x_min).</param>
    /// <param name="observedMax">Largest observed value, to size the table.</param>
    public DiscretePowerLawSampler(double alpha, int xMin, double normaliser, int observedMax)
    {
        _alpha = alpha;
        _xMin = xMin;
        _normaliser = normaliser;
        int length = (int)Math.Min(1 << 20, Math.Max(64L, (4L * observedMax) - xMin + 2));

        // _ccdf[i] = P(X ≥ x_min + i), built downward from the exact tail at the table's end.
        _ccdf = new double[length];
        double tail = HurwitzZeta.Value(alpha, xMin + length - 1);
        _ccdf[length - 1] = tail / normaliser;
        for (int i = length - 2; i >= 0; i--)
        {
            tail += Math.Pow(xMin + i, -alpha);
            _ccdf[i] = tail / normaliser;
        }
    }

    /// <summary>One draw: the largest x with P(X ≥ x) ≥ u for u uniform on (0, 1].</summary>
    public int Next(Random random)
    {
        double u = 1.0 - random.NextDouble();
        if (u > _ccdf[^1])
        {
            // Binary search for the last table index whose ccdf is ≥ u (ccdf decreases with the index; _ccdf[0] = 1 ≥ u).
            int lo = 0;
            int hi = _ccdf.Length - 1;
            while (hi - lo > 1)
            {
                int mid = (lo + hi) >>> 1;
                if (_ccdf[mid] >= u)
                {
                    lo = mid;
                }
                else
                {
                    hi = mid;
                }
            }

            return _xMin + lo;
        }

        // Beyond the table: ccdf(low) ≥ u by the test above; double until ccdf(high) < u, then bisect.
        long low = _xMin + _ccdf.Length - 1;
        long high = low * 2;
        while (Ccdf(high) >= u && high < int.MaxValue / 2)
        {
            low = high;
            high *= 2;
        }

        while (high - low > 1)
        {
            long mid = (low + high) / 2;
            if (Ccdf(mid) >= u)
            {
                low = mid;
            }
            else
            {
                high = mid;
            }
        }

        return (int)low;
    }

    private double Ccdf(long x) => HurwitzZeta.Value(_alpha, x) / _normaliser;
}
