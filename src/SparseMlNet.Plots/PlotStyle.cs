using System.Globalization;
using ScottPlot;
using ScottPlot.TickGenerators;

namespace SparseMlNet.Plots;

/// <summary>The look shared by every picture: sans-serif text, axis label sizes, series colours, and logarithmic axes.</summary>
internal static class PlotStyle
{
    /// <summary>Colour of the Erdős–Rényi expectation.</summary>
    public static readonly Color Reference = Color.FromHex("#555555");

    /// <summary>Colour of a fitted power law.</summary>
    public static readonly Color Fit = Color.FromHex("#D55E00");

    // Okabe–Ito colours (distinguishable with the common colour-vision deficiencies), black left out.
    private static readonly Color[] Series =
    [
        Color.FromHex("#0072B2"), Color.FromHex("#E69F00"), Color.FromHex("#009E73"), Color.FromHex("#CC79A7"),
        Color.FromHex("#56B4E9"), Color.FromHex("#D55E00"), Color.FromHex("#F0E442"), Color.FromHex("#000000"),
    ];

    /// <summary>
    /// The sans-serif font the pictures use: the first installed of DejaVu Sans, Liberation Sans, Arial and Helvetica, else ScottPlot's choice
    /// (on a Linux box without fontconfig ScottPlot's own "sans" can resolve to a serif face).
    /// </summary>
    public static readonly string FontName = FindFont();

    /// <summary>The colour of the <paramref name="index"/>-th series (cycling).</summary>
    public static Color SeriesColor(int index) => Series[index % Series.Length];

    /// <summary>A new plot with the shared fonts and sizes.</summary>
    public static Plot NewPlot()
    {
        var plot = new Plot();
        plot.Font.Set(FontName);
        plot.Axes.Title.Label.FontSize = 15;
        plot.Axes.Bottom.Label.FontSize = 14;
        plot.Axes.Left.Label.FontSize = 14;
        plot.Axes.Bottom.TickLabelStyle.FontSize = 12;
        plot.Axes.Left.TickLabelStyle.FontSize = 12;
        plot.Legend.FontSize = 12;
        plot.Legend.FontName = FontName;
        return plot;
    }

    private static string FindFont()
    {
        foreach (string name in (string[])["DejaVu Sans", "Liberation Sans", "Arial", "Helvetica"])
        {
            using SkiaSharp.SKTypeface? face = SkiaSharp.SKFontManager.Default.MatchFamily(name);
            if (face is not null && string.Equals(face.FamilyName, name, StringComparison.OrdinalIgnoreCase))
            {
                return name;
            }
        }

        return Fonts.Sans;
    }

    /// <summary>
    /// Makes <paramref name="axis"/> logarithmic for data plotted as log10 values: major ticks at whole decades labelled 10^t (1, 10, 100, 0.01, …;
    /// 10⁻⁴ and below in exponent form), minor ticks at 2…9 times each decade.
    /// </summary>
    public static void Logarithmic(IAxis axis)
    {
        axis.TickGenerator = new NumericAutomatic
        {
            IntegerTicksOnly = true,
            MinorTickGenerator = new LogMinorTickGenerator(),
            LabelFormatter = DecadeLabel,
        };
        axis.MinorTickStyle.Length = 3;
    }

    /// <summary>The label of the decade log10 value <paramref name="exponent"/>: "1000", "1", "0.001", "1e-4".</summary>
    public static string DecadeLabel(double exponent)
    {
        int e = (int)Math.Round(exponent);
        return e is >= -3 and <= 6
            ? Math.Pow(10, e).ToString("0.###", CultureInfo.InvariantCulture)
            : string.Create(CultureInfo.InvariantCulture, $"1e{e}");
    }
}
