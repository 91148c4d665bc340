using System.Text;

namespace SparseMlNet.Analysis.Charts;

/// <summary>
/// A picture written as a standalone SVG file (no native dependency; any browser, or <c>rsvg-convert</c> / Inkscape for PNG, opens it).
/// Sizes are in CSS pixels.
/// </summary>
public abstract class Chart
{
    /// <summary>Title drawn at the top of the chart and stored as the SVG document's &lt;title&gt;.</summary>
    public string Title { get; init; } = string.Empty;

    /// <summary>Width of the picture in pixels.</summary>
    public abstract double Width { get; }

    /// <summary>Height of the picture in pixels.</summary>
    public abstract double Height { get; }

    /// <summary>The chart as an SVG document.</summary>
    public string ToSvg()
    {
        var text = new StringBuilder();
        using (var writer = new StringWriter(text, System.Globalization.CultureInfo.InvariantCulture))
        {
            Write(writer);
        }

        return text.ToString();
    }

    /// <summary>Writes the chart as an SVG document to <paramref name="output"/>.</summary>
    /// <param name="output">Destination; left open.</param>
    /// <exception cref="ArgumentNullException"><paramref name="output"/> is null.</exception>
    public void Write(TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        using var svg = new SvgWriter(output, Width, Height, Title);
        Render(svg);
    }

    /// <summary>Writes the chart to an SVG file (UTF-8), creating its folder if needed and replacing an existing file.</summary>
    /// <param name="path">File path, conventionally ending in .svg.</param>
    /// <exception cref="ArgumentException"><paramref name="path"/> is null or empty.</exception>
    /// <exception cref="IOException">The file cannot be written.</exception>
    public void Save(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string? folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null)
        {
            Directory.CreateDirectory(folder);
        }

        using var file = new StreamWriter(path, append: false, new UTF8Encoding(false));
        Write(file);
    }

    /// <summary>Draws the chart in its own coordinates, (0, 0) to (<see cref="Width"/>, <see cref="Height"/>).</summary>
    internal abstract void Render(SvgWriter svg);

    /// <summary>Draws the title centred at the top.</summary>
    private protected void RenderTitle(SvgWriter svg)
    {
        if (Title.Length > 0)
        {
            svg.Text(Width / 2, 24, Title, 16, "middle", bold: true);
        }
    }
}
