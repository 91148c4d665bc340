namespace SparseMlNet.Analysis;

/// <summary>
/// A discrete power law p(x) = x^(−α) / ζ(α, x_min) for x ≥ x_min fitted to the tail of a degree sample by the method of Clauset, Shalizi and Newman,
/// "Power-law distributions in empirical data", SIAM Review 51(4), 661–703, 2009: for every candidate x_min the exponent α is the exact discrete
/// maximum-likelihood estimate (maximising eq. 3.5, L(α) = −n ln ζ(α, x_min) − α Σ ln x_i), and x_min is the candidate whose fitted model is closest to the
/// data's tail in Kolmogorov–Smirnov distance (section 3.3). Optionally a semi-parametric bootstrap gives a goodness-of-fit p-value (section 4.1).
/// </summary>
/// <remarks>
/// Only positive values take part: a power law is not defined at 0, so neurons of degree 0 are left out of the fit and of <see cref="SampleCount"/>.
/// Mocanu et al. (Nature Communications 2018) report that SET moves hidden-neuron degrees from the Erdős–Rényi binomial toward a power law;
/// a small p-value (below 0.1, Clauset et al.) rules a power law out, a large one only says it is plausible.
/// </remarks>
public sealed class PowerLawFit
{
    private const double MinAlpha = 1.0 + 1e-6;
    private const double MaxAlpha = 100;

    private PowerLawFit(double alpha, int xMin, double ks, int tailCount, int sampleCount, double zetaAtXMin)
    {
        Alpha = alpha;
        XMin = xMin;
        KolmogorovSmirnov = ks;
        TailCount = tailCount;
        SampleCount = sampleCount;
        Normaliser = zetaAtXMin;
    }

    /// <summary>The exponent α of the fitted tail; Range: (1, 100].</summary>
    public double Alpha { get; }

    /// <summary>The smallest value the power law describes, chosen by minimum KS distance; Range: ≥ 1.</summary>
    public int XMin { get; }

    /// <summary>Kolmogorov–Smirnov distance D = max_{x ≥ x_min} |S(x) − P(x)| between the tail's empirical CDF and the fitted model's CDF; in [0, 1].</summary>
    public double KolmogorovSmirnov { get; }

    /// <summary>Number of values ≥ <see cref="XMin"/> (the n of the fit).</summary>
    public int TailCount { get; }

    /// <summary>Number of positive values given (values of 0 are ignored).</summary>
    public int SampleCount { get; }

    /// <summary>Large-sample standard error of α, (α − 1)/√n (Clauset et al. 2009, eq. 3.2; the discrete estimator's error agrees for large x_min).</summary>
    public double StandardError => (Alpha - 1) / Math.Sqrt(TailCount);

    /// <summary>
    /// Goodness-of-fit p-value: the fraction of bootstrap data sets drawn from the fitted model whose own best fit is farther (in KS distance) than the data's;
    /// NaN unless <see cref="PowerLawFitOptions.BootstrapReplicates"/> was positive. Below 0.1 the power law is ruled out (Clauset et al. 2009, section 4.1).
    /// </summary>
    public double PValue { get; private init; } = double.NaN;

    /// <summary>Number of bootstrap replicates behind <see cref="PValue"/> (0 when not computed).</summary>
    public int BootstrapReplicates { get; private init; }

    /// <summary>ζ(α, x_min), the model's normalising constant.</summary>
    internal double Normaliser { get; }

    /// <summary>Probability p(x) = x^(−α)/ζ(α, x_min) the fitted model gives value <paramref name="x"/> (0 below x_min); conditional on being in the tail.</summary>
    public double Probability(int x) => x < XMin ? 0 : Math.Pow(x, -Alpha) / Normaliser;

