using Microsoft.ML;
using Microsoft.ML.Data;
using SparseMlNet.ML.Tests.Support;
using SparseMlNet.ML.Trainers;
using SparseMlNet.Training;

namespace SparseMlNet.ML.Tests.Trainers;

public class SparseMlpMonitoringTests
{
    private static IDataView Keyed(MLContext ml)
    {
        var data = TestData.Digits(ml);
        return ml.Transforms.Conversion.MapValueToKey("Label").Append(ml.Transforms.NormalizeMinMax("Features")).Fit(data).Transform(data);
    }

    private static SparseMlpOptions Small() => new() { HiddenLayerSizes = [32], Epsilon = 10, Epochs = 3, LearningRate = 0.05f, Seed = 3 };

    [Fact]
    public void Fit_WithLogContext_WritesOneInfoMessagePerEpochToTheMLContextLog()
    {
        var ml = new MLContext(seed: 1);
        var messages = new List<LoggingEventArgs>();
        ml.Log += (_, e) =>
        {
            if (e.Source.Contains("SparseMlp", StringComparison.Ordinal))
            {
                messages.Add(e);
            }
        };
        var options = Small();
        options.LogContext = ml;

        ml.MulticlassClassification.Trainers.SparseMlp(options).Fit(Keyed(ml));

        var epochs = messages.Where(m => m.RawMessage.StartsWith("Epoch ", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, epochs.Count);
        Assert.All(epochs, m => Assert.Equal(Microsoft.ML.Runtime.ChannelMessageKind.Info, m.Kind));
        Assert.StartsWith("Epoch 3/3: train loss ", epochs[^1].RawMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Fit_WithDefaultEpochsOnTissue_TrainsEnoughEpochsFor600StepsAndLogsTheTotal()
    {
        // Tissue's 189 rows at batch 128 are 2 mini-batches per epoch: the default (Epochs null) trains 300 epochs, not 100.
        var ml = new MLContext(seed: 1);
        var data = TestData.Tissue(ml);
        data = ml.Transforms.Conversion.MapValueToKey("Label").Append(ml.Transforms.NormalizeMeanVariance("Features", fixZero: false)).Fit(data).Transform(data);
        var messages = new List<string>();
        ml.Log += (_, e) =>
        {
            if (e.Source.Contains("SparseMlp", StringComparison.Ordinal) && e.RawMessage.StartsWith("Epoch ", StringComparison.Ordinal))
            {
                messages.Add(e.RawMessage);
            }
        };
        var seen = new List<EpochMetrics>();
        var options = new SparseMlpOptions { HiddenLayerSizes = [16], Epsilon = 4, Seed = 3, EpochCompleted = seen.Add, LogContext = ml };
        Assert.Null(options.Epochs);

        ml.MulticlassClassification.Trainers.SparseMlp(options).Fit(data);

        Assert.Equal(300, seen.Count);
        Assert.All(seen, m => Assert.Equal(300, m.Epochs));
        Assert.StartsWith("Epoch 300/300: ", messages[^1], StringComparison.Ordinal);
    }

    [Fact]
    public void Fit_WithValidationData_ReportsValidationAccuracyEveryEpochAndKeepsHistory()
    {
        var ml = new MLContext(seed: 1);
        var split = ml.Data.TrainTestSplit(Keyed(ml), testFraction: 0.3, seed: 2);
        var seen = new List<EpochMetrics>();
        var options = Small();
        options.EpochCompleted = seen.Add;

        var model = new SparseMlpTrainer(options).Fit(split.TrainSet, split.TestSet);

        Assert.Equal(3, seen.Count);
        Assert.Equal(seen, model.Model.TrainingHistory);
        Assert.All(seen, m => Assert.InRange(m.ValidationAccuracy, 0.0, 1.0));
        var evaluated = ml.MulticlassClassification.Evaluate(model.Transform(split.TestSet));
        Assert.Equal(evaluated.MicroAccuracy, seen[^1].ValidationAccuracy, 6);
    }

    [Fact]
    public void Fit_CancelledDuringTraining_ThrowsOperationCanceled()
    {
        var ml = new MLContext(seed: 1);
        using var cancellation = new CancellationTokenSource();
        int epochs = 0;
        var options = Small();
        options.Epochs = 50;
        options.CancellationToken = cancellation.Token;
        options.EpochCompleted = _ =>
        {
            epochs++;
            cancellation.Cancel();
        };

        Assert.ThrowsAny<OperationCanceledException>(() => ml.MulticlassClassification.Trainers.SparseMlp(options).Fit(Keyed(ml)));
        Assert.Equal(1, epochs);
    }

    [Fact]
    public void Fit_SameSeed_GivesIdenticalScores_OtherSeedDiffers()
    {
        var ml = new MLContext(seed: 1);
        var data = Keyed(ml);
        float[] Scores(int seed)
        {
            var options = Small();
            options.Seed = seed;
            return ml.MulticlassClassification.Trainers.SparseMlp(options).Fit(data).Transform(data).GetColumn<float[]>("Score").Take(20).SelectMany(s => s).ToArray();
        }

        Assert.Equal(Scores(5), Scores(5));
        Assert.NotEqual(Scores(5), Scores(6));
    }

    [Fact]
    public void Transform_RowWithNaNFeature_HasNaNScoresAndMissingPredictedLabel()
    {
        var ml = new MLContext(seed: 1);
        var model = ml.MulticlassClassification.Trainers.SparseMlp(Small()).Fit(Keyed(ml));
        var input = SmallData.View(
            2,
            ("Features", new VectorDataViewType(NumberDataViewType.Single, 64), i => new VBuffer<float>(64, Enumerable.Repeat(i == 0 ? float.NaN : 0.5f, 64).ToArray())));

        var scored = model.Transform(input);
        var scores = scored.GetColumn<float[]>("Score").ToArray();
        var keys = scored.GetColumn<uint>("PredictedLabel").ToArray();

        Assert.All(scores[0], s => Assert.True(float.IsNaN(s)));
        Assert.Equal(0u, keys[0]);
        Assert.Equal(1f, scores[1].Sum(), 4);
        Assert.InRange(keys[1], 1u, 10u);
    }

    [Fact]
    public void MLNetModelSave_PointsToSaveSparseMlNet()
    {
        var ml = new MLContext(seed: 1);
        var data = Keyed(ml);
        var model = ml.MulticlassClassification.Trainers.SparseMlp(Small()).Fit(data);
        using var stream = new MemoryStream();

        var error = Assert.Throws<NotSupportedException>(() => ml.Model.Save(model, data.Schema, stream));

        Assert.Contains("SaveSparseMlNet", error.Message, StringComparison.Ordinal);
        Assert.Contains("LoadSparseMlNet", error.Message, StringComparison.Ordinal);
    }
}
