namespace SparseMlNet.Plots;

/// <summary>The file format of a picture.</summary>
public enum PictureFormat
{
    /// <summary>Scalable vector graphics (text stays text: titles, labels and legends can be searched and read by tools).</summary>
    Svg,

    /// <summary>Portable network graphics, a raster image (for viewers and documents that do not show SVG).</summary>
    Png,
}
