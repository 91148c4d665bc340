using SparseMlNet.Data;
using System.Globalization;
using System.Text.Json;
using System.Xml.Linq;
using SparseMlNet.Analysis;
using SparseMlNet.IO;

namespace SparseMlNet.Cli.Tests;

public sealed class AnalysisCommandsTests(AnalysisRuns runs) : IClassFixture<AnalysisRuns>, IDisposable
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("sparsemlnet-cli-analyze-");

    public void Dispose() => _folder.Delete(recursive: true);

    private static List<string> SvgTexts(string path)
    {
        XDocument document = XDocument.Load(path);
        Assert.Equal(Svg + "svg", document.Root!.Name);
        return document.Descendants(Svg + "text").Select(t => t.Value.Trim()).ToList();
    }

    /// <summary>Asserts a PNG signature and returns the width the IHDR chunk declares.</summary>
    private static int PngWidth(string path)
    {
        byte[] bytes = File.ReadAllBytes(path);
        Assert.Equal([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], bytes[..8]);
        return System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16));
    }

    private string Bad(string name, string content)
    {
        string path = Path.Combine(_folder.FullName, name);
        File.WriteAllText(path, content);
        return path;
    }

    [Fact]
    public void TrainSnapshotEvery_SavesInitialEveryNthAndLastEpoch()
    {
        string[] files = Directory.GetFiles(Path.Combine(runs.First, "snapshots")).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray()!;

        Assert.Equal(["epoch-000.spmlnet", "epoch-002.spmlnet", "epoch-004.spmlnet"], files);
        var initial = ModelSerializer.Load(Path.Combine(runs.First, "snapshots", "epoch-000.spmlnet")).Network;
        var last = ModelSerializer.Load(Path.Combine(runs.First, "snapshots", "epoch-004.spmlnet")).Network;
        var final = ModelSerializer.Load(AnalysisRuns.Model(runs.First)).Network;

        // The last snapshot is the saved model's topology; the initial one differs from it (SET evolved it).
        Assert.Equal(0, Nnstd.Compare(last, final).Distance);
        Assert.True(Nnstd.Compare(initial, final).Distance > 0);
    }

    [Fact]
    public void Analyze_TabularModel_WritesDegreeChartsStatisticsAndRanking()
    {
        string output = Path.Combine(_folder.FullName, "tabular");

        CliRun run = CliRun.Of("analyze", AnalysisRuns.Model(runs.First), "--snapshots", Path.Combine(runs.First, "snapshots"), "-o", output);

        Assert.True(run.ExitCode == 0, run.Error);
        foreach (string chart in (string[])["degree-layer0-out.svg", "degree-layer1-in.svg", "degree-layer1-out.svg", "degree-layer2-in.svg"])
        {
            List<string> texts = SvgTexts(Path.Combine(output, chart));
            Assert.Contains("Degree k (connections per neuron)", texts);
            Assert.Contains("initial topology", texts); // epoch-000 of --snapshots is found as the initial topology
        }

        // The digits CSV names its features (px0 … px63), so the inputs are ranked rather than drawn as an image.
        Assert.Contains(SvgTexts(Path.Combine(output, "input-ranking.svg")), t => t.StartsWith("px", StringComparison.Ordinal));
        Assert.False(File.Exists(Path.Combine(output, "input-map.svg")));
        string[] connectivity = File.ReadAllLines(Path.Combine(output, "input-connectivity.csv"));
        Assert.Equal("input,name,connections,strength", connectivity[0]);
        Assert.Equal(65, connectivity.Length);
        var firstLayer = InputConnectivity.Of(ModelSerializer.Load(AnalysisRuns.Model(runs.First)).Network);
        Assert.Equal(firstLayer.Connections.Sum(), connectivity.Skip(1).Sum(l => int.Parse(l.Split(',')[2], CultureInfo.InvariantCulture)));
        Assert.StartsWith("0,px0,", connectivity[1], StringComparison.Ordinal);

        using JsonDocument json = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "powerlaw.json")));
        JsonElement[] distributions = json.RootElement.GetProperty("distributions").EnumerateArray().ToArray();
        Assert.Equal(4, distributions.Length);
        JsonElement hiddenIn = distributions.Single(d => d.GetProperty("neuronLayer").GetInt32() == 1 && d.GetProperty("direction").GetString() == "in");
        var model = ModelSerializer.Load(AnalysisRuns.Model(runs.First)).Network;
        var expected = DegreeDistribution.Of(model, 1, DegreeDirection.In);
        Assert.Equal(32, hiddenIn.GetProperty("trained").GetProperty("neurons").GetInt32());
        Assert.Equal(expected.Mean, hiddenIn.GetProperty("trained").GetProperty("mean").GetDouble(), 9);
        Assert.True(hiddenIn.TryGetProperty("initial", out _));
        Assert.Contains("Hidden layer 1", File.ReadAllText(Path.Combine(output, "powerlaw.txt")), StringComparison.Ordinal);
        Assert.Contains("Hidden layer 1", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Analyze_ImageShape_WritesInputMapsAndEvolution()
    {
        string output = Path.Combine(_folder.FullName, "image");

        CliRun run = CliRun.Of("analyze", AnalysisRuns.Model(runs.First), "--image-shape", "8x8", "--snapshots", Path.Combine(runs.First, "snapshots"), "-o", output);

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("Connections (count)", SvgTexts(Path.Combine(output, "input-map.svg")));
        Assert.Contains("Strength (Σ|w|)", SvgTexts(Path.Combine(output, "input-strength.svg")));
        Assert.StartsWith("9,1,1,0,", File.ReadAllLines(Path.Combine(output, "input-connectivity.csv"))[10], StringComparison.Ordinal);
        List<string> evolution = SvgTexts(Path.Combine(output, "input-map-evolution.svg"));
        Assert.Contains("epoch 0", evolution);
        Assert.Contains("epoch 2", evolution);
        Assert.Contains("epoch 4", evolution);
    }

    [Fact]
    public void Analyze_FormatPng_WritesEveryPictureAsPng()
    {
        string output = Path.Combine(_folder.FullName, "png");

        CliRun run = CliRun.Of("analyze", AnalysisRuns.Model(runs.First), "--image-shape", "8x8", "--snapshots", Path.Combine(runs.First, "snapshots"), "--format", "png", "-o", output);

        Assert.True(run.ExitCode == 0, run.Error);
        string[] pictures = Directory.GetFiles(output).Where(f => Path.GetExtension(f) is ".png" or ".svg").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray()!;
        Assert.Equal(
            ["degree-layer0-out.png", "degree-layer1-in.png", "degree-layer1-out.png", "degree-layer2-in.png", "input-map-evolution.png", "input-map.png", "input-strength.png"],
            pictures);
        foreach (string picture in pictures)
        {
            Assert.True(PngWidth(Path.Combine(output, picture)) > 300, picture);
        }

        // Three snapshots side by side are wider than one map.
        Assert.True(PngWidth(Path.Combine(output, "input-map-evolution.png")) > PngWidth(Path.Combine(output, "input-map.png")));
    }

    [Fact]
    public void Analyze_ImageShapeNotMatchingInputs_FailsNamingBothCounts()
    {
        CliRun run = CliRun.Of("analyze", AnalysisRuns.Model(runs.First), "--image-shape", "28x28", "-o", _folder.FullName);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("784", run.Error, StringComparison.Ordinal);
        Assert.Contains("64", run.Error, StringComparison.Ordinal);
        Assert.Contains("8x8", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("corrupt.spmlnet", "this is not a model")]
    [InlineData("empty.spmlnet", "")]
    public void Analyze_CorruptOrMissingModel_FailsWithOneLineError(string name, string content)
    {
        CliRun corrupt = CliRun.Of("analyze", Bad(name, content), "-o", _folder.FullName);
        CliRun missing = CliRun.Of("analyze", Path.Combine(_folder.FullName, "missing.spmlnet"));

        Assert.Equal(1, corrupt.ExitCode);
        Assert.StartsWith("error: ", corrupt.Error, StringComparison.Ordinal);
        Assert.Contains(name, corrupt.Error, StringComparison.Ordinal);
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("missing.spmlnet", missing.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_SameShape_WritesHeatmapAndSymmetricMatrixWithZeroDiagonal()
    {
        string output = Path.Combine(_folder.FullName, "nnstd.svg");

        CliRun run = CliRun.Of("compare", AnalysisRuns.Model(runs.First), AnalysisRuns.Model(runs.Second), Path.Combine(runs.First, "snapshots", "epoch-000.spmlnet"), "-o", output);

        Assert.True(run.ExitCode == 0, run.Error);
        List<string> texts = SvgTexts(output);
        Assert.Contains("first", texts); // labels default to the run folders when the file names repeat… 
        Assert.Contains("epoch-000", texts); // …and to file names otherwise
        string[] lines = File.ReadAllLines(Path.Combine(_folder.FullName, "nnstd.csv"));
        Assert.Equal("network,first,second,epoch-000", lines[0]);
        double[][] matrix = lines.Skip(1).Select(l => l.Split(',').Skip(1).Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray()).ToArray();
        var expected = Nnstd.Compare(ModelSerializer.Load(AnalysisRuns.Model(runs.First)).Network, ModelSerializer.Load(AnalysisRuns.Model(runs.Second)).Network);
        for (int i = 0; i < 3; i++)
        {
            Assert.Equal(0, matrix[i][i]);
            for (int j = 0; j < 3; j++)
            {
                Assert.Equal(matrix[i][j], matrix[j][i]);
            }
        }

        Assert.Equal(expected.Distance, matrix[0][1], 5);
        Assert.Equal(1 + (3 * expected.LayerDistances.Count), File.ReadAllLines(Path.Combine(_folder.FullName, "nnstd-layers.csv")).Length);
    }

    [Fact]
    public void Compare_DifferentShapes_FailsNamingBothShapes()
    {
        CliRun run = CliRun.Of("compare", AnalysisRuns.Model(runs.First), AnalysisRuns.Model(runs.OtherShape), "-o", Path.Combine(_folder.FullName, "x.svg"));

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("64-32-10", run.Error, StringComparison.Ordinal);
        Assert.Contains("64-16-10", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_folder.FullName, "x.svg")));
    }

    [Fact]
    public void Compare_OneModelOrWrongLabelCount_IsRejected()
    {
        Assert.Equal(2, CliRun.Of("compare", AnalysisRuns.Model(runs.First)).ExitCode);
        CliRun labels = CliRun.Of("compare", AnalysisRuns.Model(runs.First), AnalysisRuns.Model(runs.Second), "--labels", "a,b,c", "-o", Path.Combine(_folder.FullName, "y.svg"));
        Assert.Equal(1, labels.ExitCode);
        Assert.Contains("--labels", labels.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Plot_TwoRuns_WritesCurvesWithRunNames()
    {
        string output = Path.Combine(_folder.FullName, "curves.svg");

        CliRun run = CliRun.Of("plot", AnalysisRuns.Metrics(runs.First), AnalysisRuns.Metrics(runs.Second), "-o", output, "--title", "Digits");

        Assert.True(run.ExitCode == 0, run.Error);
        List<string> texts = SvgTexts(output);
        Assert.Contains("Digits", texts);
        Assert.Contains("first test", texts);
        Assert.Contains("second train", texts);
        Assert.Contains("Accuracy (%)", texts);
        Assert.Contains("first: 4 epochs", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void ComparePlot_PngByExtensionOrFormat_AndContradictionsRejected()
    {
        string heatmap = Path.Combine(_folder.FullName, "nnstd.png");
        CliRun compare = CliRun.Of("compare", AnalysisRuns.Model(runs.First), AnalysisRuns.Model(runs.Second), "-o", heatmap);
        string curves = Path.Combine(_folder.FullName, "curves.png");
        CliRun plot = CliRun.Of("plot", AnalysisRuns.Metrics(runs.First), "-o", curves, "--format", "png");
        string svgNamed = Path.Combine(_folder.FullName, "contradiction.svg");
        CliRun contradiction = CliRun.Of("plot", AnalysisRuns.Metrics(runs.First), "-o", svgNamed, "--format", "png");
        string jpg = Path.Combine(_folder.FullName, "curves.jpg");
        CliRun unknown = CliRun.Of("compare", AnalysisRuns.Model(runs.First), AnalysisRuns.Model(runs.Second), "-o", jpg);

        Assert.True(compare.ExitCode == 0, compare.Error);
        Assert.True(PngWidth(heatmap) > 300);
        Assert.True(File.Exists(Path.Combine(_folder.FullName, "nnstd.csv")));
        Assert.True(plot.ExitCode == 0, plot.Error);
        Assert.True(PngWidth(curves) > 800); // two panels
        Assert.Equal(1, contradiction.ExitCode);
        Assert.Contains("--format png", contradiction.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(svgNamed));
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains(".svg or .png", unknown.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(jpg));
    }

    [Fact]
    public void Plot_CorruptMetrics_FailsNamingFileAndColumn()
    {
        string missingColumn = Bad("metrics.csv", "epoch,train_loss,train_accuracy,test_loss\n1,2,0.1,2\n");
        string binary = Path.Combine(_folder.FullName, "binary.csv");
        File.WriteAllBytes(binary, [0x00, 0x01, 0x02, 0xFF, 0xFE, 0x10, 0x0A, 0x00]);

        CliRun run = CliRun.Of("plot", missingColumn, "-o", Path.Combine(_folder.FullName, "c.svg"));
        CliRun garbage = CliRun.Of("plot", binary, "-o", Path.Combine(_folder.FullName, "d.svg"));

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("metrics.csv", run.Error, StringComparison.Ordinal);
        Assert.Contains("'test_accuracy'", run.Error, StringComparison.Ordinal);
        Assert.Equal(1, garbage.ExitCode);
        Assert.Contains("binary.csv", garbage.Error, StringComparison.Ordinal);
    }
}
