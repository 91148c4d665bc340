using System.Buffers.Binary;
using System.Xml.Linq;

namespace SparseMlNet.Plots.Tests;

/// <summary>Reads back what a picture wrote: the PNG header and the SVG's text.</summary>
internal static class PictureFiles
{
    public static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>Asserts a PNG signature and an IHDR chunk first, and returns the image size it declares.</summary>
    public static (int Width, int Height) PngSize(byte[] png)
    {
        Assert.True(png.Length > 1000, $"a PNG of {png.Length} bytes is too small to hold a chart");
        Assert.Equal(PngSignature, png[..8]);
        Assert.Equal("IHDR", System.Text.Encoding.ASCII.GetString(png, 12, 4));
        return (BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)), BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20)));
    }

    /// <summary>Parses the SVG as XML, checks its root and size, and returns the document.</summary>
    public static XDocument ParseSvg(Picture picture)
    {
        XDocument document = XDocument.Parse(picture.ToSvg());
        Assert.Equal(Svg + "svg", document.Root!.Name);
        Assert.Equal(picture.Width.ToString(System.Globalization.CultureInfo.InvariantCulture), (string?)document.Root.Attribute("width"));
        Assert.Equal(picture.Height.ToString(System.Globalization.CultureInfo.InvariantCulture), (string?)document.Root.Attribute("height"));
        return document;
    }

    /// <summary>Every text element's content, trimmed.</summary>
    public static List<string> Texts(XDocument document) => document.Descendants(Svg + "text").Select(t => t.Value.Trim()).ToList();

    /// <summary>The fill colours of the filled rectangles (heatmap cells, colour-bar steps, bars).</summary>
    public static List<string> RectFills(XDocument document) =>
        document.Descendants(Svg + "rect").Select(r => (string?)r.Attribute("fill")).Where(f => f is not null && f != "none").Select(f => f!).ToList();

    /// <summary>Asserts that the PNG has the picture's size and that rendering it twice gives the same bytes.</summary>
    public static void AssertPng(Picture picture)
    {
        byte[] png = picture.ToPng();
        Assert.Equal((picture.Width, picture.Height), PngSize(png));
        Assert.Equal(png, picture.ToPng());
    }
}
