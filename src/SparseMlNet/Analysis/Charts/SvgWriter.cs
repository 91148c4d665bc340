using System.Globalization;
using System.Text;
using System.Xml;

namespace SparseMlNet.Analysis.Charts;

/// <summary>
/// Writes SVG 1.1 elements through an <see cref="XmlWriter"/> (so the output is well-formed and text is escaped), with coordinates rounded to
/// two decimals in the invariant culture to keep files small.
/// </summary>
internal sealed class SvgWriter : IDisposable
{
    public const string FontFamily = "DejaVu Sans, Verdana, Arial, Helvetica, sans-serif";
    public const string TextColor = "#222222";
    public const string SvgNamespace = "http://www.w3.org/2000/svg";

    private readonly XmlWriter _xml;
    private int _nextId;

    public SvgWriter(TextWriter output, double width, double height, string title)
    {
        _xml = XmlWriter.Create(output, new XmlWriterSettings
        {
            Indent = true,
            IndentChars = string.Empty,
            OmitXmlDeclaration = false,
            Encoding = new UTF8Encoding(false),
            CloseOutput = false,
        });
        _xml.WriteStartDocument();
        _xml.WriteStartElement("svg", SvgNamespace);
        Attribute("width", width);
        Attribute("height", height);
        _xml.WriteAttributeString("viewBox", $"0 0 {Format(width)} {Format(height)}");
        _xml.WriteAttributeString("font-family", FontFamily);
        _xml.WriteStartElement("title", SvgNamespace);
        _xml.WriteString(title);
        _xml.WriteEndElement();
        Rect(0, 0, width, height, "#ffffff");
    }

    /// <summary>Rounds to two decimals and drops trailing zeros: 12.3456 → "12.35", 4.0 → "4".</summary>
    public static string Format(double value) => Math.Round(value, 2).ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>Rough width of <paramref name="text"/> in pixels at <paramref name="fontSize"/> in a sans-serif font (0.6 em per character), for layout.</summary>
    public static double TextWidth(string text, double fontSize) => text.Length * fontSize * 0.6;

    /// <summary>A document-unique id with the given prefix.</summary>
    public string NewId(string prefix) => string.Create(CultureInfo.InvariantCulture, $"{prefix}{++_nextId}");

    public void StartGroup(string? transform = null, string? clipPathId = null, string? cssClass = null)
    {
        _xml.WriteStartElement("g", SvgNamespace);
        if (transform is not null)
        {
            _xml.WriteAttributeString("transform", transform);
        }

        if (clipPathId is not null)
        {
            _xml.WriteAttributeString("clip-path", $"url(#{clipPathId})");
        }

        if (cssClass is not null)
        {
            _xml.WriteAttributeString("class", cssClass);
        }
    }

    public void EndGroup() => _xml.WriteEndElement();

    public static string Translate(double x, double y) => $"translate({Format(x)},{Format(y)})";

    public void ClipRectangle(string id, double x, double y, double width, double height)
    {
        _xml.WriteStartElement("defs", SvgNamespace);
        _xml.WriteStartElement("clipPath", SvgNamespace);
        _xml.WriteAttributeString("id", id);
        Rect(x, y, width, height, "#000000");
        _xml.WriteEndElement();
        _xml.WriteEndElement();
    }

    /// <summary>A linear gradient from <c>stops[0]</c> at the bottom to the last stop at the top (vertical) or left to right.</summary>
    public void LinearGradient(string id, IReadOnlyList<string> colors, bool bottomToTop)
    {
        _xml.WriteStartElement("defs", SvgNamespace);
        _xml.WriteStartElement("linearGradient", SvgNamespace);
        _xml.WriteAttributeString("id", id);
        _xml.WriteAttributeString("x1", "0");
        _xml.WriteAttributeString("y1", bottomToTop ? "1" : "0");
        _xml.WriteAttributeString("x2", bottomToTop ? "0" : "1");
        _xml.WriteAttributeString("y2", "0");
        for (int i = 0; i < colors.Count; i++)
        {
            _xml.WriteStartElement("stop", SvgNamespace);
            _xml.WriteAttributeString("offset", Format(colors.Count == 1 ? 0 : i / (double)(colors.Count - 1)));
            _xml.WriteAttributeString("stop-color", colors[i]);
            _xml.WriteEndElement();
        }

        _xml.WriteEndElement();
        _xml.WriteEndElement();
    }

    public void Rect(double x, double y, double width, double height, string fill, string? stroke = null, double strokeWidth = 1, double opacity = 1)
    {
        _xml.WriteStartElement("rect", SvgNamespace);
        Attribute("x", x);
        Attribute("y", y);
        Attribute("width", width);
        Attribute("height", height);
        _xml.WriteAttributeString("fill", fill);
        if (opacity < 1)
        {
            Attribute("fill-opacity", opacity);
        }

        Stroke(stroke, strokeWidth, null);
        _xml.WriteEndElement();
    }

