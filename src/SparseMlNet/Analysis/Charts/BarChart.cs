using System.Globalization;

namespace SparseMlNet.Analysis.Charts;

/// <summary>
/// Horizontal bars, one per category, top to bottom in the given order: a ranked list such as the input features with the most connections.
/// The picture grows in height with the number of bars.
/// </summary>
public sealed class BarChart : Chart
{
    private const double RowHeight = 18;
    private const double LabelFont = 11;
    private const double AxisTitleFont = 13;
    private const int MaxLabelLength = 40;

    /// <summary>Creates a bar chart.</summary>
    /// <param name="labels">Category labels, top to bottom.</param>
    /// <param name="values">One value per label; NaN draws no bar.</param>
    /// <param name="valueAxis">The horizontal (value) axis; must be linear.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">Labels and values differ in number, there are none, or the axis is logarithmic.</exception>
    public BarChart(IReadOnlyList<string> labels, IReadOnlyList<double> values, ChartAxis valueAxis)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(valueAxis);
        if (labels.Count != values.Count || labels.Count == 0)
        {
            throw new ArgumentException($"Give one value per label and at least one bar; got {labels.Count} labels and {values.Count} values.", nameof(values));
        }

        if (valueAxis.Scale != AxisScale.Linear)
        {
            throw new ArgumentException("Bar lengths need a linear value axis.", nameof(valueAxis));
        }

        Labels = labels;
        Values = values;
        ValueAxis = valueAxis;
    }

    /// <summary>Category labels, top to bottom.</summary>
    public IReadOnlyList<string> Labels { get; }

    /// <summary>Bar values.</summary>
    public IReadOnlyList<double> Values { get; }

    /// <summary>The value axis (horizontal).</summary>
    public ChartAxis ValueAxis { get; }

    /// <summary>Title of the category axis (vertical), for example "Feature (rank order)".</summary>
    public string CategoryTitle { get; init; } = string.Empty;

    /// <summary>A smaller line under the title; empty for none.</summary>
    public string Subtitle { get; init; } = string.Empty;

    /// <summary>Bar colour; default the first <see cref="Palette"/> colour.</summary>
    public string Color { get; init; } = Palette.Color(0);

    /// <summary>Whether each bar's value is written at its end; default true.</summary>
    public bool ShowValues { get; init; } = true;

    /// <summary>Width in pixels; default 640.</summary>
    public double ChartWidth { get; init; } = 640;

    /// <inheritdoc/>
    public override double Width => ChartWidth;

    /// <inheritdoc/>
    public override double Height => Top + (Labels.Count * RowHeight) + 58;

    private double Top => Title.Length == 0 ? 16 : Subtitle.Length == 0 ? 40 : 56;

    internal override void Render(SvgWriter svg)
    {
        RenderTitle(svg);
        if (Subtitle.Length > 0)
        {
            svg.Text(Width / 2, 42, Subtitle, 12, "middle", fill: "#555555");
        }

        string[] labels = Labels.Select(l => l.Length > MaxLabelLength ? l[..(MaxLabelLength - 1)] + "…" : l).ToArray();
        double finiteMin = Values.Where(double.IsFinite).DefaultIfEmpty(0).Min();
        double finiteMax = Values.Where(double.IsFinite).DefaultIfEmpty(1).Max();
        AxisTicks axis = AxisTicks.Create(ValueAxis, Math.Min(0, finiteMin), Math.Max(0, finiteMax));
        double labelWidth = labels.Max(l => SvgWriter.TextWidth(l, LabelFont));
        double left = 12 + (CategoryTitle.Length > 0 ? AxisTitleFont + 8 : 0) + labelWidth + 8;
        double valueRoom = ShowValues ? 8 + SvgWriter.TextWidth(Format(finiteMax), LabelFont) : 0;
        double top = Top;
        double plotWidth = Math.Max(40, Width - left - 16 - valueRoom);
        double plotHeight = Labels.Count * RowHeight;
        double Px(double v) => left + (axis.Fraction(v) * plotWidth);

        foreach (double v in axis.Major)
        {
            double p = Px(v);
            svg.Line(p, top, p, top + plotHeight, "#E6E6E6");
            svg.Line(p, top + plotHeight, p, top + plotHeight + 5, "#444444");
            svg.Text(p, top + plotHeight + 18, axis.Label(v), LabelFont, "middle");
        }

        double zero = Px(Math.Clamp(0, axis.Min, axis.Max));
        for (int i = 0; i < labels.Length; i++)
        {
            double rowTop = top + (i * RowHeight);
            svg.Text(left - 6, rowTop + (RowHeight / 2) + (LabelFont * 0.35), labels[i], LabelFont, "end");
            double v = Values[i];
            if (!double.IsFinite(v))
            {
                continue;
            }

            double end = Px(Math.Clamp(v, axis.Min, axis.Max));
            svg.Rect(Math.Min(zero, end), rowTop + 3, Math.Abs(end - zero), RowHeight - 6, Color);
            if (ShowValues)
            {
                svg.Text(Math.Max(zero, end) + 4, rowTop + (RowHeight / 2) + (LabelFont * 0.35), Format(v), LabelFont);
            }
        }

        svg.Line(zero, top, zero, top + plotHeight, "#444444");
        svg.Line(left, top + plotHeight, left + plotWidth, top + plotHeight, "#444444");
        svg.Text(left + (plotWidth / 2), top + plotHeight + 40, ValueAxis.Title, AxisTitleFont, "middle");
        if (CategoryTitle.Length > 0)
        {
            svg.Text(12 + AxisTitleFont, top + (plotHeight / 2), CategoryTitle, AxisTitleFont, "middle", rotate: -90);
        }
    }

    private static string Format(double v) => Math.Abs(v) >= 100 || v == Math.Round(v)
        ? v.ToString("0", CultureInfo.InvariantCulture)
        : v.ToString("0.###", CultureInfo.InvariantCulture);
}
