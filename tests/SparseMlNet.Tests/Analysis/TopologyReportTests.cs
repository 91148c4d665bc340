using SparseMlNet.Data;
using System.Globalization;
using System.Text.Json;
using CsvHelper;
using SparseMlNet.Analysis;
using SparseMlNet.Networks;
using SparseMlNet.Networks.Activations;
using SparseMlNet.Networks.Losses;
using SparseMlNet.Sparse;

namespace SparseMlNet.Tests.Analysis;

public sealed class TopologyReportTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("sparsemlnet-topology-report-");

    public void Dispose() => _folder.Delete(recursive: true);

    // 6 inputs, 3 hidden, 2 outputs. Hidden in-degrees 2, 2, 2; input out-degrees 2, 0, 0, 0, 3, 1.
    private static SparseMatrix First() => TopologyBuilders.Layer(3, 6, [(0, 0, 0.5f), (1, 0, -1.5f), (0, 4, 1f), (1, 4, -1f), (2, 4, 1f), (2, 5, -2f)]);

    private static MultilayerPerceptron Small() => TopologyBuilders.Network(First(), TopologyBuilders.Layer(2, 3, [(0, 0), (1, 2), (1, 1)]));

    [Fact]
    public void Compute_OneRowPerLayerAndDirectionWithTheEngineNumbers()
    {
        MultilayerPerceptron network = Small();
        MultilayerPerceptron initial = TopologyBuilders.Network(TopologyBuilders.Random(3, 6, 0.5, seed: 1), TopologyBuilders.Random(2, 3, 0.5, seed: 2));

        var report = TopologyReport.Compute(network, initial);

        Assert.Equal([(0, "out"), (1, "in"), (1, "out"), (2, "in")], report.Degrees.Select(d => (d.NeuronLayer, d.DirectionName)));
        Assert.Equal(["Input layer", "Hidden layer 1", "Hidden layer 1", "Output layer"], report.Degrees.Select(d => d.LayerName));
        Assert.Equal([2, 0, 0, 0, 3, 1], report.Degrees[0].Trained.Degrees);
        Assert.Equal([2, 2, 2], report.Degrees[1].Trained.Degrees);
        Assert.Equal(DegreeDistribution.Of(initial, 1, DegreeDirection.In).Degrees, report.Degrees[1].Initial!.Degrees);
        Assert.Equal(ErdosRenyiDegrees.ExpectedPmf(network, 1, DegreeDirection.In), report.Degrees[1].ErdosRenyiPmf);
        Assert.True(report.HasInitial);
        Assert.Equal([6, 3, 2], report.LayerSizes);
        Assert.Equal([2, 0, 0, 0, 3, 1], report.Inputs.Connections);
        Assert.Empty(report.Snapshots);
        Assert.All(report.Degrees, d => Assert.Null(d.PowerLaw)); // a handful of neurons has no tail to fit
    }

    [Fact]
    public void Compute_PowerLawFitWhenTheDegreesHaveATail()
    {
        var network = MultilayerPerceptron.Create(
            NetworkKind.Set, [200, 400, 10], 20, ActivationKind.Relu, ActivationKind.Identity, LossKind.SoftmaxCrossEntropy, seed: 3);
        var options = new PowerLawFitOptions { MinTailCount = 10, Seed = 1 };

        var report = TopologyReport.Compute(network, fitOptions: options);

        LayerDegrees hidden = report.Degrees.Single(d => d.NeuronLayer == 1 && d.Direction == DegreeDirection.In);
        Assert.True(PowerLawFit.TryFit(hidden.Trained.Degrees.ToArray(), out PowerLawFit? expected, options));
        Assert.Equal(expected!.Alpha, hidden.PowerLaw!.Alpha);
        Assert.Equal(expected.XMin, hidden.PowerLaw.XMin);
        Assert.Same(options, report.FitOptions);
    }

    [Fact]
    public void Compute_SnapshotsInOrderAndShapeMismatchNamed()
    {
        MultilayerPerceptron network = Small();
        MultilayerPerceptron other = TopologyBuilders.Network(TopologyBuilders.Random(4, 6, 0.5, seed: 1), TopologyBuilders.Random(2, 4, 0.5, seed: 2));

        var report = TopologyReport.Compute(network, snapshots: [("epoch 0", network), ("epoch 5", network)]);
        var snapshot = Assert.Throws<ArgumentException>(() => TopologyReport.Compute(network, snapshots: [("epoch 7", other)]));
        var initial = Assert.Throws<ArgumentException>(() => TopologyReport.Compute(network, other));

        Assert.Equal(["epoch 0", "epoch 5"], report.Snapshots.Select(s => s.Label));
        Assert.Equal(network.LayerSizes.Length, report.LayerSizes.Count);
        Assert.Contains("'epoch 7'", snapshot.Message, StringComparison.Ordinal);
        Assert.Contains("6-4-2", snapshot.Message, StringComparison.Ordinal);
        Assert.Contains("6-3-2", snapshot.Message, StringComparison.Ordinal);
        Assert.Equal("initial", initial.ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => TopologyReport.Compute(network, fitOptions: new PowerLawFitOptions { MinTailCount = 1 }));
    }

    [Fact]
    public void Compute_Cancelled_Throws()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.Throws<OperationCanceledException>(() => TopologyReport.Compute(Small(), cancellationToken: cancelled.Token));
    }

    [Fact]
    public void WriteJsonAndText_HoldEveryDistribution()
    {
        var report = TopologyReport.Compute(Small(), Small());
        string json = Path.Combine(_folder.FullName, "powerlaw.json");
        string text = Path.Combine(_folder.FullName, "powerlaw.txt");

        TopologyReportFiles.WriteJson(report, json, "runs/x/model.spmlnet");
        TopologyReportFiles.WriteText(report, text, "runs/x/model.spmlnet");

        using JsonDocument document = JsonDocument.Parse(File.ReadAllText(json));
        Assert.Equal("6-3-2", document.RootElement.GetProperty("layerSizes").GetString());
        Assert.EndsWith(Path.Combine("runs", "x", "model.spmlnet"), document.RootElement.GetProperty("model").GetString(), StringComparison.Ordinal);
        JsonElement[] rows = document.RootElement.GetProperty("distributions").EnumerateArray().ToArray();
        Assert.Equal(4, rows.Length);
        Assert.Equal([3, 1, 1, 1], rows[0].GetProperty("trained").GetProperty("counts").EnumerateArray().Select(c => c.GetInt32()).ToArray()[..4]);
        Assert.Equal(0, rows[0].GetProperty("initial").GetProperty("ksToBinomial").GetDouble() - report.Degrees[0].Initial!.KolmogorovSmirnovDistance(report.Degrees[0].ErdosRenyiPmf), 12);
        Assert.Equal(JsonValueKind.Null, rows[1].GetProperty("powerLaw").ValueKind);
        string[] lines = File.ReadAllLines(text);
        Assert.Equal(4 + 4, lines.Length); // title, legend, blank, header, four rows
        Assert.StartsWith("Hidden layer 1   in ", lines[5], StringComparison.Ordinal);
    }

    [Fact]
    public void WriteInputConnectivity_QuotesNamesAndLaysOutPixels()
    {
        var inputs = InputConnectivity.Of(Small());
        string tabular = Path.Combine(_folder.FullName, "tabular.csv");
        string image = Path.Combine(_folder.FullName, "image.csv");
        string[] names = ["a", "with, comma", "with \"quote\"", "d", "e", "f"];

        TopologyReportFiles.WriteInputConnectivity(inputs, tabular, names, shape: null);
        TopologyReportFiles.WriteInputConnectivity(inputs, image, null, new ImageShape(2, 3));

        using (var reader = new CsvReader(new StreamReader(tabular), CultureInfo.InvariantCulture))
        {
            var rows = reader.GetRecords<dynamic>().Cast<IDictionary<string, object>>().ToArray();
            Assert.Equal(["input", "name", "connections", "strength"], rows[0].Keys);
            Assert.Equal(names, rows.Select(r => (string)r["name"]));
            Assert.Equal("2", rows[0]["connections"]);
            Assert.Equal("2", rows[0]["strength"]); // |0.5| + |−1.5|
        }

        string[] lines = File.ReadAllLines(image);
        Assert.Equal("input,row,column,channel,connections,strength", lines[0]);
        Assert.Equal("4,1,1,0,3,3", lines[5]);
        Assert.Throws<ArgumentException>(() => TopologyReportFiles.WriteInputConnectivity(inputs, image, ["too", "few"], null));
        Assert.Throws<ArgumentException>(() => TopologyReportFiles.WriteInputConnectivity(inputs, image, null, new ImageShape(3, 3)));
    }

    [Fact]
    public void NnstdMatrixFiles_MatrixAndLayersRoundTripThroughCsv()
    {
        MultilayerPerceptron a = Small();
        MultilayerPerceptron b = TopologyBuilders.Network(First(), TopologyBuilders.Layer(2, 3, [(0, 1), (1, 2)]));
        var matrix = NnstdMatrix.Compute([a, b], ["run, one", "two"]);
        string matrixPath = Path.Combine(_folder.FullName, "nnstd.csv");
        string layersPath = Path.Combine(_folder.FullName, "nnstd-layers.csv");

        NnstdMatrixFiles.WriteMatrix(matrix, matrixPath);
        NnstdMatrixFiles.WriteLayers(matrix, layersPath);

        using var parser = new CsvParser(new StreamReader(matrixPath), CultureInfo.InvariantCulture);
        Assert.True(parser.Read());
        Assert.Equal(["network", "run, one", "two"], parser.Record!);
        Assert.True(parser.Read());
        Assert.Equal("run, one", parser.Record![0]);
        Assert.Equal(matrix[0, 1], double.Parse(parser.Record[2], CultureInfo.InvariantCulture), 6);
        string[] layers = File.ReadAllLines(layersPath);
        Assert.Equal("first,second,layer,distance", layers[0]);
        Assert.Equal(1 + matrix.LayerCount, layers.Length);
        Assert.StartsWith("\"run, one\",two,1,", layers[1], StringComparison.Ordinal);
    }
}
