using System.Globalization;
using System.IO.Compression;
using Microsoft.ML;
using Microsoft.ML.Data;
using SparseMlNet.IO;
using SparseMlNet.ML.FeatureSelection;
using SparseMlNet.ML.Persistence;
using SparseMlNet.ML.Tests.Support;
using SparseMlNet.ML.Trainers;
using SparseMlNet.Networks;
using SparseMlNet.Networks.Activations;
using SparseMlNet.Networks.Losses;
using SparseMlNet.Topology;
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
        Assert.False(double.IsNaN(before[0].ValidationAccuracy));
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
            .Append(ml.Transforms.SelectFeaturesQuickSelection("Selected", "Features", 10, new QuickSelectionEstimatorOptions { HiddenNeurons = 32, Epochs = 1, Runs = 1, DropConstantFeatures = true, Seed = 5 }))
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
        var model = ml.Transforms.SelectFeaturesQuickSelection("Selected", "Features", 6, new QuickSelectionEstimatorOptions { HiddenNeurons = 16, Epochs = 1, Runs = 1, DropConstantFeatures = true, Seed = 5 }).Fit(data);
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

    [Fact]
    public void Load_FormatVersion1File_LoadsWithAnEmptyHistory()
    {
        // A file as version 1 wrote it: no Model.key stub, manifest version 1, a SparseMlp part without history.
        var ml = new MLContext(seed: 1);
        var network = MultilayerPerceptron.Create(NetworkKind.Set, [64, 8, 10], 2, ActivationKind.Relu, ActivationKind.Identity, LossKind.SoftmaxCrossEntropy, seed: 1);
        var schema = TestData.Digits(ml).Schema;
        using var file = new MemoryStream();
        using (var zip = new ZipArchive(file, ZipArchiveMode.Create, leaveOpen: true))
        {
            using (var entry = zip.CreateEntry("part000.mlnet.zip").Open())
            using (var empty = new MemoryStream())
            {
                ml.Model.Save(new TransformerChain<ITransformer>(), schema, empty);
                empty.WriteTo(entry);
            }

            using (var writer = new BinaryWriter(zip.CreateEntry("part001.sparsemlp").Open()))
            {
                writer.Write("SPMLNETML");
                writer.Write((ushort)1);
                writer.Write("Features");
                writer.Write("Label");
                writer.Write(false);
            }

            using (var entry = zip.CreateEntry("part001.network.spmlnet").Open())
            {
                ModelSerializer.Save(new ModelBundle(network), entry);
            }

            using var manifest = new StreamWriter(zip.CreateEntry("manifest.json").Open());
            manifest.Write("""
                {"Format": "SparseMlNet.ML pipeline", "Version": 1, "Parts": [
                  {"Kind": "mlnet", "Entry": "part000.mlnet.zip", "Scopes": []},
                  {"Kind": "sparsemlp", "Entry": "part001.sparsemlp", "NetworkEntry": "part001.network.spmlnet", "Scopes": [7]}]}
                """);
        }

        file.Position = 0;
        var loaded = (TransformerChain<ITransformer>)ml.Model.LoadSparseMlNet(file, out var inputSchema);

        var scorer = Assert.IsType<SparseMlpPredictionTransformer>(loaded.Single());
        Assert.Empty(scorer.Model.TrainingHistory);
        Assert.Equal(64, scorer.Model.FeatureCount);
        Assert.Equal(schema.Count, inputSchema!.Count);
    }

    [Fact]
    public void SaveLoad_KeepsABinaryScorerWithItsColumnsAndTheEarlyStoppingOutcome()
    {
        var ml = new MLContext(seed: 1);
        var data = TestData.GolubBinary(ml);
        var options = new SparseMlpOptions { HiddenLayerSizes = [16], Epsilon = 10, Epochs = 30, BatchSize = 8, Seed = 3, ValidationFraction = 0.3, EarlyStoppingPatience = 3 };
        var scorer = ml.BinaryClassification.Trainers.SparseMlp(options).Fit(data);

        var loaded = RoundTrip(ml, new TransformerChain<ITransformer>(scorer), data.Schema);

        var binary = Assert.IsType<SparseMlpBinaryPredictionTransformer>(loaded.Single());
        Assert.Equal(scorer.Model.Outcome, binary.Model.Outcome);
        Assert.Equal(scorer.Model.BestEpoch, binary.Model.BestEpoch);
        Assert.Equal(scorer.Transform(data).GetColumn<float>("Probability").ToArray(), loaded.Transform(data).GetColumn<float>("Probability").ToArray());
        var metrics = ml.BinaryClassification.Evaluate(loaded.Transform(data));
        Assert.InRange(metrics.AreaUnderRocCurve, 0.5, 1.0);
    }

    [Fact]
    public void Load_SparseMlpPartVersion3File_LoadsWithoutAPolicyAndPredictsAsItsBuildDid()
    {
        // Written by main at 23ce625 (tests/SparseMlNet.Tests/TestData/README.md): MapValueToKey, then SparseMlp 64-16-10, part version 3.
        var ml = new MLContext(seed: 1);
        var data = ml.Data.TakeRows(TestData.Digits(ml), 20);
        string folder = Path.Combine(AppContext.BaseDirectory, "TestData");

        var loaded = (TransformerChain<ITransformer>)ml.Model.LoadSparseMlNet(Path.Combine(folder, "mlnet-format-v3-digits.zip"), out _);

        var scorer = loaded.OfType<SparseMlpPredictionTransformer>().Single();
        Assert.Null(scorer.Model.Policy);
        Assert.Equal(2, scorer.Model.TrainingHistory.Count);
        Assert.Equal([64, 16, 10], scorer.Model.Network.LayerSizes);
        float[][] expected = [.. File.ReadAllLines(Path.Combine(folder, "mlnet-format-v3-digits.scores.csv")).Skip(1)
            .Select(line => line.Split(',').Select(v => float.Parse(v, CultureInfo.InvariantCulture)).ToArray())];
        Assert.Equal(expected, loaded.Transform(data).GetColumn<float[]>("Score").ToArray());
    }

    public static TheoryData<string> Policies => ["set", "cosine", "rigl", "rigl-batches", "pruning", "fixprob"];

    [Theory]
    [MemberData(nameof(Policies))]
    public void SaveLoad_EachPolicy_KeepsThePolicyAndThePredictions(string policy)
    {
        var ml = new MLContext(seed: 1);
        var data = ml.Transforms.Conversion.MapValueToKey("Label").Fit(TestData.Digits(ml)).Transform(TestData.Digits(ml));
        var options = new SparseMlpOptions { HiddenLayerSizes = [48, 40], Epsilon = 4, Epochs = 3, BatchSize = 32, Seed = 6 };
        switch (policy)
        {
            case "cosine": options.ZetaSchedule = ZetaSchedule.Cosine; options.EvolutionStopEpoch = 2; break;
            case "rigl": options.Growth = GrowthKind.Gradient; break;
            case "rigl-batches": options.Growth = GrowthKind.Gradient; options.EvolveEveryBatches = 10; options.ZetaSchedule = ZetaSchedule.Cosine; break;
            case "pruning": options.NeuronPruneThreshold = 0.8; break;
            case "fixprob": options.Kind = NetworkKind.FixProb; break;
        }

        var scorer = ml.MulticlassClassification.Trainers.SparseMlp(options).Fit(data);

        var loaded = RoundTrip(ml, new TransformerChain<ITransformer>(scorer), data.Schema);

        var model = loaded.OfType<SparseMlpPredictionTransformer>().Single().Model;
        if (policy == "fixprob")
        {
            Assert.Null(scorer.Model.Policy);
        }
        else
        {
            var expected = new TrainingPolicy(
                options.Growth, options.Zeta, options.ZetaSchedule, options.EvolveEvery, options.EvolveEveryBatches, options.EvolutionStopEpoch,
                options.NeuronPruneThreshold, options.EvolveOutputLayer, [48 - scorer.Model.Network.Layers[0].Outputs, 40 - scorer.Model.Network.Layers[1].Outputs]);
            Assert.Equal(expected, scorer.Model.Policy);
        }

        Assert.Equal(scorer.Model.Policy, model.Policy);
        Assert.Equal(scorer.Model.Network.LayerSizes, model.Network.LayerSizes);
        Assert.Equal(policy == "pruning", model.Policy?.NeuronsRemoved?.Sum() > 0);
        Assert.Equal(scorer.Transform(data).GetColumn<float[]>("Score").ToArray(), loaded.Transform(data).GetColumn<float[]>("Score").ToArray());
    }

    private static TransformerChain<ITransformer> RoundTrip(MLContext ml, ITransformer model, DataViewSchema schema)
    {
        using var stream = new MemoryStream();
        ml.Model.SaveSparseMlNet(model, schema, stream);
        stream.Position = 0;
        return (TransformerChain<ITransformer>)new MLContext(seed: 9).Model.LoadSparseMlNet(stream, out _);
    }
}