    public void Line(double x1, double y1, double x2, double y2, string stroke, double strokeWidth = 1, string? dash = null)
    {
        _xml.WriteStartElement("line", SvgNamespace);
        Attribute("x1", x1);
        Attribute("y1", y1);
        Attribute("x2", x2);
        Attribute("y2", y2);
        Stroke(stroke, strokeWidth, dash);
        _xml.WriteEndElement();
    }

    public void Polyline(IReadOnlyList<(double X, double Y)> points, string stroke, double strokeWidth, string? dash)
    {
        var text = new StringBuilder(points.Count * 12);
        foreach (var (x, y) in points)
        {
            if (text.Length > 0)
            {
                text.Append(' ');
            }

            text.Append(Format(x)).Append(',').Append(Format(y));
        }

        _xml.WriteStartElement("polyline", SvgNamespace);
        _xml.WriteAttributeString("points", text.ToString());
        _xml.WriteAttributeString("fill", "none");
        _xml.WriteAttributeString("stroke-linejoin", "round");
        Stroke(stroke, strokeWidth, dash);
        _xml.WriteEndElement();
    }

    /// <summary>A circle; a null <paramref name="fill"/> (and stroke) inherits them from the enclosing group (<see cref="StartPaintGroup"/>).</summary>
    public void Circle(double cx, double cy, double r, string? fill, string? stroke = null, double strokeWidth = 1)
    {
        _xml.WriteStartElement("circle", SvgNamespace);
        Attribute("cx", cx);
        Attribute("cy", cy);
        Attribute("r", r);
        if (fill is not null)
        {
            _xml.WriteAttributeString("fill", fill);
        }

        Stroke(stroke, strokeWidth, null);
        _xml.WriteEndElement();
    }

    /// <summary>A group whose children inherit fill and stroke, so repeated shapes (markers) need not repeat them.</summary>
    public void StartPaintGroup(string fill, string? stroke, double strokeWidth)
    {
        _xml.WriteStartElement("g", SvgNamespace);
        _xml.WriteAttributeString("fill", fill);
        Stroke(stroke, strokeWidth, null);
    }

    public void Path(string data, string fill, bool crispEdges = false)
    {
        _xml.WriteStartElement("path", SvgNamespace);
        _xml.WriteAttributeString("d", data);
        _xml.WriteAttributeString("fill", fill);
        if (crispEdges)
        {
            _xml.WriteAttributeString("shape-rendering", "crispEdges");
        }

        _xml.WriteEndElement();
    }

    /// <summary>An unfilled path drawn with a stroke (butt caps) of <paramref name="width"/>.</summary>
    public void StrokePath(string data, string stroke, double width, bool crispEdges = false)
    {
        _xml.WriteStartElement("path", SvgNamespace);
        _xml.WriteAttributeString("d", data);
        _xml.WriteAttributeString("fill", "none");
        _xml.WriteAttributeString("stroke", stroke);
        Attribute("stroke-width", width);
        if (crispEdges)
        {
            _xml.WriteAttributeString("shape-rendering", "crispEdges");
        }

        _xml.WriteEndElement();
    }

    /// <summary>Text at (x, y) (baseline); anchor "start", "middle" or "end"; optional rotation in degrees about (x, y).</summary>
    public void Text(double x, double y, string text, double fontSize, string anchor = "start", bool bold = false, double rotate = 0, string fill = TextColor)
    {
        _xml.WriteStartElement("text", SvgNamespace);
        Attribute("x", x);
        Attribute("y", y);
        Attribute("font-size", fontSize);
        if (anchor != "start")
        {
            _xml.WriteAttributeString("text-anchor", anchor);
        }

        if (bold)
        {
            _xml.WriteAttributeString("font-weight", "bold");
        }

        if (rotate != 0)
        {
            _xml.WriteAttributeString("transform", $"rotate({Format(rotate)},{Format(x)},{Format(y)})");
        }

        if (fill != TextColor)
        {
            _xml.WriteAttributeString("fill", fill);
        }

        _xml.WriteString(text);
        _xml.WriteEndElement();
    }

    public void Dispose()
    {
        _xml.WriteEndElement();
        _xml.WriteEndDocument();
        _xml.Flush();
        _xml.Dispose();
    }

    private void Attribute(string name, double value) => _xml.WriteAttributeString(name, Format(value));

    private void Stroke(string? stroke, double width, string? dash)
    {
        if (stroke is null)
        {
            return;
        }

        _xml.WriteAttributeString("stroke", stroke);
        if (width != 1)
        {
            Attribute("stroke-width", width);
        }

        if (dash is not null)
        {
            _xml.WriteAttributeString("stroke-dasharray", dash);
        }
    }
}
