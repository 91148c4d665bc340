using Microsoft.ML;
using Microsoft.ML.Data;
using SparseMlNet.ML.FeatureSelection;
using SparseMlNet.ML.Persistence;
using SparseMlNet.ML.Tests.Support;
using SparseMlNet.ML.Trainers;
using SparseMlNet.Training;

namespace SparseMlNet.ML.Tests.Persistence;

/// <summary>What a SaveSparseMlNet / LoadSparseMlNet round trip keeps beyond the predictions: training history and QuickSelection's results.</summary>
public sealed class SavedStateTests
{
    [Fact]
    public void SaveLoad_KeepsTheTrainingHistoryOfEveryEpoch()
    {
        var ml = new MLContext(seed: 1);
        var split = ml.Data.TrainTestSplit(TestData.Digits(ml), testFraction: 0.25, seed: 3);
        var key = ml.Transforms.Conversion.MapValueToKey("Label").Fit(split.TrainSet);
        var trainer = ml.MulticlassClassification.Trainers.SparseMlp(hiddenLayerSizes: [32], epochs: 3, seed: 4);
        var scorer = trainer.Fit(key.Transform(split.TrainSet), key.Transform(split.TestSet));
        var model = new TransformerChain<ITransformer>(key, scorer);

        var loaded = RoundTrip(ml, model, split.TrainSet.Schema);

        IReadOnlyList<EpochMetrics> before = scorer.Model.TrainingHistory;
        IReadOnlyList<EpochMetrics> after = loaded.OfType<SparseMlpPredictionTransformer>().Single().Model.TrainingHistory;
        Assert.Equal(3, before.Count);
        Assert.False(double.IsNaN(before[0].TestAccuracy));
        Assert.Equal(before.Select(m => m with { Layers = [] }), after.Select(m => m with { Layers = [] }));
        Assert.Equal(before.Select(m => m.Layers), after.Select(m => m.Layers));
        Assert.NotEmpty(after[^1].Layers);
    }

    [Fact]
    public void SaveLoad_KeepsQuickSelectionScoresSelectedIndicesAndSlotNames()
    {
        var ml = new MLContext(seed: 1);
        var data = TestData.Digits(ml);
        var model = ml.Transforms.NormalizeMinMax("Features")
            .Append(ml.Transforms.SelectFeaturesQuickSelection("Selected", "Features", 10, new QuickSelectionEstimatorOptions { HiddenNeurons = 32, Epochs = 1, DropConstantFeatures = true, Seed = 5 }))
            .Append(ml.Transforms.Conversion.MapValueToKey("Label"))
            .Append(ml.MulticlassClassification.Trainers.SparseMlp(featureColumnName: "Selected", hiddenLayerSizes: [16], epochs: 1))
            .Fit(data);

        var loaded = RoundTrip(ml, model, data.Schema);

        var before = model.OfType<QuickSelectionTransformer>().Single();
        var after = Assert.IsType<QuickSelectionTransformer>(loaded.ElementAt(1));
        Assert.Equal(before.Scores, after.Scores);
        Assert.Equal(before.SelectedIndices, after.SelectedIndices);
        Assert.NotNull(before.SlotNames);
        Assert.Equal(before.SlotNames, after.SlotNames);
        Assert.Equal(before.SelectedSlotNames, after.SelectedSlotNames);
        Assert.Equal((before.InputColumnName, before.OutputColumnName, before.SlotCount), (after.InputColumnName, after.OutputColumnName, after.SlotCount));
        Assert.Equal(model.Transform(data).GetColumn<float[]>("Score").SelectMany(s => s), loaded.Transform(data).GetColumn<float[]>("Score").SelectMany(s => s));
    }

    [Fact]
    public void SaveLoad_QuickSelectionAlone_IsStillAnMLNetSlotSelectorForModelSave()
    {
        var ml = new MLContext(seed: 1);
        var data = TestData.Digits(ml);
        var model = ml.Transforms.SelectFeaturesQuickSelection("Selected", "Features", 6, new QuickSelectionEstimatorOptions { HiddenNeurons = 16, Epochs = 1, DropConstantFeatures = true, Seed = 5 }).Fit(data);
        using var native = new MemoryStream();

        ml.Model.Save(model, data.Schema, native);
        native.Position = 0;
        var viaMLNet = ml.Model.Load(native, out _);
        var viaOurs = RoundTrip(ml, model, data.Schema);

        Assert.IsNotType<QuickSelectionTransformer>(viaMLNet);
        var ours = Assert.IsType<QuickSelectionTransformer>(viaOurs.Single());
        Assert.Equal(model.SelectedIndices, ours.SelectedIndices);
        Assert.Equal(viaMLNet.Transform(data).GetColumn<float[]>("Selected").SelectMany(v => v), ours.Transform(data).GetColumn<float[]>("Selected").SelectMany(v => v));
    }

    private static TransformerChain<ITransformer> RoundTrip(MLContext ml, ITransformer model, DataViewSchema schema)
    {
        using var stream = new MemoryStream();
        ml.Model.SaveSparseMlNet(model, schema, stream);
        stream.Position = 0;
        return (TransformerChain<ITransformer>)new MLContext(seed: 9).Model.LoadSparseMlNet(stream, out _);
    }
}
