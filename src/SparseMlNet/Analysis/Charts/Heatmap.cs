using System.Globalization;
using System.Text;

namespace SparseMlNet.Analysis.Charts;

/// <summary>
/// A grid of coloured cells with a colour scale bar: an image-shaped map (for example the connections of each input pixel, row 0 at the top)
/// or a labelled matrix (for example pairwise NNSTD, optionally with the values written in the cells).
/// </summary>
/// <remarks>Cells of equal colour are drawn as one SVG path of unit-wide strokes (colours quantised to 64 levels), so a 28 × 28 map takes a few kilobytes.</remarks>
public sealed class Heatmap : Chart
{
    private const int ColorLevels = 64;
    private const double LabelFont = 11;
    private const double AxisTitleFont = 13;
    private const double BarWidth = 14;

    private readonly double[,] _values;

    /// <summary>Creates a heatmap of <paramref name="values"/>, [rows, columns], drawn with row 0 at the top.</summary>
    /// <param name="values">Cell values; NaN cells are drawn light grey.</param>
    /// <exception cref="ArgumentNullException"><paramref name="values"/> is null.</exception>
    /// <exception cref="ArgumentException">The grid has no cells.</exception>
    public Heatmap(double[,] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Length == 0)
        {
            throw new ArgumentException("A heatmap needs at least one cell.", nameof(values));
        }