    /// <summary>Fits a discrete power law to the tail of <paramref name="values"/>.</summary>
    /// <param name="values">Observed values, typically neuron degrees; values of 0 are ignored, negative values are rejected.</param>
    /// <param name="options">Tail floor and bootstrap settings; null for the defaults (no bootstrap).</param>
    /// <returns>The fit with the smallest KS distance over the candidate x_min.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A value is negative, or an option is out of range.</exception>
    /// <exception cref="ArgumentException">
    /// No candidate x_min leaves at least <see cref="PowerLawFitOptions.MinTailCount"/> values with at least two distinct values (for example all degrees
    /// equal, as in a regular graph): a power law cannot be fitted.
    /// </exception>
    public static PowerLawFit Fit(ReadOnlySpan<int> values, PowerLawFitOptions? options = null)
    {
        options ??= new PowerLawFitOptions();
        options.Validate();
        int[] sorted = SortedPositive(values);
        PowerLawFit fit = FitSorted(sorted, options.MinTailCount)
            ?? throw new ArgumentException(
                $"No power law can be fitted: the {sorted.Length} positive values leave no tail of at least {options.MinTailCount} values with two or more distinct values "
                + "(for example every degree is equal, as in a regular graph). Lower MinTailCount or analyse more neurons.",
                nameof(values));
        return options.BootstrapReplicates == 0 ? fit : WithBootstrap(fit, sorted, options);
    }

    /// <summary>Like <see cref="Fit"/>, but returns false instead of throwing when no power law can be fitted.</summary>
    /// <param name="values">Observed values; 0 ignored.</param>
    /// <param name="fit">The fit, or null.</param>
    /// <param name="options">Settings; null for the defaults.</param>
    /// <returns>Whether a fit was possible.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A value is negative, or an option is out of range.</exception>
    public static bool TryFit(ReadOnlySpan<int> values, out PowerLawFit? fit, PowerLawFitOptions? options = null)
    {
        options ??= new PowerLawFitOptions();
        options.Validate();
        int[] sorted = SortedPositive(values);
        fit = FitSorted(sorted, options.MinTailCount);
        if (fit is not null && options.BootstrapReplicates > 0)
        {
            fit = WithBootstrap(fit, sorted, options);
        }

        return fit is not null;
    }

    private static int[] SortedPositive(ReadOnlySpan<int> values)
    {
        var positive = new List<int>(values.Length);
        foreach (int v in values)
        {
            if (v < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(values), v, "Power-law fitting takes non-negative counts such as degrees.");
            }

            if (v > 0)
            {
                positive.Add(v);
            }
        }

