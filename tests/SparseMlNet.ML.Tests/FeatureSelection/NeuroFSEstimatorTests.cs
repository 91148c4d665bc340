using Microsoft.ML;
using Microsoft.ML.Data;
using SparseMlNet.ML.FeatureSelection;
using SparseMlNet.ML.Tests.Support;

namespace SparseMlNet.ML.Tests.FeatureSelection;

public sealed class NeuroFSEstimatorTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("sparsemlnet-nfs-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    /// <summary>A small network and a short run: for plumbing and schemas; the selection's quality is the engine tests' and the benchmark's business.</summary>
    private static NeuroFSEstimatorOptions Fast() => new() { HiddenNeurons = 64, HiddenLayers = 1, Epsilon = 5, Epochs = 10, Seed = 5 };

    private static IDataView KeyedDigits(MLContext ml) => ml.Transforms.Conversion.MapValueToKey("Label").Fit(TestData.Digits(ml)).Transform(TestData.Digits(ml));

    [Fact]
    public void Pipeline_Digits_SelectedSlotsClassifyFarAboveChance()
    {
        var ml = new MLContext(seed: 1);
        var split = ml.Data.TrainTestSplit(TestData.Digits(ml), testFraction: 0.25, seed: 3);
        var pipeline = ml.Transforms.Conversion.MapValueToKey("Label")
            .Append(ml.Transforms.SelectFeaturesNeuroFS("Selected", "Features", "Label", 16, Fast()))
            .Append(ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(featureColumnName: "Selected"));

        var model = pipeline.Fit(split.TrainSet);
        var scored = model.Transform(split.TestSet);
        var metrics = ml.MulticlassClassification.Evaluate(scored);

        Assert.Equal(new VectorDataViewType(NumberDataViewType.Single, 16), scored.Schema["Selected"].Type);
        Assert.True(metrics.MicroAccuracy > 0.75, $"accuracy with 16 of 64 pixels: {metrics.MicroAccuracy:P1} (chance 10%)");
    }

    [Fact]
    public void Fit_Golub_KeepsTheTopScoredSlotsWithTheirNamesAndValues()
    {
        var ml = new MLContext(seed: 1);
        var raw = TestData.Golub(ml);
        var data = ml.Transforms.Conversion.MapValueToKey("Label").Fit(raw).Transform(raw);

        var selector = ml.Transforms.SelectFeaturesNeuroFS("Selected", "Features", "Label", 20, Fast()).Fit(data);
        var output = selector.Transform(data);

        Assert.Equal(3051, selector.Scores.Count);
        Assert.Equal(20, selector.SelectedIndices.Count);
        Assert.Equal(selector.SelectedIndices.Order(), selector.SelectedIndices);
        double weakestKept = selector.SelectedIndices.Min(i => selector.Scores[i]);
        double strongestDropped = Enumerable.Range(0, 3051).Except(selector.SelectedIndices).Max(i => selector.Scores[i]);
        Assert.True(weakestKept > strongestDropped, $"kept {weakestKept} <= dropped {strongestDropped}");

        VBuffer<ReadOnlyMemory<char>> inputNames = default, outputNames = default;
        data.Schema["Features"].GetSlotNames(ref inputNames);
        output.Schema["Selected"].GetSlotNames(ref outputNames);
        var input = inputNames.DenseValues().Select(n => n.ToString()).ToArray();
        Assert.Equal(selector.SelectedIndices.Select(i => input[i]), outputNames.DenseValues().Select(n => n.ToString()));
        var full = output.GetColumn<float[]>("Features").First();
        var selected = output.GetColumn<float[]>("Selected").First();
        Assert.Equal(selector.SelectedIndices.Select(i => full[i]), selected);
    }

    [Fact]
    public void SaveLoad_WithMLNetModelOperations_GivesIdenticalOutput()
    {
        var ml = new MLContext(seed: 1);
        var data = KeyedDigits(ml);
        var model = ml.Transforms.SelectFeaturesNeuroFS("Selected", "Features", "Label", 10, Fast()).Fit(data);
        string path = Path.Combine(_directory, "nfs.zip");

        ml.Model.Save(model, data.Schema, path);
        var loaded = new MLContext(seed: 2).Model.Load(path, out var schema);

        Assert.Equal(data.Schema.Count, schema.Count);
        Assert.Equal(model.Transform(data).GetColumn<float[]>("Selected").SelectMany(v => v), loaded.Transform(data).GetColumn<float[]>("Selected").SelectMany(v => v));
    }

    [Fact]
    public void GetOutputSchema_MatchesTheFittedOutput()
    {
        var ml = new MLContext(seed: 1);
        var loader = DigitsText.Loader(ml, asKey: true);
        var estimator = ml.Transforms.SelectFeaturesNeuroFS("Selected", "Features", "Label", 8, Fast());

        var shape = loader.Append(estimator).GetOutputSchema();
        var data = loader.Load(DigitsText.Path);
        var actual = estimator.Fit(data).Transform(data).Schema;

        var column = shape.Single(c => c.Name == "Selected");
        Assert.Equal(SchemaShape.Column.VectorKind.Vector, column.Kind);
        Assert.Equal(NumberDataViewType.Single, column.ItemType);
        Assert.Equal(actual.Select(c => c.Name).Order(), shape.Select(c => c.Name).Order());
        Assert.Equal(new VectorDataViewType(NumberDataViewType.Single, 8), actual["Selected"].Type);
    }

    [Fact]
    public void FitAndGetOutputSchema_MissingLabelColumn_NameTheColumn()
    {
        var ml = new MLContext();
        var estimator = ml.Transforms.SelectFeaturesNeuroFS("Selected", "Features", "Class", 5, Fast());

        var fit = Assert.Throws<ArgumentOutOfRangeException>(() => estimator.Fit(KeyedDigits(ml)));
        var shape = Assert.Throws<ArgumentOutOfRangeException>(() => DigitsText.Loader(ml, asKey: true).Append(estimator).GetOutputSchema());

        Assert.Contains("Could not find label column 'Class'", fit.Message, StringComparison.Ordinal);
        Assert.Contains("Could not find label column 'Class'", shape.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FitAndGetOutputSchema_NonKeyLabel_AskForMapValueToKey()
    {
        var ml = new MLContext();
        var estimator = ml.Transforms.SelectFeaturesNeuroFS("Selected", "Features", "Label", 5, Fast());

        var text = Assert.Throws<ArgumentOutOfRangeException>(() => estimator.Fit(TestData.Digits(ml)));
        var number = Assert.Throws<ArgumentOutOfRangeException>(() => DigitsText.Loader(ml, DataKind.Single).Append(estimator).GetOutputSchema());

        Assert.Contains("Schema mismatch for label column 'Label': expected Key (map other labels with MapValueToKey), got String", text.Message, StringComparison.Ordinal);
        Assert.Contains("expected Key (map other labels with MapValueToKey), got Single", number.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fit_CountNotBelowTheVectorLength_NamesCountAndLength()
    {
        var ml = new MLContext();

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => ml.Transforms.SelectFeaturesNeuroFS("Selected", "Features", "Label", 64, Fast()).Fit(KeyedDigits(ml)));

        Assert.Contains("Cannot select 64 slots from input column 'Features', which has 64", error.Message, StringComparison.Ordinal);
        Assert.Contains("[1, 63]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_OptionOutOfRange_NamesTheOption()
    {
        var ml = new MLContext();

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => ml.Transforms.SelectFeaturesNeuroFS("Selected", "Features", "Label", 5, new NeuroFSEstimatorOptions { Epochs = 1 }));

        Assert.Equal("Epochs", error.ParamName);
    }

    [Fact]
    public void Fit_WithLogContext_LogsEveryEpoch()
    {
        var ml = new MLContext(seed: 1);
        var epochs = new List<string>();
        ml.Log += (_, e) =>
        {
            if (e.Source.StartsWith("NeuroFS", StringComparison.Ordinal) && e.RawMessage.StartsWith("Epoch ", StringComparison.Ordinal))
            {
                epochs.Add(e.RawMessage);
            }
        };
        var options = Fast();
        options.Epochs = 3;
        options.LogContext = ml;

        ml.Transforms.SelectFeaturesNeuroFS("Selected", "Features", "Label", 5, options).Fit(KeyedDigits(ml));

        Assert.Equal(3, epochs.Count);
        Assert.StartsWith("Epoch 3/3: cross-entropy ", epochs[^1], StringComparison.Ordinal);
    }
}
