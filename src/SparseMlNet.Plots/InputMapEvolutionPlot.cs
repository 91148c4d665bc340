using SparseMlNet.Data;
using ScottPlot;
using SparseMlNet.Analysis;

namespace SparseMlNet.Plots;

/// <summary>How an input map evolves over training: one image per snapshot, side by side on one colour scale, whose bar is drawn once, right of the last image.</summary>
public static class InputMapEvolutionPlot
{
    /// <summary>Draws the row of maps.</summary>
    /// <param name="snapshots">Labelled maps in order, for example ("epoch 0", m0), ("epoch 10", m10); at least one.</param>
    /// <param name="shape">Image shape covering exactly each map's inputs.</param>
    /// <param name="quantity">Connections or strength.</param>
    /// <param name="title">Title above the row.</param>
    /// <returns>The picture (about 200 pixels per image).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="snapshots"/> or <paramref name="title"/> is null.</exception>
    /// <exception cref="ArgumentException">No snapshots, or the shape does not match a map's number of inputs.</exception>
    public static Picture Create(IReadOnlyList<InputMapSnapshot> snapshots, ImageShape shape, InputMapQuantity quantity, string title)
    {
        ArgumentNullException.ThrowIfNull(snapshots);
        ArgumentNullException.ThrowIfNull(title);
        if (snapshots.Count == 0)
        {
            throw new ArgumentException("Give at least one snapshot.", nameof(snapshots));
        }

        double[][,] images = snapshots.Select(s => s.Map.ToImage(shape, quantity)).ToArray();
        double maximum = images.Max(i => i.Cast<double>().DefaultIfEmpty(0).Max());
        double cell = Math.Clamp(Math.Floor(200.0 / Math.Max(shape.Height, shape.Width) * 4) / 4, 2, 24);
        var panels = new List<(Plot, int)>();
        int height = 0;
        for (int i = 0; i < snapshots.Count; i++)
        {
            bool first = i == 0;
            bool last = i == snapshots.Count - 1;
            var padding = new PixelPadding(first ? HeatmapPanel.NumericLeft : 34, last ? HeatmapPanel.ColorBarRight : 8, 50, 40);
            var (plot, width, panelHeight, _) = HeatmapPanel.Create(
                images[i], cell, 0, maximum, new ScottPlot.Colormaps.Magma(), last ? InputMapPlot.QuantityLabel(quantity) : null, padding);
            plot.Title(snapshots[i].Label);
            plot.XLabel("Pixel column");
            if (first)
            {
                plot.YLabel("Pixel row");
            }

            panels.Add((plot, width));
            height = panelHeight;
        }

        return new Picture(panels, height) { Title = title };
    }
}
