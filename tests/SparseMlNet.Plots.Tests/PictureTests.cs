using ScottPlot;

namespace SparseMlNet.Plots.Tests;

public sealed class PictureTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("sparsemlnet-picture-tests-");

    public void Dispose() => _folder.Delete(recursive: true);

    private static Picture TwoPanels()
    {
        var left = new Plot();
        left.Add.ScatterLine(new double[] { 0, 1, 2 }, new double[] { 3, 1, 2 });
        left.Title("left panel");
        var right = new Plot();
        right.Add.ScatterLine(new double[] { 0, 1, 2 }, new double[] { 1, 2, 4 });
        right.Title("right panel");
        return new Picture([(left, 300), (right, 200)], 240) { Title = "Both & <panels>", Subtitle = "second line" };
    }

    [Fact]
    public void Size_IsTheSumOfPanelWidthsAndPanelHeightPlusTitleLines()
    {
        Picture picture = TwoPanels();
        var untitled = new Picture([(new Plot(), 300)], 240);

        Assert.Equal(500, picture.Width);
        Assert.True(picture.Height > 240 + 40, "title and subtitle take room above the panels");
        Assert.Equal(240, untitled.Height);
    }

    [Fact]
    public void ToSvg_HasEveryPanelsTitleAndTheFigureTitleEscaped()
    {
        Picture picture = TwoPanels();

        List<string> texts = PictureFiles.Texts(PictureFiles.ParseSvg(picture));

        // Every panel clears its canvas before drawing; clipping keeps the first panel's and the header's text alive.
        Assert.Contains("left panel", texts);
        Assert.Contains("right panel", texts);
        Assert.Contains("Both & <panels>", texts);
        Assert.Contains("second line", texts);
    }

    [Fact]
    public void ToPng_ValidSignatureAndDeclaredSize()
    {
        PictureFiles.AssertPng(TwoPanels());
    }

    [Theory]
    [InlineData("chart.svg", PictureFormat.Svg)]
    [InlineData("chart.PNG", PictureFormat.Png)]
    public void Save_ChoosesTheFormatByExtension(string name, PictureFormat expected)
    {
        string path = Path.Combine(_folder.FullName, name);

        TwoPanels().Save(path);

        byte[] bytes = File.ReadAllBytes(path);
        if (expected == PictureFormat.Png)
        {
            Assert.Equal((500, TwoPanels().Height), PictureFiles.PngSize(bytes));
        }
        else
        {
            Assert.StartsWith("<?xml", System.Text.Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Save_ExplicitFormatWinsOverTheExtension()
    {
        string path = Path.Combine(_folder.FullName, "chart.data");

        TwoPanels().Save(path, PictureFormat.Png);

        Assert.Equal(500, PictureFiles.PngSize(File.ReadAllBytes(path)).Width);
    }

    [Fact]
    public void Save_UnknownExtension_ThrowsNamingTheFileAndWritesNothing()
    {
        string path = Path.Combine(_folder.FullName, "chart.jpg");

        var error = Assert.Throws<ArgumentException>(() => TwoPanels().Save(path));

        Assert.Contains("chart.jpg", error.Message, StringComparison.Ordinal);
        Assert.Contains(".svg or .png", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(path));
    }

    [Fact]
    public void Constructor_RejectsNoPanelsAndTinySizes()
    {
        Assert.Throws<ArgumentException>(() => new Picture([], 200));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Picture([(new Plot(), 10)], 200));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Picture([(new Plot(), 200)], 10));
    }

    [Theory]
    [InlineData("a.svg", PictureFormat.Svg)]
    [InlineData("dir/b.Png", PictureFormat.Png)]
    [InlineData("c.txt", null)]
    [InlineData("noextension", null)]
    public void PictureFormats_TryFromPath(string path, PictureFormat? expected)
    {
        Assert.Equal(expected, PictureFormats.TryFromPath(path));
        if (expected is { } format)
        {
            Assert.Equal(Path.GetExtension(path).ToLowerInvariant(), PictureFormats.Extension(format));
        }
    }
}
