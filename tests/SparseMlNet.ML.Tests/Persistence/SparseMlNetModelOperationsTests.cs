using System.IO.Compression;
using Microsoft.ML;
using Microsoft.ML.Data;
using SparseMlNet.IO;
using SparseMlNet.ML.Persistence;
using SparseMlNet.ML.Tests.Support;
using SparseMlNet.ML.Trainers;

namespace SparseMlNet.ML.Tests.Persistence;

public sealed class SparseMlNetModelOperationsTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("sparsemlnet-ml-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void SaveLoad_IntoNewContext_GivesIdenticalPredictionsAndMetrics()
    {
        var ml = new MLContext(seed: 1);
        var split = ml.Data.TrainTestSplit(TestData.Digits(ml), testFraction: 0.25, seed: 3);
        var model = ml.Transforms.Conversion.MapValueToKey("Label")
            .Append(ml.Transforms.NormalizeMinMax("Features"))
            .Append(ml.MulticlassClassification.Trainers.SparseMlp(hiddenLayerSizes: [64, 64], epsilon: 10, epochs: 6, learningRate: 0.05f, seed: 4))
            .Append(ml.Transforms.Conversion.MapKeyToValue("PredictedLabel"))
            .Fit(split.TrainSet);
        string path = Path.Combine(_directory, "digits.zip");
        ml.Model.SaveSparseMlNet(model, split.TrainSet.Schema, path);

        var other = new MLContext(seed: 99);
        var loaded = other.Model.LoadSparseMlNet(path, out var schema);
        var test = TestData.Digits(other);

        Assert.NotNull(schema);
        Assert.Equal(split.TrainSet.Schema.Select(c => (c.Name, c.Type)), schema!.Select(c => (c.Name, c.Type)));
        var before = Predictions(ml, model.Transform(test));
        var after = Predictions(other, loaded.Transform(test));
        Assert.Equal(before.Labels, after.Labels);
        Assert.Equal(before.Scores, after.Scores);
        Assert.StartsWith("digit", after.Labels[0], StringComparison.Ordinal);
        var engine = other.Model.CreatePredictionEngine<LabeledRow, TextPrediction>(loaded, inputSchemaDefinition: LabeledRow.Definition(64, null));
        var first = other.Data.CreateEnumerable<LabeledRow>(test, reuseRowObject: false).First();
        Assert.Equal(before.Labels[0], engine.Predict(first).PredictedLabel);
        var metrics = other.MulticlassClassification.Evaluate(loaded.Transform(split.TestSet));
        Assert.True(metrics.MicroAccuracy > 0.85, $"accuracy after reload {metrics.MicroAccuracy:P1}");
    }

    [Fact]
    public void SaveLoad_KeepsTransformerOrderScopesAndAStandaloneNetworkFile()
    {
        var ml = new MLContext(seed: 1);
        var data = TestData.Digits(ml);
        var model = ml.Transforms.Conversion.MapValueToKey("Label")
            .Append(ml.Transforms.NormalizeMinMax("Features"), TransformerScope.Everything)
            .Append(ml.MulticlassClassification.Trainers.SparseMlp(hiddenLayerSizes: [16], epochs: 1), TransformerScope.Scoring)
            .Fit(data);
        string path = Path.Combine(_directory, "scopes.zip");

        ml.Model.SaveSparseMlNet(model, data.Schema, path);
        var loaded = (TransformerChain<ITransformer>)ml.Model.LoadSparseMlNet(path, out _);

        Assert.Equal(model.Select(t => t.GetType()), loaded.Select(t => t.GetType()));
        Assert.Equal(model.GetModelFor(TransformerScope.Training).Count(), loaded.GetModelFor(TransformerScope.Training).Count());
        Assert.IsType<SparseMlpPredictionTransformer>(loaded.GetModelFor(TransformerScope.Scoring).Last());
        using var zip = ZipFile.OpenRead(path);
        var networkEntry = zip.Entries.Single(e => e.Name.EndsWith(".spmlnet", StringComparison.Ordinal));
        using var network = new MemoryStream();
        using (var s = networkEntry.Open())
        {
            s.CopyTo(network);
        }

        network.Position = 0;
        var bundle = ModelSerializer.Load(network);
        Assert.Equal(64, bundle.Network.InputCount);
        Assert.Equal(Enumerable.Range(0, 10).Select(i => $"digit{i}").Order(), bundle.ClassNames!.Order());
    }

    [Fact]
    public void SaveLoad_SingleTransformerWithNumericLabel_RoundTrips()
    {
        var ml = new MLContext(seed: 1);
        var data = DigitsText.Loader(ml, DataKind.Int32).Load(DigitsText.Path);
        var model = ml.MulticlassClassification.Trainers.SparseMlp(hiddenLayerSizes: [16], epochs: 2).Fit(data);
        using var stream = new MemoryStream();

        ml.Model.SaveSparseMlNet(model, data.Schema, stream);
        stream.Position = 0;
        var loaded = ml.Model.LoadSparseMlNet(stream, out var schema);

        var numbers = ml.Transforms.Conversion.MapKeyToValue("Number", "PredictedLabel");
        Assert.Equal(
            numbers.Fit(model.Transform(data)).Transform(model.Transform(data)).GetColumn<int>("Number"),
            numbers.Fit(loaded.Transform(data)).Transform(loaded.Transform(data)).GetColumn<int>("Number"));
        Assert.Equal(data.Schema.Count, schema!.Count);
    }

    [Fact]
    public void Load_NotAModelFile_ThrowsInvalidDataNamingTheFile()
    {
        var ml = new MLContext();
        string path = Path.Combine(_directory, "garbage.zip");
        File.WriteAllText(path, "not a model");

        var error = Assert.Throws<InvalidDataException>(() => ml.Model.LoadSparseMlNet(path, out _));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("mlContext.Model.Load", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ZipWithoutManifest_ThrowsInvalidData()
    {
        var ml = new MLContext();
        string path = Path.Combine(_directory, "plain.zip");
        using (var zip = ZipFile.Open(path, ZipArchiveMode.Create))
        {
            zip.CreateEntry("other.txt");
        }

        var error = Assert.Throws<InvalidDataException>(() => ml.Model.LoadSparseMlNet(path, out _));

        Assert.Contains("manifest.json", error.Message, StringComparison.Ordinal);
    }

    private static (string[] Labels, float[] Scores) Predictions(MLContext ml, IDataView scored)
    {
        var rows = ml.Data.CreateEnumerable<TextPrediction>(scored, reuseRowObject: false).ToList();
        return (rows.Select(r => r.PredictedLabel).ToArray(), rows.SelectMany(r => r.Score).ToArray());
    }
}
