namespace SparseMlNet.Analysis.Charts;

/// <summary>
/// A chart of one or more (x, y) series with a legend, axis titles and linear or logarithmic axes (log-log for degree distributions,
/// linear for learning curves).
/// </summary>
/// <example>
/// <code>
/// var chart = new LineChart(new ChartAxis("Epoch"), new ChartAxis("Test accuracy (%)"))
/// {
///     Title = "Fashion-MNIST, 784-1000-1000-1000-10",
///     Series = [new ChartSeries("SET", epochs, setAccuracy), new ChartSeries("FixProb", epochs, fixProbAccuracy)],
/// };
/// chart.Save("accuracy.svg");
/// </code>
/// </example>
public sealed class LineChart : Chart
{
    private const double TickLength = 5;
    private const double TickFont = 11;
    private const double AxisTitleFont = 13;
    private const double LegendFont = 12;
    private const double LegendRow = 18;
    private const double MarkerRadius = 2.8;

    /// <summary>Creates an empty chart with the given axes.</summary>
    /// <param name="xAxis">Horizontal axis.</param>
    /// <param name="yAxis">Vertical axis.</param>
    /// <exception cref="ArgumentNullException">An axis is null.</exception>
    public LineChart(ChartAxis xAxis, ChartAxis yAxis)
    {
        XAxis = xAxis ?? throw new ArgumentNullException(nameof(xAxis));
        YAxis = yAxis ?? throw new ArgumentNullException(nameof(yAxis));
    }

    /// <summary>Horizontal axis.</summary>
    public ChartAxis XAxis { get; }

    /// <summary>Vertical axis.</summary>
    public ChartAxis YAxis { get; }

    /// <summary>The series, drawn in order (later on top) and listed in the legend in order.</summary>
    public IReadOnlyList<ChartSeries> Series { get; init; } = [];

    /// <summary>A smaller line under the title, for example fitted parameters; empty for none.</summary>
    public string Subtitle { get; init; } = string.Empty;

    /// <summary>Where the legend goes; default top right inside the plot.</summary>
    public LegendPosition Legend { get; init; } = LegendPosition.TopRight;

    /// <summary>Width in pixels; default 640.</summary>
    public double ChartWidth { get; init; } = 640;

    /// <summary>Height in pixels; default 420.</summary>
    public double ChartHeight { get; init; } = 420;

    /// <inheritdoc/>
    public override double Width => ChartWidth;

    /// <inheritdoc/>
    public override double Height => ChartHeight;

    internal override void Render(SvgWriter svg)
    {
        RenderTitle(svg);
        if (Subtitle.Length > 0)
        {
            svg.Text(Width / 2, 42, Subtitle, 12, "middle", fill: "#555555");
        }

        AxisTicks x = AxisTicks.Create(XAxis, Extent(ofX: true, minimum: true), Extent(ofX: true, minimum: false));
        AxisTicks y = AxisTicks.Create(YAxis, Extent(ofX: false, minimum: true), Extent(ofX: false, minimum: false));
        double yLabelWidth = y.Major.Count == 0 ? 0 : y.Major.Max(v => SvgWriter.TextWidth(y.Label(v), TickFont));
        double legendWidth = LegendWidth();
        double left = 12 + AxisTitleFont + 8 + yLabelWidth + TickLength + 4;
        double top = Title.Length == 0 ? 16 : Subtitle.Length == 0 ? 40 : 56;
        double right = 16 + (Legend == LegendPosition.Right && Series.Count > 0 ? legendWidth + 12 : 0);
        double bottom = TickLength + TickFont + 8 + AxisTitleFont + 14;
        double plotWidth = Math.Max(40, Width - left - right);
        double plotHeight = Math.Max(40, Height - top - bottom);
        double Px(double v) => left + (x.Fraction(v) * plotWidth);
        double Py(double v) => top + plotHeight - (y.Fraction(v) * plotHeight);

        // Grid and ticks.
        foreach (double v in x.Major)
        {
            double p = Px(v);
            svg.Line(p, top, p, top + plotHeight, "#E6E6E6");
            svg.Line(p, top + plotHeight, p, top + plotHeight + TickLength, "#444444");
            svg.Text(p, top + plotHeight + TickLength + TickFont + 2, x.Label(v), TickFont, "middle");
        }

        foreach (double v in x.Minor)
        {
            double p = Px(v);
            svg.Line(p, top + plotHeight, p, top + plotHeight + (TickLength * 0.6), "#444444");
        }

        foreach (double v in y.Major)
        {
            double p = Py(v);
            svg.Line(left, p, left + plotWidth, p, "#E6E6E6");
            svg.Line(left - TickLength, p, left, p, "#444444");
            svg.Text(left - TickLength - 3, p + (TickFont * 0.35), y.Label(v), TickFont, "end");
        }

        foreach (double v in y.Minor)
        {
            double p = Py(v);
            svg.Line(left - (TickLength * 0.6), p, left, p, "#444444");
        }

        svg.Rect(left, top, plotWidth, plotHeight, "none", "#444444");
        svg.Text(left + (plotWidth / 2), Height - 12, XAxis.Title, AxisTitleFont, "middle");
        svg.Text(12 + AxisTitleFont, top + (plotHeight / 2), YAxis.Title, AxisTitleFont, "middle", rotate: -90);

        // Data, clipped to the plot area.
        string clip = svg.NewId("plot");
        svg.ClipRectangle(clip, left, top, plotWidth, plotHeight);
        svg.StartGroup(clipPathId: clip);
        for (int s = 0; s < Series.Count; s++)
        {
            ChartSeries series = Series[s];
            string color = series.Color ?? Palette.Color(s);
            var segment = new List<(double X, double Y)>();
            var points = new List<(double X, double Y)>();
            void Flush()
            {
                if (segment.Count > 1 && series.Style is not SeriesStyle.Markers)
                {
                    svg.Polyline(segment, color, 2, series.Style == SeriesStyle.DashedLine ? "6,4" : null);
                }

                segment.Clear();
            }

            for (int i = 0; i < series.X.Count; i++)
            {
                if (x.CanShow(series.X[i]) && y.CanShow(series.Y[i]))
                {
                    var point = (Px(series.X[i]), Py(series.Y[i]));
                    segment.Add(point);
                    points.Add(point);
                }
                else
                {
                    Flush();
                }
            }

            Flush();
            if (series.Style is SeriesStyle.Markers or SeriesStyle.LineAndMarkers)
            {
                svg.StartPaintGroup(color, "#FFFFFF", 0.6);
                foreach (var (px, py) in points)
                {
                    svg.Circle(px, py, MarkerRadius, null);
                }

                svg.EndGroup();
            }
        }

        svg.EndGroup();
        RenderLegend(svg, left, top, plotWidth, plotHeight, legendWidth);
    }

