using System.Globalization;
using System.IO.Compression;
using SparseMlNet.IO;

namespace SparseMlNet.Cli.Tests;

public sealed class PredictCommandTests(DigitsModel trained) : IClassFixture<DigitsModel>, IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("sparsemlnet-cli-predict-");
    private readonly string _model = trained.Path;

    public void Dispose() => _folder.Delete(recursive: true);

    [Fact]
    public void Run_LabelledCsv_WritesOneRowPerSampleAndPrintsAccuracy()
    {
        string predictions = Path.Combine(_folder.FullName, "predictions.csv");

        CliRun run = CliRun.Of("predict", "--model", _model, "--csv", CliRun.Digits, "-o", predictions);

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("Accuracy: ", run.Output, StringComparison.Ordinal);
        string[] lines = File.ReadAllLines(predictions);
        Assert.Equal(1798, lines.Length);
        Assert.Equal("row,predicted,label,p_0,p_1,p_2,p_3,p_4,p_5,p_6,p_7,p_8,p_9", lines[0]);
        string[] first = lines[1].Split(',');
        double sum = first[3..].Sum(p => double.Parse(p, CultureInfo.InvariantCulture));
        Assert.Equal(1.0, sum, 4);

        // The reported accuracy is the fraction of rows whose predicted class equals the label.
        double correct = lines.Skip(1).Count(l => l.Split(',')[1] == l.Split(',')[2]);
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"{100 * correct / 1797:F2}%"), run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_UnlabelledCsv_PredictsWithoutAccuracy()
    {
        string csv = WriteCsv("unlabelled.csv", DigitsLines().Select(l => l[(l.IndexOf(',', StringComparison.Ordinal) + 1)..]));
        string predictions = Path.Combine(_folder.FullName, "p.csv");

        CliRun run = CliRun.Of("predict", "-m", _model, "--csv", csv, "-o", predictions);

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.DoesNotContain("Accuracy", run.Output, StringComparison.Ordinal);
        Assert.StartsWith("row,predicted,p_0,", File.ReadAllLines(predictions)[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Run_FeatureCountMismatch_ExitsWithOneAndNamesBothCounts()
    {
        string csv = WriteCsv("three.csv", ["label,a,b,c", "0,1,2,3", "1,4,5,6"]);

        CliRun run = CliRun.Of("predict", "-m", _model, "--csv", csv, "-o", Path.Combine(_folder.FullName, "p.csv"));

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("trained on 64 features", run.Error, StringComparison.Ordinal);
        Assert.Contains("has 3", run.Error, StringComparison.Ordinal);
        Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void Run_CorruptModel_ExitsWithOneAndAChecksumMessage()
    {
        byte[] bytes = File.ReadAllBytes(_model);
        bytes[bytes.Length / 2] ^= 0xFF;
        string corrupt = Path.Combine(_folder.FullName, "corrupt.spmlnet");
        File.WriteAllBytes(corrupt, bytes);

        CliRun run = CliRun.Of("predict", "-m", corrupt, "--csv", CliRun.Digits, "-o", Path.Combine(_folder.FullName, "p.csv"));

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("checksum", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_WithoutRows_IsAUsageError()
    {
        CliRun run = CliRun.Of("predict", "-m", _model);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--csv or --images", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_PredictionsMatchTheEngine()
    {
        string predictions = Path.Combine(_folder.FullName, "engine.csv");
        CliRun run = CliRun.Of("predict", "-m", _model, "--csv", CliRun.Digits, "-o", predictions);
        Assert.True(run.ExitCode == 0, run.Error);

        ModelBundle model = ModelSerializer.Load(_model);
        float[] raw = [.. DigitsLines().Skip(1).SelectMany(l => l.Split(',').Skip(1).Select(v => float.Parse(v, CultureInfo.InvariantCulture)))];
        int[] expected = model.PredictClasses(raw);

        Assert.Equal(expected.Select(c => model.ClassName(c)), File.ReadAllLines(predictions).Skip(1).Select(l => l.Split(',')[1]));
    }

    private static IEnumerable<string> DigitsLines()
    {
        using var gzip = new GZipStream(File.OpenRead(CliRun.Digits), CompressionMode.Decompress);
        using var reader = new StreamReader(gzip);
        return reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
    }

    private string WriteCsv(string name, IEnumerable<string> lines)
    {
        string path = Path.Combine(_folder.FullName, name);
        File.WriteAllLines(path, lines);
        return path;
    }
}
