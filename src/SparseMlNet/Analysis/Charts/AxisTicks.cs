using System.Globalization;

namespace SparseMlNet.Analysis.Charts;

/// <summary>The resolved range of an axis, its tick positions and labels, and the value-to-pixel mapping.</summary>
internal sealed class AxisTicks
{
    private AxisTicks(AxisScale scale, double min, double max, IReadOnlyList<double> major, IReadOnlyList<double> minor, Func<double, string> label)
    {
        Scale = scale;
        Min = min;
        Max = max;
        Major = major;
        Minor = minor;
        Label = label;
    }

    public AxisScale Scale { get; }

    public double Min { get; }

    public double Max { get; }

    public IReadOnlyList<double> Major { get; }

    public IReadOnlyList<double> Minor { get; }

    public Func<double, string> Label { get; }

    /// <summary>Fraction of the axis length at <paramref name="value"/>: 0 at <see cref="Min"/>, 1 at <see cref="Max"/>.</summary>
    public double Fraction(double value) => Scale == AxisScale.Logarithmic
        ? (Math.Log10(value) - Math.Log10(Min)) / (Math.Log10(Max) - Math.Log10(Min))
        : (value - Min) / (Max - Min);

    /// <summary>Whether <paramref name="value"/> can be placed on this axis (finite, and positive on a logarithmic one).</summary>
    public bool CanShow(double value) => double.IsFinite(value) && (Scale == AxisScale.Linear || value > 0);

    /// <summary>Resolves the range from the axis settings and the data extent and chooses about <paramref name="target"/> ticks.</summary>
    public static AxisTicks Create(ChartAxis axis, double dataMin, double dataMax, int target = 6)
    {
        return axis.Scale == AxisScale.Logarithmic ? Logarithmic(axis, dataMin, dataMax) : Linear(axis, dataMin, dataMax, target);
    }

    private static AxisTicks Linear(ChartAxis axis, double dataMin, double dataMax, int target)
    {
        double lo = axis.Minimum ?? (double.IsFinite(dataMin) ? dataMin : 0);
        double hi = axis.Maximum ?? (double.IsFinite(dataMax) ? dataMax : 1);
        if (hi < lo)
        {
            (lo, hi) = (hi, lo);
        }

        if (hi - lo < 1e-12 * Math.Max(1, Math.Abs(hi)))
        {
            lo -= Math.Max(0.5, Math.Abs(lo) * 0.1);
            hi += Math.Max(0.5, Math.Abs(hi) * 0.1);
        }

        double step = NiceStep((hi - lo) / Math.Max(1, target - 1));
        if (axis.Minimum is null)
        {
            lo = Math.Floor((lo / step) + 1e-9) * step;
        }

        if (axis.Maximum is null)
        {
            hi = Math.Ceiling((hi / step) - 1e-9) * step;
        }

        var major = new List<double>();
        for (double t = Math.Ceiling((lo / step) - 1e-9) * step; t <= hi + (step * 1e-9); t += step)
        {
            major.Add(Math.Abs(t) < step * 1e-9 ? 0 : t);
        }

        int decimals = Math.Max(0, (int)Math.Ceiling(-Math.Log10(step) - 1e-9));
        if (Math.Abs((step / Math.Pow(10, -decimals)) - Math.Round(step / Math.Pow(10, -decimals))) > 1e-6)
        {
            decimals++;
        }

        string format = decimals == 0 ? "0" : "0." + new string('0', decimals);
        return new AxisTicks(AxisScale.Linear, lo, hi, major, [], v => Math.Abs(v) >= 1e6 ? v.ToString("0.##e0", CultureInfo.InvariantCulture) : v.ToString(format, CultureInfo.InvariantCulture));
    }

    private static AxisTicks Logarithmic(ChartAxis axis, double dataMin, double dataMax)
    {
        double lo = axis.Minimum ?? (double.IsFinite(dataMin) && dataMin > 0 ? dataMin : 1);
        double hi = axis.Maximum ?? (double.IsFinite(dataMax) && dataMax > 0 ? dataMax : 10);
        if (!(lo > 0) || !(hi > 0))
        {
            throw new ArgumentException($"A logarithmic axis needs a positive range; '{axis.Title}' has [{lo}, {hi}].", nameof(axis));
        }

        if (hi < lo)
        {
            (lo, hi) = (hi, lo);
        }

        // Data spanning two decades or more are framed by whole decades; a narrower range is padded by 15% so it fills the axis.
        bool narrow = Math.Log10(hi) - Math.Log10(lo) < 2;
        if (axis.Minimum is null)
        {
            lo = narrow ? lo / 1.15 : Math.Pow(10, Math.Floor(Math.Log10(lo) + 1e-9));
        }

        if (axis.Maximum is null)
        {
            hi = narrow ? hi * 1.15 : Math.Pow(10, Math.Ceiling(Math.Log10(hi) - 1e-9));
        }

        if (hi <= lo * 1.0001)
        {
            hi = lo * 10;
        }

        int first = (int)Math.Floor(Math.Log10(lo) + 1e-9);
        int last = (int)Math.Ceiling(Math.Log10(hi) - 1e-9);
        double decades = Math.Log10(hi) - Math.Log10(lo);

        // Label powers of ten; on narrow ranges also 2 and 5 times them, and every multiple when that still leaves fewer than three labels.
        int[][] labelSets = decades <= 1.5 ? [[1], [1, 2, 5], [1, 2, 3, 4, 5, 6, 7, 8, 9]] : [[1]];
        var major = new List<double>();
        var minor = new List<double>();
        foreach (int[] labelled in labelSets)
        {
            major.Clear();
            minor.Clear();
            for (int k = first; k <= last; k++)
            {
                double power = Math.Pow(10, k);
                for (int m = 1; m <= 9; m++)
                {
                    double v = m * power;
                    if (v < lo * (1 - 1e-9) || v > hi * (1 + 1e-9))
                    {
                        continue;
                    }

                    if (Array.IndexOf(labelled, m) >= 0)
                    {
                        major.Add(v);
                    }
                    else if (decades <= 5)
                    {
                        minor.Add(v);
                    }
                }
            }

            if (major.Count >= 3)
            {
                break;
            }
        }

        return new AxisTicks(AxisScale.Logarithmic, lo, hi, major, minor, LogLabel);
    }

    private static string LogLabel(double v)
    {
        double exponent = Math.Log10(v);
        return exponent is >= -4 and <= 5
            ? v.ToString("0.####", CultureInfo.InvariantCulture)
            : v.ToString("0e0", CultureInfo.InvariantCulture);
    }

    private static double NiceStep(double rough)
    {
        if (!(rough > 0) || !double.IsFinite(rough))
        {
            return 1;
        }

        double magnitude = Math.Pow(10, Math.Floor(Math.Log10(rough)));
        double residual = rough / magnitude;
        double nice = residual <= 1 ? 1 : residual <= 2 ? 2 : residual <= 2.5 ? 2.5 : residual <= 5 ? 5 : 10;
        return nice * magnitude;
    }
}
