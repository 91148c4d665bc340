using System.Globalization;
using ScottPlot;
using ScottPlot.Plottables;

namespace SparseMlNet.Plots;

/// <summary>
/// One heatmap panel with square cells, row 0 at the top: a ScottPlot heatmap drawn as one rectangle per cell (so SVG keeps every cell), an optional
/// colour bar, and a fixed layout so the cell size is exact.
/// </summary>
internal static class HeatmapPanel
{
    /// <summary>Left margin for numeric row ticks and the axis label.</summary>
    public const int NumericLeft = 64;

    /// <summary>Right margin taken by a colour bar with its ticks and label.</summary>
    public const int ColorBarRight = 120;

    /// <summary>Builds the panel.</summary>
    /// <param name="values">[rows, columns]; element [0, 0] is drawn top left.</param>
    /// <param name="cell">Cell edge in pixels.</param>
    /// <param name="minimum">Value drawn with the colour map's lowest colour.</param>
    /// <param name="maximum">Value drawn with the colour map's highest colour.</param>
    /// <param name="colormap">Colour map.</param>
    /// <param name="colorBarLabel">Label of the colour bar; null for no colour bar.</param>
    /// <param name="padding">Margins around the cells (left, right, bottom, top) in pixels.</param>
    /// <returns>The plot and the panel's size.</returns>
    public static (Plot Plot, int Width, int Height, Heatmap Heatmap) Create(
        double[,] values, double cell, double minimum, double maximum, IColormap colormap, string? colorBarLabel, PixelPadding padding)
    {
        int rows = values.GetLength(0);
        int columns = values.GetLength(1);
        Plot plot = PlotStyle.NewPlot();
        Heatmap heatmap = plot.Add.Heatmap(values);
        heatmap.Colormap = colormap;
        heatmap.ManualRange = new ScottPlot.Range(minimum, maximum > minimum ? maximum : minimum + 1);
        heatmap.RenderStrategy = new Heatmap.RenderStrategies.Rectangles();
        if (colorBarLabel is not null)
        {
            var bar = plot.Add.ColorBar(heatmap, Edge.Right);
            bar.Label = colorBarLabel;
            bar.LabelStyle.FontSize = 13;
            bar.LabelStyle.FontName = PlotStyle.FontName;
            bar.Axis.TickLabelStyle.FontName = PlotStyle.FontName;
            bar.Axis.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { TargetTickCount = 6 };
        }

        // ScottPlot puts row r at y = rows − 1 − r; the tick labels give the row index instead, so row 0 reads at the top.
        plot.Axes.SetLimits(-0.5, columns - 0.5, -0.5, rows - 0.5);
        plot.Axes.Left.TickGenerator = IndexTicks(rows, reversed: true);
        plot.Axes.Bottom.TickGenerator = IndexTicks(columns, reversed: false);
        plot.Grid.IsVisible = false;
        plot.Layout.Fixed(padding);
        int width = (int)Math.Ceiling((columns * cell) + padding.Left + padding.Right);
        int height = (int)Math.Ceiling((rows * cell) + padding.Top + padding.Bottom);
        return (plot, width, height, heatmap);
    }

    /// <summary>Ticks at row or column indices 0, s, 2s, … with s a 1-2-5 step giving at most about six ticks; reversed puts index 0 at the top.</summary>
    private static ScottPlot.TickGenerators.NumericManual IndexTicks(int count, bool reversed)
    {
        int step = 1;
        foreach (int candidate in (int[])[1, 2, 5, 10, 20, 50, 100, 200, 500, 1000])
        {
            step = candidate;
            if (count / candidate <= 6)
            {
                break;
            }
        }

        var ticks = new ScottPlot.TickGenerators.NumericManual();
        for (int i = 0; i < count; i += step)
        {
            ticks.AddMajor(reversed ? count - 1 - i : i, i.ToString(CultureInfo.InvariantCulture));
        }

        return ticks;
    }
}