    private double LegendWidth() =>
        Series.Count == 0 ? 0 : 16 + 28 + Series.Max(s => SvgWriter.TextWidth(s.Name, LegendFont));

    private void RenderLegend(SvgWriter svg, double left, double top, double plotWidth, double plotHeight, double width)
    {
        if (Legend == LegendPosition.None || Series.Count == 0)
        {
            return;
        }

        double height = 8 + (Series.Count * LegendRow);
        (double x, double y) = Legend switch
        {
            LegendPosition.TopLeft => (left + 8, top + 8),
            LegendPosition.BottomLeft => (left + 8, top + plotHeight - height - 8),
            LegendPosition.BottomRight => (left + plotWidth - width - 8, top + plotHeight - height - 8),
            LegendPosition.Right => (left + plotWidth + 12, top),
            _ => (left + plotWidth - width - 8, top + 8),
        };
        svg.Rect(x, y, width, height, "#FFFFFF", "#BBBBBB", 1, opacity: 0.85);
        for (int s = 0; s < Series.Count; s++)
        {
            ChartSeries series = Series[s];
            string color = series.Color ?? Palette.Color(s);
            double rowY = y + 4 + (s * LegendRow) + (LegendRow / 2);
            if (series.Style is not SeriesStyle.Markers)
            {
                svg.Line(x + 8, rowY, x + 32, rowY, color, 2, series.Style == SeriesStyle.DashedLine ? "6,4" : null);
            }

            if (series.Style is SeriesStyle.Markers or SeriesStyle.LineAndMarkers)
            {
                svg.Circle(x + 20, rowY, MarkerRadius + 0.5, color, "#FFFFFF", 0.6);
            }

            svg.Text(x + 38, rowY + (LegendFont * 0.35), series.Name, LegendFont);
        }
    }

    /// <summary>Smallest or largest x (or y) over the points both axes can show.</summary>
    private double Extent(bool ofX, bool minimum)
    {
        double result = minimum ? double.PositiveInfinity : double.NegativeInfinity;
        foreach (ChartSeries series in Series)
        {
            for (int i = 0; i < series.X.Count; i++)
            {
                double vx = series.X[i];
                double vy = series.Y[i];
                bool showable = double.IsFinite(vx) && (XAxis.Scale == AxisScale.Linear || vx > 0)
                    && double.IsFinite(vy) && (YAxis.Scale == AxisScale.Linear || vy > 0);
                if (showable)
                {
                    double v = ofX ? vx : vy;
                    result = minimum ? Math.Min(result, v) : Math.Max(result, v);
                }
            }
        }

        return result;
    }
}
