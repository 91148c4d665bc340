using SparseMlNet.Analysis;

namespace SparseMlNet.Tests.Analysis;

public sealed class PowerLawFitTests
{
    /// <summary>Zeta (Zipf) distribution P(X = k) ∝ k^(−a), k ≥ 1, by Devroye's rejection method (Non-Uniform Random Variate Generation, 1986, X.6).</summary>
    private static int[] ZetaSample(double a, int n, int seed)
    {
        var random = new Random(seed);
        double b = Math.Pow(2, a - 1);
        var sample = new int[n];
        for (int i = 0; i < n; i++)
        {
            while (true)
            {
                double u = 1 - random.NextDouble();
                double v = random.NextDouble();
                double x = Math.Floor(Math.Pow(u, -1 / (a - 1)));
                if (x > int.MaxValue)
                {
                    continue;
                }

                double t = Math.Pow(1 + (1 / x), a - 1);
                if (v * x * (t - 1) / (b - 1) <= t / b)
                {
                    sample[i] = (int)x;
                    break;
                }
            }
        }

        return sample;
    }

    /// <summary>ζ(s, q) by direct summation of 2·10⁶ terms plus the integral of the rest: slow but independent of the library's Euler–Maclaurin formula.</summary>
    private static double BruteZeta(double s, int q)
    {
        const int Terms = 2_000_000;
        double sum = 0;
        for (int k = Terms - 1; k >= 0; k--)
        {
            sum += Math.Pow(q + k, -s);
        }

        double end = q + Terms;
        return sum + (Math.Pow(end, 1 - s) / (s - 1)) - (Math.Pow(end, -s) / 2);
    }

    [Theory]
    [InlineData(2.0, 1, 1.6449340668482264)] // π²/6
    [InlineData(3.0, 1, 1.2020569031595942)] // Apéry's constant
    [InlineData(2.0, 2, 0.6449340668482264)] // π²/6 − 1
    [InlineData(4.0, 1, 1.0823232337111381)] // π⁴/90
    public void HurwitzZeta_KnownValues(double s, double q, double expected)
    {
        Assert.Equal(expected, HurwitzZeta.Value(s, q), 12);
    }

    // Reference values from mpmath 1.3 (mpmath.zeta(s, q) at 30 digits), independent of the Euler–Maclaurin formula used here.
    [Theory]
    [InlineData(1.05, 1, 20.5808443020369848)]
    [InlineData(2.5, 7, 0.0400817579336607012)]
    [InlineData(35, 3, 1.99882372932560130e-17)]
    public void HurwitzZeta_AgreesWithMpmath(double s, int q, double expected)
    {
        Assert.Equal(1, HurwitzZeta.Value(s, q) / expected, 12);
    }

    [Fact]
    public void Fit_ZetaSampleAlpha2point5_RecoversExponent()
    {
        int[] sample = ZetaSample(2.5, 5000, seed: 3);

        var fit = PowerLawFit.Fit(sample);

        Assert.InRange(fit.Alpha, 2.4, 2.6);
        Assert.InRange(fit.XMin, 1, 10);
        Assert.True(fit.KolmogorovSmirnov < 0.03, $"KS {fit.KolmogorovSmirnov}");
        Assert.Equal(5000, fit.SampleCount);
        Assert.Equal(sample.Count(v => v >= fit.XMin), fit.TailCount);
        Assert.InRange(fit.StandardError, 0.005, 0.1);
    }

    [Fact]
    public void Fit_AlphaMaximisesDiscreteLikelihoodAndKsMatchesDirectComputation()
    {
        // A heavy sample whose tail has long gaps between values, so the KS computation's zeta shortcut is exercised.
        int[] sample = ZetaSample(1.8, 600, seed: 11);
        var fit = PowerLawFit.Fit(sample);
        var tail = sample.Where(v => v >= fit.XMin).OrderBy(v => v).ToArray();
        double sumLog = tail.Sum(v => Math.Log(v));
        double LogLikelihood(double a) => (-tail.Length * Math.Log(BruteZeta(a, fit.XMin))) - (a * sumLog);

        Assert.True(LogLikelihood(fit.Alpha) >= LogLikelihood(fit.Alpha + 0.01));
        Assert.True(LogLikelihood(fit.Alpha) >= LogLikelihood(fit.Alpha - 0.01));

        // KS by brute force: model CDF at every integer from x_min to the largest value.
        double zeta = BruteZeta(fit.Alpha, fit.XMin);
        double cdf = 0;
        double ks = 0;
        int i = 0;
        for (int x = fit.XMin; x <= tail[^1]; x++)
        {
            while (i < tail.Length && tail[i] <= x)
            {
                i++;
            }

            cdf += Math.Pow(x, -fit.Alpha) / zeta;
            ks = Math.Max(ks, Math.Abs(((double)i / tail.Length) - cdf));
        }

        Assert.True(tail[^1] > 1000, "the sample should reach far enough to have gaps");
        Assert.Equal(ks, fit.KolmogorovSmirnov, 6);
        Assert.Equal(Math.Pow(fit.XMin, -fit.Alpha) / zeta, fit.Probability(fit.XMin), 8);
        Assert.Equal(0, fit.Probability(fit.XMin - 1));
    }

    [Fact]
    public void Fit_RegularGraphDegrees_CannotBeFitted()
    {
        int[] regular = Enumerable.Repeat(3, 100).ToArray();

        var ex = Assert.Throws<ArgumentException>(() => PowerLawFit.Fit(regular));
        Assert.Contains("regular", ex.Message, StringComparison.Ordinal);
        Assert.False(PowerLawFit.TryFit(regular, out var fit));
        Assert.Null(fit);
    }

    [Fact]
    public void Fit_ZerosAreIgnoredNegativesRejected()
    {
        int[] sample = ZetaSample(2.5, 500, seed: 5);
        var withZeros = sample.Concat(Enumerable.Repeat(0, 300)).ToArray();

        var a = PowerLawFit.Fit(sample);
        var b = PowerLawFit.Fit(withZeros);

        Assert.Equal(a.Alpha, b.Alpha);
        Assert.Equal(a.SampleCount, b.SampleCount);
        Assert.Throws<ArgumentOutOfRangeException>(() => PowerLawFit.Fit([1, 2, -3]));
        Assert.Throws<ArgumentOutOfRangeException>(() => PowerLawFit.Fit(sample, new PowerLawFitOptions { MinTailCount = 1 }));
    }

    [Fact]
    public void Bootstrap_PowerLawIsPlausibleUniformIsRejected()
    {
        // Under a true power law the p-value is roughly uniform on [0, 1], so a single draw may be small: judge the median of several samples.
        var pValues = new List<double>();
        for (int seed = 0; seed < 7; seed++)
        {
            var fit = PowerLawFit.Fit(ZetaSample(2.5, 500, seed), new PowerLawFitOptions { BootstrapReplicates = 30, Seed = seed });
            Assert.Equal(30, fit.BootstrapReplicates);
            pValues.Add(fit.PValue);
        }

        pValues.Sort();
        var uniform = PowerLawFit.Fit(
            Enumerable.Range(0, 2000).Select(i => 1 + (i % 50)).ToArray(), new PowerLawFitOptions { BootstrapReplicates = 30, Seed = 1 });

        Assert.True(pValues[3] > 0.2, $"median p {pValues[3]}");
        Assert.True(uniform.PValue < 0.1, $"p {uniform.PValue}");
        Assert.True(double.IsNaN(PowerLawFit.Fit(ZetaSample(2.5, 100, seed: 9)).PValue));
    }
}