        int[] sorted = positive.ToArray();
        Array.Sort(sorted);
        return sorted;
    }

    /// <summary>Best fit over all candidate x_min (each distinct value leaving a tail of ≥ minTail values with ≥ 2 distinct values), or null.</summary>
    private static PowerLawFit? FitSorted(int[] sorted, int minTail)
    {
        PowerLawFit? best = null;
        int n = sorted.Length;
        if (n < minTail || sorted[0] == sorted[^1])
        {
            return null;
        }

        // Suffix sums of ln x so each candidate's Σ ln x_i is O(1).
        var suffixLog = new double[n + 1];
        for (int i = n - 1; i >= 0; i--)
        {
            suffixLog[i] = suffixLog[i + 1] + Math.Log(sorted[i]);
        }

        int last = sorted[^1];
        for (int start = 0; start < n; start++)
        {
            if (start > 0 && sorted[start] == sorted[start - 1])
            {
                continue;
            }

            int tail = n - start;
            if (tail < minTail || sorted[start] == last)
            {
                break;
            }

            int xMin = sorted[start];
            double alpha = MaximumLikelihoodAlpha(xMin, tail, suffixLog[start]);
            double zeta = HurwitzZeta.Value(alpha, xMin);
            double ks = KsDistance(sorted.AsSpan(start), alpha, zeta);
            if (best is null || ks < best.KolmogorovSmirnov)
            {
                best = new PowerLawFit(alpha, xMin, ks, tail, n, zeta);
            }
        }

        return best;
    }

    /// <summary>
    /// Maximises the concave discrete log-likelihood L(α) = −n ln ζ(α, x_min) − α Σ ln x_i (Clauset et al. 2009, eq. 3.5) by golden-section search on
    /// (1, 100], to a tolerance of 1e-7.
    /// </summary>
    private static double MaximumLikelihoodAlpha(int xMin, int n, double sumLog)
    {
        double LogLikelihood(double alpha) => (-n * Math.Log(HurwitzZeta.Value(alpha, xMin))) - (alpha * sumLog);

        double invPhi = (Math.Sqrt(5) - 1) / 2;
        double a = MinAlpha;
        double b = MaxAlpha;
        double c = b - (invPhi * (b - a));
        double d = a + (invPhi * (b - a));
        double fc = LogLikelihood(c);
        double fd = LogLikelihood(d);
        while (b - a > 1e-7)
        {
            if (fc > fd)
            {
                b = d;
                d = c;
                fd = fc;
                c = b - (invPhi * (b - a));
                fc = LogLikelihood(c);
            }
            else
            {
                a = c;
                c = d;
                fc = fd;
                d = a + (invPhi * (b - a));
                fd = LogLikelihood(d);
            }
        }

        return (a + b) / 2;
    }

    /// <summary>
    /// max over integers x ≥ x_min of |S(x) − P(x)|. S only steps at observed values and P increases between them, so it suffices to compare at each
    /// distinct value v and just before it (v − 1); the model mass of a long gap between values comes from two Hurwitz zeta values instead of a sum.
    /// </summary>
    private static double KsDistance(ReadOnlySpan<int> tail, double alpha, double zeta)
    {
        const int DirectSumGap = 64;
        int n = tail.Length;
        double modelCdf = 0;
        double distance = 0;
        int previous = tail[0] - 1;
        int i = 0;
        while (i < n)
        {
            int v = tail[i];
            double empiricalBefore = (double)i / n;
            int gap = v - previous - 1;
            if (gap > DirectSumGap)
            {
                modelCdf += (HurwitzZeta.Value(alpha, previous + 1) - HurwitzZeta.Value(alpha, v)) / zeta;
            }
            else
            {
                for (int x = previous + 1; x < v; x++)
                {
                    modelCdf += Math.Pow(x, -alpha) / zeta;
                }
            }

            distance = Math.Max(distance, Math.Abs(empiricalBefore - modelCdf));
            while (i < n && tail[i] == v)
            {
                i++;
            }

            modelCdf += Math.Pow(v, -alpha) / zeta;
            distance = Math.Max(distance, Math.Abs(((double)i / n) - modelCdf));
            previous = v;
        }

        return distance;
    }

    /// <summary>
    /// Semi-parametric bootstrap (Clauset et al. 2009, section 4.1): each replicate draws n values, each from the fitted power law with probability
    /// n_tail/n and otherwise uniformly from the observed values below x_min, refits from scratch, and counts whether its KS distance reaches the data's.
    /// </summary>
    private static PowerLawFit WithBootstrap(PowerLawFit fit, int[] sorted, PowerLawFitOptions options)
    {
        var random = new Random(options.Seed);
        int n = sorted.Length;
        int below = n - fit.TailCount;
        var sampler = new DiscretePowerLawSampler(fit.Alpha, fit.XMin, fit.Normaliser, sorted[^1]);
        var sample = new int[n];
        int atLeast = 0;
        int valid = 0;
        for (int r = 0; r < options.BootstrapReplicates; r++)
        {
            for (int i = 0; i < n; i++)
            {
                sample[i] = random.NextDouble() * n < fit.TailCount || below == 0
                    ? sampler.Next(random)
                    : sorted[random.Next(below)];
            }

            Array.Sort(sample);
            PowerLawFit? replicate = FitSorted(sample, options.MinTailCount);
            if (replicate is null)
            {
                // No fittable tail (for example every drawn value equal): no distance to compare, so the replicate is left out.
                continue;
            }

            valid++;
            if (replicate.KolmogorovSmirnov >= fit.KolmogorovSmirnov)
            {
                atLeast++;
            }
        }

        return new PowerLawFit(fit.Alpha, fit.XMin, fit.KolmogorovSmirnov, fit.TailCount, fit.SampleCount, fit.Normaliser)
        {
            PValue = valid == 0 ? double.NaN : (double)atLeast / valid,
            BootstrapReplicates = valid,
        };
    }
}
