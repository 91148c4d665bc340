using System.Globalization;
using ScottPlot;
using ScottPlot.TickGenerators;
using SparseMlNet.Analysis;

namespace SparseMlNet.Plots;

/// <summary>
/// Pairwise NNSTD (Liu et al., "Topological Insights into Sparse Neural Networks", ECML-PKDD 2020) as a heatmap on the fixed scale [0, 1], the
/// networks' labels on both axes and, for up to 12 networks, each value printed in its cell.
/// </summary>
public static class NnstdPlot
{
    /// <summary>Networks up to which each cell shows its value.</summary>
    public const int MaxValuesShown = 12;

    private const int MinimumWidth = 640;

    /// <summary>Draws the matrix.</summary>
    /// <param name="matrix">The distances.</param>
    /// <param name="title">Title.</param>
    /// <returns>The picture.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="matrix"/> or <paramref name="title"/> is null.</exception>
    public static Picture Create(NnstdMatrix matrix, string title)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        ArgumentNullException.ThrowIfNull(title);
        int n = matrix.Count;
        double cell = n <= MaxValuesShown ? Math.Min(64, Math.Floor(480.0 / n)) : Math.Max(4, Math.Floor(640.0 / n));
        int longest = matrix.Labels.Max(l => l.Length);
        int left = 40 + (7 * longest);
        int bottom = 44 + (int)(5.5 * longest);
        int right = HeatmapPanel.ColorBarRight;
        int spare = MinimumWidth - (left + right + (int)Math.Ceiling(n * cell));
        if (spare > 0)
        {
            // Keep the cells square and centre them; the subtitle needs the width.
            left += spare / 2;
            right += spare - (spare / 2);
        }

        var (plot, width, height, _) = HeatmapPanel.Create(
            matrix.ToArray(), cell, 0, 1, new ScottPlot.Colormaps.Viridis(), "NNSTD (0 to 1)", new PixelPadding(left, right, bottom, 12));
        double[] positions = Enumerable.Range(0, n).Select(i => (double)i).ToArray();
        plot.Axes.Bottom.TickGenerator = new NumericManual(positions, [.. matrix.Labels]);
        plot.Axes.Bottom.TickLabelStyle.Rotation = -45;
        plot.Axes.Bottom.TickLabelStyle.Alignment = Alignment.UpperRight;
        plot.Axes.Left.TickGenerator = new NumericManual(positions.Select(p => n - 1 - p).ToArray(), [.. matrix.Labels]);
        plot.XLabel("Network");
        plot.Axes.Bottom.Label.OffsetY = (float)(3.8 * longest);
        plot.YLabel("Network");
        if (n <= MaxValuesShown)
        {
            for (int i = 0; i < n; i++)
            {
                for (int j = 0; j < n; j++)
                {
                    var text = plot.Add.Text(matrix[i, j].ToString("0.00", CultureInfo.InvariantCulture), j, n - 1 - i);
                    text.Alignment = Alignment.MiddleCenter;
                    text.LabelFontSize = (float)Math.Clamp(cell / 4, 8, 14);
                    text.LabelFontName = PlotStyle.FontName;
                    text.LabelFontColor = matrix[i, j] > 0.6 ? Colors.Black : Colors.White;
                }
            }
        }

        return new Picture([(plot, width)], height)
        {
            Title = title,
            Subtitle = "NNSTD (Liu et al. 2020): 0 = same topology up to hidden-neuron relabelling, 1 = no connection in common",
        };
    }
}