        _values = (double[,])values.Clone();
    }

    /// <summary>Number of rows.</summary>
    public int Rows => _values.GetLength(0);

    /// <summary>Number of columns.</summary>
    public int Columns => _values.GetLength(1);

    /// <summary>A smaller line under the title; empty for none.</summary>
    public string Subtitle { get; init; } = string.Empty;

    /// <summary>Title under the grid (of the columns), with unit, for example "Pixel column".</summary>
    public string XAxisTitle { get; init; } = string.Empty;

    /// <summary>Title left of the grid (of the rows).</summary>
    public string YAxisTitle { get; init; } = string.Empty;

    /// <summary>Title of the colour scale, with unit, for example "Connections".</summary>
    public string ColorScaleTitle { get; init; } = string.Empty;

    /// <summary>Row labels, top to bottom; null shows row indices at nice intervals instead.</summary>
    public IReadOnlyList<string>? RowLabels { get; init; }

    /// <summary>Column labels, left to right; null shows column indices at nice intervals instead.</summary>
    public IReadOnlyList<string>? ColumnLabels { get; init; }

    /// <summary>Value at the low end of the colour scale; null for the smallest finite value.</summary>
    public double? Minimum { get; init; }

    /// <summary>Value at the high end of the colour scale; null for the largest finite value.</summary>
    public double? Maximum { get; init; }

    /// <summary>Colour scale; default <see cref="ColorMap.Viridis"/>.</summary>
    public ColorMap ColorMap { get; init; } = ColorMap.Viridis;

    /// <summary>Whether each cell's value is written in it (for small matrices); default false.</summary>
    public bool ShowValues { get; init; }

    /// <summary>Format of the written values; default "0.00".</summary>
    public string ValueFormat { get; init; } = "0.00";

    /// <summary>Whether the colour scale bar is drawn; default true.</summary>
    public bool ShowColorBar { get; init; } = true;

    /// <summary>Side of a cell in pixels; null fits the grid into about 336 pixels (12 per cell for 28 × 28), at most 64 per cell.</summary>
    public double? CellSize { get; init; }

    /// <inheritdoc/>
    public override double Width => Layout().Width;

    /// <inheritdoc/>
    public override double Height => Layout().Height;

    internal override void Render(SvgWriter svg)
    {
        var layout = Layout();
        RenderTitle(svg);
        if (Subtitle.Length > 0)
        {
            svg.Text(Width / 2, 42, Subtitle, 12, "middle", fill: "#555555");
        }

        var (low, high) = Range();
        double cell = layout.Cell;
        double left = layout.Left;
        double top = layout.Top;
        double gridWidth = Columns * cell;
        double gridHeight = Rows * cell;

        // Cells: one stroked path per quantised colour, in cell units under a scale transform. Each horizontal run of equal colour is a unit-wide
        // stroke along the middle of its row, reached by a relative move from the end of the previous run of that colour.
        var paths = new SortedDictionary<string, CellPath>(StringComparer.Ordinal);
        for (int r = 0; r < Rows; r++)
        {
            int c = 0;
            while (c < Columns)
            {
                string color = CellColor(_values[r, c], low, high);
                int run = 1;
                while (c + run < Columns && CellColor(_values[r, c + run], low, high) == color)
                {
                    run++;
                }

                if (!paths.TryGetValue(color, out CellPath? path))
                {
                    path = new CellPath();
                    paths[color] = path;
                }

                path.Add(c, r, run);
                c += run;
            }
        }

        svg.StartGroup($"{SvgWriter.Translate(left, top)} scale({SvgWriter.Format(cell)})");
        foreach (var (color, path) in paths)
        {
            svg.StrokePath(path.ToString(), color, 1, crispEdges: true);
        }

        svg.EndGroup();
        svg.Rect(left, top, gridWidth, gridHeight, "none", "#444444");

        if (ShowValues)
        {
            double font = Math.Min(12, cell * 0.32);
            for (int r = 0; r < Rows; r++)
            {
                for (int c = 0; c < Columns; c++)
                {
                    double v = _values[r, c];
                    if (!double.IsFinite(v))
                    {
                        continue;
                    }

                    string ink = ColorMap.Luminance(Fraction(v, low, high)) < 0.45 ? "#FFFFFF" : "#111111";
                    svg.Text(left + ((c + 0.5) * cell), top + ((r + 0.5) * cell) + (font * 0.35), v.ToString(ValueFormat, CultureInfo.InvariantCulture), font, "middle", fill: ink);
                }
            }
        }

        RenderRowLabels(svg, left, top, cell);
        RenderColumnLabels(svg, left, top + gridHeight, cell, layout.ColumnLabelHeight);
        if (YAxisTitle.Length > 0)
        {
            svg.Text(layout.Left - layout.RowLabelWidth - 16, top + (gridHeight / 2), YAxisTitle, AxisTitleFont, "middle", rotate: -90);
        }

        if (XAxisTitle.Length > 0)
        {
            svg.Text(left + (gridWidth / 2), top + gridHeight + layout.ColumnLabelHeight + 8 + AxisTitleFont, XAxisTitle, AxisTitleFont, "middle");
        }

        if (ShowColorBar)
        {
            RenderColorBar(svg, left + gridWidth + 16, top, Math.Max(gridHeight, 120), low, high);
        }
    }

    private (double Low, double High) Range()
    {
        double low = double.PositiveInfinity;
        double high = double.NegativeInfinity;
        foreach (double v in _values)
        {
            if (double.IsFinite(v))
            {
                low = Math.Min(low, v);
                high = Math.Max(high, v);
            }
        }

        low = Minimum ?? (double.IsFinite(low) ? low : 0);
        high = Maximum ?? (double.IsFinite(high) ? high : 1);
        if (high <= low)
        {
            high = low + 1;
        }

        return (low, high);
    }

    private static double Fraction(double v, double low, double high) => (v - low) / (high - low);

    private string CellColor(double v, double low, double high) =>
        double.IsFinite(v)
            ? ColorMap.At(Math.Round(Math.Clamp(Fraction(v, low, high), 0, 1) * (ColorLevels - 1)) / (ColorLevels - 1))
            : ColorMap.At(double.NaN);

    private void RenderRowLabels(SvgWriter svg, double left, double top, double cell)
    {
        if (RowLabels is not null)
        {
            for (int r = 0; r < Math.Min(Rows, RowLabels.Count); r++)
            {
                svg.Text(left - 6, top + ((r + 0.5) * cell) + (LabelFont * 0.35), RowLabels[r], LabelFont, "end");
            }

            return;
        }

        foreach (int r in IndexTicks(Rows))
        {
            double y = top + ((r + 0.5) * cell);
            svg.Line(left - 4, y, left, y, "#444444");
            svg.Text(left - 6, y + (LabelFont * 0.35), r.ToString(CultureInfo.InvariantCulture), LabelFont, "end");
        }
    }

    private void RenderColumnLabels(SvgWriter svg, double left, double bottom, double cell, double height)
    {
        if (ColumnLabels is not null)
        {
            bool rotate = RotateColumnLabels(cell);
            for (int c = 0; c < Math.Min(Columns, ColumnLabels.Count); c++)
            {
                double x = left + ((c + 0.5) * cell);
                if (rotate)
                {
                    svg.Text(x + (LabelFont * 0.35), bottom + 6, ColumnLabels[c], LabelFont, "end", rotate: -45);
                }
                else
                {
                    svg.Text(x, bottom + 6 + LabelFont, ColumnLabels[c], LabelFont, "middle");
                }
            }

            return;
        }

        _ = height;
        foreach (int c in IndexTicks(Columns))
        {
            double x = left + ((c + 0.5) * cell);
            svg.Line(x, bottom, x, bottom + 4, "#444444");
            svg.Text(x, bottom + 6 + LabelFont, c.ToString(CultureInfo.InvariantCulture), LabelFont, "middle");
        }
    }

    private void RenderColorBar(SvgWriter svg, double x, double top, double height, double low, double high)
    {
        string gradient = svg.NewId("scale");
        svg.LinearGradient(gradient, Enumerable.Range(0, 17).Select(i => ColorMap.At(i / 16.0)).ToArray(), bottomToTop: true);
        svg.Rect(x, top, BarWidth, height, $"url(#{gradient})", "#444444");
        AxisTicks ticks = AxisTicks.Create(new ChartAxis(ColorScaleTitle, AxisScale.Linear, low, high), low, high, 5);
        double labelWidth = 0;
        foreach (double v in ticks.Major)
        {
            double y = top + height - (ticks.Fraction(v) * height);
            svg.Line(x + BarWidth, y, x + BarWidth + 4, y, "#444444");
            string label = ticks.Label(v);
            svg.Text(x + BarWidth + 6, y + (LabelFont * 0.35), label, LabelFont);
            labelWidth = Math.Max(labelWidth, SvgWriter.TextWidth(label, LabelFont));
        }

        if (ColorScaleTitle.Length > 0)
        {
            svg.Text(x + BarWidth + 10 + labelWidth + AxisTitleFont, top + (height / 2), ColorScaleTitle, AxisTitleFont, "middle", rotate: -90);
        }
    }

    private bool RotateColumnLabels(double cell) =>
        ColumnLabels is not null && ColumnLabels.Count > 0 && ColumnLabels.Max(l => SvgWriter.TextWidth(l, LabelFont)) > cell - 4;

    /// <summary>Indices 0, step, 2·step, … and the last, with a 1-2-5 step giving at most about six labels.</summary>
    private static List<int> IndexTicks(int count)
    {
        int step = 1;
        foreach (int candidate in new[] { 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000 })
        {
            step = candidate;
            if (count / candidate <= 6)
            {
                break;
            }
        }

        var ticks = new List<int>();
        for (int i = 0; i < count; i += step)
        {
            ticks.Add(i);
        }

        if (ticks[^1] != count - 1 && count - 1 - ticks[^1] >= step / 2.0)
        {
            ticks.Add(count - 1);
        }

        return ticks;
    }

    private (double Width, double Height, double Cell, double Left, double Top, double ColumnLabelHeight, double RowLabelWidth) Layout()
    {
        double cell = CellSize ?? Math.Min(64, Math.Max(1, Math.Floor(336.0 / Math.Max(Rows, Columns) * 4) / 4));
        string[] rowLabels = RowLabels?.ToArray() ?? IndexTicks(Rows).Select(i => i.ToString(CultureInfo.InvariantCulture)).ToArray();
        double rowLabelWidth = rowLabels.Length == 0 ? 0 : rowLabels.Max(l => SvgWriter.TextWidth(l, LabelFont));
        double columnLabelHeight = RotateColumnLabels(cell)
            ? (ColumnLabels!.Max(l => SvgWriter.TextWidth(l, LabelFont)) * 0.71) + 10
            : LabelFont + 8;
        double left = 12 + (YAxisTitle.Length > 0 ? AxisTitleFont + 8 : 0) + rowLabelWidth + 8;
        double top = Title.Length == 0 ? 16 : Subtitle.Length == 0 ? 44 : 60;
        double gridWidth = Columns * cell;
        double gridHeight = Rows * cell;
        var (low, high) = Range();
        double colorBar = 0;
        if (ShowColorBar)
        {
            AxisTicks ticks = AxisTicks.Create(new ChartAxis(ColorScaleTitle, AxisScale.Linear, low, high), low, high, 5);
            double tickWidth = ticks.Major.Count == 0 ? 0 : ticks.Major.Max(v => SvgWriter.TextWidth(ticks.Label(v), LabelFont));
            colorBar = 16 + BarWidth + 10 + tickWidth + (ColorScaleTitle.Length > 0 ? AxisTitleFont + 6 : 0);
        }

        double content = left + gridWidth + colorBar + 16;
        double width = Math.Max(content, Math.Max(SvgWriter.TextWidth(Title, 16) * 1.1, SvgWriter.TextWidth(Subtitle, 12)) + 32); // bold titles run wider
        left += (width - content) / 2;
        double height = top + Math.Max(gridHeight, ShowColorBar ? 120 : 0) + columnLabelHeight + (XAxisTitle.Length > 0 ? AxisTitleFont + 16 : 8);
        return (width, height, cell, left, top, columnLabelHeight, rowLabelWidth);
    }

    /// <summary>Path data of horizontal runs of cells: "M c r.5 h run" for the first, then relative moves "m dx dy h run".</summary>
    private sealed class CellPath
    {
        private readonly StringBuilder _data = new();
        private int _x;
        private int _row = -1;

        public void Add(int column, int row, int run)
        {
            if (_row < 0)
            {
                _data.Append(CultureInfo.InvariantCulture, $"M{column} {row}.5h{run}");
            }
            else
            {
                _data.Append(CultureInfo.InvariantCulture, $"m{column - _x} {row - _row}h{run}");
            }

            _x = column + run;
            _row = row;
        }

        public override string ToString() => _data.ToString();
    }
}
