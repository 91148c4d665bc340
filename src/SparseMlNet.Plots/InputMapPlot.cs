using SparseMlNet.Data;
using ScottPlot;
using SparseMlNet.Analysis;

namespace SparseMlNet.Plots;

/// <summary>
/// An input connectivity map laid out as the image: one square cell per pixel (summed over channels), row 0 at the top, on the magma colour map from 0
/// to the largest value, with a colour bar. Under SET the connections leave the pixels that carry no signal (Mocanu et al., Nature Communications 2018, Fig. 4).
/// </summary>
public static class InputMapPlot
{
    /// <summary>Axis and colour-bar label of each quantity.</summary>
    /// <param name="quantity">Connections or strength.</param>
    /// <returns>"Connections (count)" or "Strength (Σ|w|)".</returns>
    public static string QuantityLabel(InputMapQuantity quantity) =>
        quantity == InputMapQuantity.Connections ? "Connections (count)" : "Strength (Σ|w|)";

    /// <summary>Draws the map.</summary>
    /// <param name="map">The input connectivity.</param>
    /// <param name="shape">Image shape covering exactly <see cref="InputConnectivity.InputCount"/> inputs.</param>
    /// <param name="quantity">Connections or strength.</param>
    /// <param name="title">Title.</param>
    /// <param name="maximum">Upper end of the colour scale; null for the map's maximum (give several maps the same value to compare them).</param>
    /// <returns>The picture (cells of about 16 pixels for 28 × 28).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="map"/> or <paramref name="title"/> is null.</exception>
    /// <exception cref="ArgumentException">The shape does not match the number of inputs (the message gives both numbers).</exception>
    public static Picture Create(InputConnectivity map, ImageShape shape, InputMapQuantity quantity, string title, double? maximum = null)
    {
        ArgumentNullException.ThrowIfNull(map);
        ArgumentNullException.ThrowIfNull(title);
        double[,] image = map.ToImage(shape, quantity);
        double top = maximum ?? image.Cast<double>().DefaultIfEmpty(0).Max();
        double cell = Math.Clamp(Math.Floor(460.0 / Math.Max(shape.Height, shape.Width)), 4, 48);
        var (plot, width, height, _) = HeatmapPanel.Create(
            image, cell, 0, top, new ScottPlot.Colormaps.Magma(), QuantityLabel(quantity),
            new PixelPadding(HeatmapPanel.NumericLeft, HeatmapPanel.ColorBarRight, 50, 12));
        plot.XLabel("Pixel column");
        plot.YLabel("Pixel row");
        return new Picture([(plot, Math.Max(width, 360))], height) { Title = title };
    }
}
