using System.Globalization;

namespace SparseMlNet.Analysis.Charts;

/// <summary>
/// Perceptually uniform colour scales for heatmaps, defined by evenly spaced anchor colours and linear interpolation between them.
/// Viridis and Magma are the matplotlib colour maps of van der Walt and Smith (2015), sampled at nine points.
/// </summary>
public sealed class ColorMap
{
    private readonly (double R, double G, double B)[] _anchors;

    private ColorMap(string name, string[] anchors)
    {
        Name = name;
        _anchors = anchors.Select(Parse).ToArray();
    }

    /// <summary>Viridis: dark purple (low) through blue and green to yellow (high).</summary>
    public static ColorMap Viridis { get; } = new("viridis", ["#440154", "#472D7B", "#3B528B", "#2C728E", "#21918C", "#28AE80", "#5EC962", "#ADDC30", "#FDE725"]);

    /// <summary>Magma: black (low) through purple and orange to light yellow (high).</summary>
    public static ColorMap Magma { get; } = new("magma", ["#000004", "#1C1044", "#4F127B", "#812581", "#B5367A", "#E55064", "#FB8761", "#FEC287", "#FCFDBF"]);

    /// <summary>Name of the colour map.</summary>
    public string Name { get; }

    /// <summary>The colour at <paramref name="fraction"/> of the scale as "#rrggbb"; fractions outside [0, 1] are clamped, NaN gives light grey.</summary>
    /// <param name="fraction">Position on the scale, 0 = low end, 1 = high end.</param>
    public string At(double fraction)
    {
        if (double.IsNaN(fraction))
        {
            return "#DDDDDD";
        }

        double t = Math.Clamp(fraction, 0, 1) * (_anchors.Length - 1);
        int i = Math.Min((int)t, _anchors.Length - 2);
        double f = t - i;
        var (r0, g0, b0) = _anchors[i];
        var (r1, g1, b1) = _anchors[i + 1];
        return string.Create(
            CultureInfo.InvariantCulture,
            $"#{Channel(r0 + ((r1 - r0) * f)):X2}{Channel(g0 + ((g1 - g0) * f)):X2}{Channel(b0 + ((b1 - b0) * f)):X2}");
    }

    /// <summary>Relative luminance in [0, 1] of the colour at <paramref name="fraction"/>, to pick a readable text colour on top of it.</summary>
    internal double Luminance(double fraction)
    {
        string hex = At(fraction);
        var (r, g, b) = Parse(hex);
        return ((0.2126 * r) + (0.7152 * g) + (0.0722 * b)) / 255;
    }

    private static int Channel(double value) => (int)Math.Round(Math.Clamp(value, 0, 255));

    private static (double, double, double) Parse(string hex) =>
        (int.Parse(hex.AsSpan(1, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture),
         int.Parse(hex.AsSpan(3, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture),
         int.Parse(hex.AsSpan(5, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
}
