using ScottPlot;
using SkiaSharp;

namespace SparseMlNet.Plots;

/// <summary>
/// A picture: one or more ScottPlot plots (panels) side by side under an optional title and subtitle, written as PNG or SVG. The panels are
/// ordinary <see cref="Plot"/> objects and can be restyled before saving.
/// </summary>
public sealed class Picture
{
    private const float TitleSize = 18;
    private const float SubtitleSize = 13;
    private readonly (Plot Plot, int Width)[] _panels;

    /// <summary>Creates a picture of one panel or a row of panels.</summary>
    /// <param name="panels">The panels, left to right, each with its width in pixels; at least one, every width ≥ 50.</param>
    /// <param name="height">Height of the panels in pixels; Range: ≥ 50.</param>
    /// <exception cref="ArgumentNullException"><paramref name="panels"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="panels"/> is empty or holds a null plot.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A width or <paramref name="height"/> is below 50.</exception>
    public Picture(IReadOnlyList<(Plot Plot, int Width)> panels, int height)
    {
        ArgumentNullException.ThrowIfNull(panels);
        if (panels.Count == 0 || panels.Any(p => p.Plot is null))
        {
            throw new ArgumentException("Give at least one panel, and no null plot.", nameof(panels));
        }

        foreach (var (_, width) in panels)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(width, 50, nameof(panels));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(height, 50);
        _panels = [.. panels];
        PanelHeight = height;
    }

    /// <summary>Title above the panels; empty for none.</summary>
    public string Title { get; init; } = string.Empty;

    /// <summary>Second line under the title (method, statistics); empty for none.</summary>
    public string Subtitle { get; init; } = string.Empty;

    /// <summary>The panels, left to right.</summary>
    public IReadOnlyList<Plot> Panels => _panels.Select(p => p.Plot).ToArray();

    /// <summary>Height of the panels in pixels.</summary>
    public int PanelHeight { get; }

    /// <summary>Width of the whole picture in pixels: the sum of the panel widths.</summary>
    public int Width => _panels.Sum(p => p.Width);

    /// <summary>Height of the whole picture in pixels: the panels and the title lines above them.</summary>
    public int Height => PanelHeight + HeaderHeight;

    private int HeaderHeight => (Title.Length > 0 ? 34 : 0) + (Subtitle.Length > 0 ? 22 : 0) + (Title.Length > 0 || Subtitle.Length > 0 ? 6 : 0);

    /// <summary>Writes the picture to <paramref name="path"/> in the format its extension names (.svg or .png).</summary>
    /// <param name="path">File to write (created or replaced; its folder must exist).</param>
    /// <exception cref="ArgumentException">The extension is neither .svg nor .png.</exception>
    /// <exception cref="IOException">The file cannot be written.</exception>
    public void Save(string path) => Save(path, PictureFormats.FromPath(path));

    /// <summary>Writes the picture to <paramref name="path"/> in <paramref name="format"/>, whatever the file's extension.</summary>
    /// <param name="path">File to write (created or replaced; its folder must exist). The picture is rendered before the file is opened.</param>
    /// <param name="format">PNG or SVG.</param>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="format"/> is not a defined value.</exception>
    /// <exception cref="IOException">The file cannot be written.</exception>
    public void Save(string path, PictureFormat format)
    {
        ArgumentNullException.ThrowIfNull(path);
        byte[] bytes = format switch
        {
            PictureFormat.Png => ToPng(),
            PictureFormat.Svg => ToSvgBytes(),
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Give PictureFormat.Svg or PictureFormat.Png."),
        };
        File.WriteAllBytes(path, bytes);
    }

    /// <summary>The picture as a PNG file's bytes (<see cref="Width"/> × <see cref="Height"/> pixels).</summary>
    /// <returns>The PNG bytes.</returns>
    public byte[] ToPng()
    {
        using var surface = SKSurface.Create(new SKImageInfo(Width, Height, SKColorType.Rgba8888, SKAlphaType.Premul));
        Render(surface.Canvas);
        using SKImage image = surface.Snapshot();
        using SKData data = image.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    /// <summary>The picture as an SVG document (UTF-8 XML text).</summary>
    /// <returns>The SVG text.</returns>
    public string ToSvg() => System.Text.Encoding.UTF8.GetString(ToSvgBytes());

    private byte[] ToSvgBytes()
    {
        using var stream = new MemoryStream();
        using (var managed = new SKManagedWStream(stream))
        using (SKCanvas canvas = SKSvgCanvas.Create(SKRect.Create(Width, Height), managed))
        {
            Render(canvas);
        }

        return stream.ToArray();
    }

    private void Render(SKCanvas canvas)
    {
        canvas.Clear(SKColors.White);

        // A plot clears its whole canvas before drawing, so each panel is clipped to its own rectangle, and the title is drawn last.
        // A plot's first render settles its layout and axis limits and then draws a second time, which on an SVG canvas would leave both
        // drawings in the file; rendering it once in memory first makes the real render a single pass.
        float left = 0;
        foreach (var (plot, width) in _panels)
        {
            plot.RenderInMemory(width, PanelHeight);
            canvas.Save();
            canvas.ClipRect(SKRect.Create(left, HeaderHeight, width, PanelHeight));
            plot.Render(canvas, new PixelRect(left, left + width, Height, HeaderHeight));
            canvas.Restore();
            left += width;
        }

        float y = 6;
        if (Title.Length > 0)
        {
            DrawText(canvas, Title, TitleSize, bold: true, y);
            y += 34;
        }

        if (Subtitle.Length > 0)
        {
            DrawText(canvas, Subtitle, SubtitleSize, bold: false, y);
        }
    }

    private void DrawText(SKCanvas canvas, string text, float size, bool bold, float top)
    {
        var style = new LabelStyle
        {
            Text = text,
            FontSize = size,
            Bold = bold,
            FontName = PlotStyle.FontName,
            ForeColor = Colors.Black,
            Alignment = Alignment.UpperCenter,
        };
        using Paint paint = Paint.NewDisposablePaint();
        while (style.FontSize > 8 && style.Measure(text, paint).Width > Width - 16)
        {
            style.FontSize -= 0.5f;
        }

        style.Render(canvas, new Pixel(Width / 2f, top), paint, bottom: true);
    }
}
