namespace SparseMlNet.Analysis.Charts;

/// <summary>Several charts side by side in one picture (for example accuracy and loss, or an input map at several epochs), under an optional common title.</summary>
public sealed class ChartRow : Chart
{
    private const double TitleHeight = 34;

    /// <summary>Places <paramref name="charts"/> left to right.</summary>
    /// <param name="charts">At least one chart.</param>
    /// <exception cref="ArgumentException"><paramref name="charts"/> is empty or holds null.</exception>
    public ChartRow(IEnumerable<Chart> charts)
    {
        ArgumentNullException.ThrowIfNull(charts);
        Charts = charts.ToArray();
        if (Charts.Count == 0 || Charts.Any(c => c is null))
        {
            throw new ArgumentException("A chart row needs at least one chart and no null entries.", nameof(charts));
        }
    }

    /// <summary>The charts, left to right.</summary>
    public IReadOnlyList<Chart> Charts { get; }

    /// <inheritdoc/>
    public override double Width => Charts.Sum(c => c.Width);

    /// <inheritdoc/>
    public override double Height => Charts.Max(c => c.Height) + (Title.Length > 0 ? TitleHeight : 0);

    internal override void Render(SvgWriter svg)
    {
        RenderTitle(svg);
        double x = 0;
        double top = Title.Length > 0 ? TitleHeight : 0;
        foreach (Chart chart in Charts)
        {
            svg.StartGroup(SvgWriter.Translate(x, top));
            chart.Render(svg);
            svg.EndGroup();
            x += chart.Width;
        }
    }
}
