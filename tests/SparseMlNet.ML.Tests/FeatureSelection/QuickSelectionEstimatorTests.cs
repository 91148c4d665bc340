using Microsoft.ML;
using Microsoft.ML.Data;
using SparseMlNet.ML.FeatureSelection;
using SparseMlNet.ML.Tests.Support;

namespace SparseMlNet.ML.Tests.FeatureSelection;

public sealed class QuickSelectionEstimatorTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("sparsemlnet-qs-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static QuickSelectionEstimatorOptions Fast() => new() { HiddenNeurons = 200, Epochs = 8, Runs = 1, DropConstantFeatures = true, Seed = 5 };

    /// <summary>One short epoch: for tests of schemas and plumbing, not of the selection's quality.</summary>
    private static QuickSelectionEstimatorOptions Quick() => new() { HiddenNeurons = 32, Epochs = 1, Runs = 1, DropConstantFeatures = true, Seed = 5 };

    [Fact]
    public void Pipeline_Digits_SelectedSlotsClassifyFarAboveChance()
    {
        var ml = new MLContext(seed: 1);
        var split = ml.Data.TrainTestSplit(TestData.Digits(ml), testFraction: 0.25, seed: 3);
        var pipeline = ml.Transforms.NormalizeMeanVariance("Features")
            .Append(ml.Transforms.SelectFeaturesQuickSelection("Selected", "Features", 24, Fast()))
            .Append(ml.Transforms.Conversion.MapValueToKey("Label"))
            .Append(ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(featureColumnName: "Selected"));

        var model = pipeline.Fit(split.TrainSet);
        var metrics = ml.MulticlassClassification.Evaluate(model.Transform(split.TestSet));

        Assert.Equal(new VectorDataViewType(NumberDataViewType.Single, 24), model.Transform(split.TestSet).Schema["Selected"].Type);
        Assert.True(metrics.MicroAccuracy > 0.75, $"accuracy with 24 of 64 pixels: {metrics.MicroAccuracy:P1} (chance 10%)");
    }

    [Fact]
    public void Fit_Golub_ExposesScoresAndTopSlotsAndPreservesSlotNamesAndValues()
    {
        var ml = new MLContext(seed: 1);
        var data = TestData.Golub(ml);

        var selector = ml.Transforms.SelectFeaturesQuickSelection("Selected", "Features", 30, Fast()).Fit(data);
        var output = selector.Transform(data);

        Assert.Equal(3051, selector.Scores.Count);
        Assert.Equal(30, selector.SelectedIndices.Count);
        Assert.Equal(selector.SelectedIndices.Order(), selector.SelectedIndices);
        double weakestKept = selector.SelectedIndices.Min(i => selector.Scores[i]);
        double strongestDropped = Enumerable.Range(0, 3051).Except(selector.SelectedIndices).Max(i => selector.Scores[i]);
        Assert.True(weakestKept >= strongestDropped, $"kept {weakestKept} < dropped {strongestDropped}");

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
        var data = TestData.Digits(ml);
        var model = ml.Transforms.SelectFeaturesQuickSelection("Selected", "Features", 10, Quick()).Fit(data);
        string path = Path.Combine(_directory, "qs.zip");

        ml.Model.Save(model, data.Schema, path);
        var other = new MLContext(seed: 2);
        var loaded = other.Model.Load(path, out var schema);

        Assert.Equal(data.Schema.Count, schema.Count);
        Assert.Equal(model.Transform(data).GetColumn<float[]>("Selected").SelectMany(v => v), loaded.Transform(data).GetColumn<float[]>("Selected").SelectMany(v => v));
    }

    [Fact]
    public void GetOutputSchema_MatchesTheFittedOutput()
    {
        var ml = new MLContext(seed: 1);
        var loader = DigitsText.Loader(ml);
        var estimator = ml.Transforms.SelectFeaturesQuickSelection("Selected", "Features", 8, Quick());

        var shape = loader.Append(estimator).GetOutputSchema();
        var data = loader.Load(DigitsText.Path);
        var actual = estimator.Fit(data).Transform(data).Schema;

        var column = shape.Single(c => c.Name == "Selected");
        Assert.Equal(SchemaShape.Column.VectorKind.Vector, column.Kind);
        Assert.Equal(NumberDataViewType.Single, column.ItemType);
        Assert.Equal(actual.Select(c => c.Name).Order(), shape.Select(c => c.Name).Order());
    }

    [Fact]
    public void Fit_CountLargerThanTheVector_NamesCountAndLength()
    {
        var ml = new MLContext();
        var data = TestData.Digits(ml);

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => ml.Transforms.SelectFeaturesQuickSelection("Selected", "Features", 65, Quick()).Fit(data));

        Assert.Contains("Cannot select 65 slots from input column 'Features', which has 64", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FitAndGetOutputSchema_MissingColumn_NameTheColumn()
    {
        var ml = new MLContext();
        var estimator = ml.Transforms.SelectFeaturesQuickSelection("Selected", "Genes", 5, Quick());

        var fit = Assert.Throws<ArgumentOutOfRangeException>(() => estimator.Fit(TestData.Digits(ml)));
        var shape = Assert.Throws<ArgumentOutOfRangeException>(() => DigitsText.Loader(ml).Append(estimator).GetOutputSchema());

        Assert.Contains("Could not find input column 'Genes'", fit.Message, StringComparison.Ordinal);
        Assert.Contains("Could not find input column 'Genes'", shape.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fit_VariableSizeOrDoubleVector_ExpectKnownSizeSingleVector()
    {
        var ml = new MLContext();
        var variable = SmallData.View(3, ("Features", new VectorDataViewType(NumberDataViewType.Single), i => new VBuffer<float>(i + 2, new float[i + 2])));
        var doubles = SmallData.View(3, ("Features", new VectorDataViewType(NumberDataViewType.Double, 4), i => new VBuffer<double>(4, [i, 1, 2, 3])));
        var estimator = ml.Transforms.SelectFeaturesQuickSelection("Selected", "Features", 2, Quick());

        var v = Assert.Throws<ArgumentOutOfRangeException>(() => estimator.Fit(variable));
        var d = Assert.Throws<ArgumentOutOfRangeException>(() => estimator.Fit(doubles));

        Assert.Contains("Schema mismatch for input column 'Features': expected known-size vector of Single, got Vector<Single>", v.Message, StringComparison.Ordinal);
        Assert.Contains("Schema mismatch for input column 'Features': expected known-size vector of Single, got Vector<Double, 4>", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Transform_VectorOfAnotherLength_ExpectsTheFittedLength()
    {
        var ml = new MLContext();
        var selector = ml.Transforms.SelectFeaturesQuickSelection("Selected", "Features", 4, Quick()).Fit(TestData.Digits(ml));
        var other = SmallData.View(2, ("Features", new VectorDataViewType(NumberDataViewType.Single, 10), _ => new VBuffer<float>(10, new float[10])));

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => selector.Transform(other));

        Assert.Contains("expected Vector<Single, 64>, got Vector<Single, 10>", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fit_WithLogContextAndCancellation_LogsEpochsAndStopsWhenCancelled()
    {
        var ml = new MLContext(seed: 1);
        var epochs = new List<string>();
        ml.Log += (_, e) =>
        {
            if (e.Source.StartsWith("QuickSelection", StringComparison.Ordinal) && e.RawMessage.StartsWith("Epoch ", StringComparison.Ordinal))
            {
                epochs.Add(e.RawMessage);
            }
        };
        var logged = Fast();
        logged.Epochs = 3;
        logged.LogContext = ml;
        ml.Transforms.SelectFeaturesQuickSelection("Selected", "Features", 5, logged).Fit(TestData.Digits(ml));

        using var cancellation = new CancellationTokenSource();
        var cancelled = Fast();
        cancelled.Epochs = 50;
        cancelled.CancellationToken = cancellation.Token;
        cancelled.EpochCompleted = _ => cancellation.Cancel();

        Assert.Equal(3, epochs.Count);
        Assert.StartsWith("Epoch 3/3: reconstruction loss ", epochs[^1], StringComparison.Ordinal);
        Assert.ThrowsAny<OperationCanceledException>(() => ml.Transforms.SelectFeaturesQuickSelection("Selected", "Features", 5, cancelled).Fit(TestData.Digits(ml)));
    }
}
