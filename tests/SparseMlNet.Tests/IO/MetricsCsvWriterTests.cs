using System.Globalization;
using SparseMlNet.IO;
using SparseMlNet.Training;

namespace SparseMlNet.Tests.IO;

public sealed class MetricsCsvWriterTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("sparsemlnet-metrics-tests-");

    public void Dispose() => _folder.Delete(recursive: true);

    [Fact]
    public void Header_NamesEveryColumnWithOneNnzAndDensityPerLayerAndNeuronsPerHiddenLayer()
    {
        Assert.Equal(
            ["epoch", "train_loss", "train_accuracy", "test_loss", "test_accuracy", "validation_loss", "validation_accuracy", "train_seconds", "evaluation_seconds", "evolution_seconds",
             "peak_working_set_mb", "managed_mb", "nnz_l1", "nnz_l2", "nnz_l3", "density_l1", "density_l2", "density_l3",
             "neurons_h1", "neurons_h2"],
            MetricsCsvWriter.Header(3));
    }

    [Fact]
    public void Write_FlushesEachRowBeforeDispose()
    {
        string path = Path.Combine(_folder.FullName, "metrics.csv");
        using (var writer = new MetricsCsvWriter(path, 2))
        {
            Assert.Single(ReadLines(path));
            writer.Write(Metrics(1, testAccuracy: 0.8125));
            Assert.Equal(2, ReadLines(path).Length);
            writer.Write(Metrics(2, testAccuracy: 0.84375));
            string[] lines = ReadLines(path);
            Assert.Equal(3, lines.Length);
            Assert.StartsWith("2,", lines[2], StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Write_RoundTripsValuesAndLeavesNaNCellsEmpty()
    {
        string path = Path.Combine(_folder.FullName, "metrics.csv");
        EpochMetrics metrics = Metrics(3, testAccuracy: double.NaN);
        using (var writer = new MetricsCsvWriter(path, 2))
        {
            writer.Write(metrics);
        }

        string[] lines = File.ReadAllLines(path);
        string[] header = lines[0].Split(',');
        string[] cells = lines[1].Split(',');
        Assert.Equal(header.Length, cells.Length);
        string Cell(string column) => cells[Array.IndexOf(header, column)];
        Assert.Equal("3", Cell("epoch"));
        Assert.Equal(metrics.TrainLoss, double.Parse(Cell("train_loss"), CultureInfo.InvariantCulture));
        Assert.Equal(string.Empty, Cell("test_accuracy"));
        Assert.Equal(string.Empty, Cell("test_loss"));
        Assert.Equal(300.0, double.Parse(Cell("peak_working_set_mb"), CultureInfo.InvariantCulture));
        Assert.Equal(1.5, double.Parse(Cell("managed_mb"), CultureInfo.InvariantCulture));
        Assert.Equal("31360", Cell("nnz_l1"));
        Assert.Equal("2000", Cell("nnz_l2"));
        Assert.Equal(metrics.Layers[0].Density, double.Parse(Cell("density_l1"), CultureInfo.InvariantCulture));
        Assert.Equal("1000", Cell("neurons_h1"));
    }

    [Fact]
    public void Write_WrongLayerCount_Throws()
    {
        using var text = new StringWriter();
        using var writer = new MetricsCsvWriter(text, 3, leaveOpen: true);

        var ex = Assert.Throws<ArgumentException>(() => writer.Write(Metrics(1, 0.5)));

        Assert.Contains("2 layers", ex.Message, StringComparison.Ordinal);
    }

    private static EpochMetrics Metrics(int epoch, double testAccuracy) => new()
    {
        Epoch = epoch,
        TrainLoss = 0.1 + (1.0 / 3 / epoch),
        TrainAccuracy = 0.75,
        TestLoss = double.IsNaN(testAccuracy) ? double.NaN : 0.5,
        TestAccuracy = testAccuracy,
        TrainSeconds = 1.25,
        EvaluationSeconds = 0.125,
        EvolutionSeconds = 0.0625,
        PeakWorkingSetBytes = 300L << 20,
        ManagedBytes = 3L << 19,
        Layers = [new LayerMetrics(784, 1000, 31360, 31360.0 / (784 * 1000)), new LayerMetrics(1000, 10, 2000, 0.2)],
    };

    /// <summary>Reads the file while the writer still has it open (the writer shares it for reading).</summary>
    private static string[] ReadLines(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }
}
