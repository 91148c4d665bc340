using Microsoft.ML;
using Microsoft.ML.Data;
using SparseMlNet.ML.Tests.Support;
using SparseMlNet.ML.Trainers;
using SparseMlNet.Networks;

namespace SparseMlNet.ML.Tests.Trainers;

/// <summary>Early stopping, example weights and logging through the ML.NET trainers, and their bad input.</summary>
public sealed class SparseMlpTrainingOptionsTests
{
    private static SparseMlpOptions Small() => new() { HiddenLayerSizes = [64], Epsilon = 10, Epochs = 40, BatchSize = 32, Seed = 4 };

    private static IDataView Digits(MLContext ml) =>
        ml.Transforms.Conversion.MapValueToKey("Label").Append(ml.Transforms.NormalizeMinMax("Features")).Fit(TestData.Digits(ml)).Transform(TestData.Digits(ml));

    [Fact]
    public void Fit_EarlyStoppingOnAValidationFractionRecordsTheBestEpochInTheHistory()
    {
        var ml = new MLContext(seed: 1);
        var options = Small();
        options.ValidationFraction = 0.3;
        options.EarlyStoppingPatience = 2;
        options.LearningRate = 0.2f; // fast enough to overfit 1,257 rows within 40 epochs
        var model = ml.MulticlassClassification.Trainers.SparseMlp(options).Fit(Digits(ml)).Model;

        Assert.NotNull(model.Outcome);
        var history = model.TrainingHistory;
        Assert.Equal(history.Count, model.Outcome.EpochsRun);
        Assert.Equal(history.MinBy(m => m.ValidationLoss)!.Epoch, model.BestEpoch);
        Assert.True(model.Outcome.StoppedEarly ? history.Count == model.BestEpoch + 2 : history.Count == 40);
    }

    [Fact]
    public void Fit_ValidationViewTakesThePlaceOfTheSplit()
    {
        var ml = new MLContext(seed: 1);
        var split = ml.Data.TrainTestSplit(Digits(ml), 0.3, seed: 3);
        var options = Small();
        options.Epochs = 5;
        options.ValidationFraction = 0.5; // ignored: the view is given
        options.EarlyStoppingPatience = 3;
        var model = new SparseMlpTrainer(options).Fit(split.TrainSet, split.TestSet).Model;
        Assert.All(model.TrainingHistory, m => Assert.InRange(m.ValidationAccuracy, 0.5, 1.0));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    [InlineData(double.NaN)]
    public void Options_ValidationFractionOutsideTheOpenUnitIntervalIsRefused(double fraction)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new SparseMlpTrainer(new SparseMlpOptions { ValidationFraction = fraction }));
        Assert.Equal(nameof(SparseMlpOptions.ValidationFraction), error.ParamName);
    }

    [Fact]
    public void Options_PatienceBelowOneIsRefused()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new SparseMlpTrainer(new SparseMlpOptions { EarlyStoppingPatience = 0 }));
        Assert.Equal(nameof(SparseMlpOptions.EarlyStoppingPatience), error.ParamName);
    }

    [Fact]
    public void Fit_ExampleWeightsChangeTheModelAndZeroWeightsSilenceAClass()
    {
        var ml = new MLContext(seed: 1);
        var data = TestData.GolubBinary(ml);
        // Weight 0 on every AML patient: the network never sees the positive class and predicts ALL for everyone.
        var weighted = ml.Transforms.CustomMapping<BinaryRow, WeightOnly>((row, w) => w.Weight = row.Label ? 0f : 1f, null).Fit(data).Transform(data);
        var options = new SparseMlpOptions { HiddenLayerSizes = [32], Epsilon = 10, Epochs = 20, BatchSize = 8, Seed = 2, ExampleWeightColumnName = "Weight" };

        var predicted = ml.BinaryClassification.Trainers.SparseMlp(options).Fit(weighted).Transform(weighted).GetColumn<bool>("PredictedLabel").ToArray();
        Assert.DoesNotContain(true, predicted);

        options.ExampleWeightColumnName = null;
        var unweighted = ml.BinaryClassification.Trainers.SparseMlp(options).Fit(weighted).Transform(weighted).GetColumn<bool>("PredictedLabel").ToArray();
        Assert.Contains(true, unweighted);
    }

    [Fact]
    public void Fit_NegativeOrNaNWeights()
    {
        var ml = new MLContext(seed: 1);
        var data = TestData.GolubBinary(ml);
        var options = new SparseMlpOptions { HiddenLayerSizes = [16], Epsilon = 10, Epochs = 2, ExampleWeightColumnName = "Weight" };

        var negative = ml.Transforms.CustomMapping<BinaryRow, WeightOnly>((row, w) => w.Weight = -1f, null).Fit(data).Transform(data);
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => ml.BinaryClassification.Trainers.SparseMlp(options).Fit(negative));
        Assert.Contains("Example weight column 'Weight'", error.Message);

        var nan = ml.Transforms.CustomMapping<BinaryRow, WeightOnly>((row, w) => w.Weight = float.NaN, null).Fit(data).Transform(data);
        var none = Assert.Throws<ArgumentException>(() => ml.BinaryClassification.Trainers.SparseMlp(options).Fit(nan));
        Assert.Contains("no usable row", none.Message);
    }

    [Fact]
    public void Fit_MissingWeightColumnIsASchemaError()
    {
        var ml = new MLContext(seed: 1);
        var trainer = ml.MulticlassClassification.Trainers.SparseMlp(exampleWeightColumnName: "NoSuchWeight", hiddenLayerSizes: [8], epochs: 1);
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => trainer.Fit(Digits(ml)));
        Assert.Contains("Could not find example weight column 'NoSuchWeight'", error.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => trainer.GetOutputSchema(ShapeOf.Schema(Digits(ml).Schema)));
    }

    [Fact]
    public void SimpleOverload_LogContextWritesOneMessagePerEpoch()
    {
        var ml = new MLContext(seed: 1);
        var messages = new List<string>();
        ml.Log += (_, e) =>
        {
            if (e.Source.StartsWith("SparseMlp", StringComparison.Ordinal) && e.RawMessage.StartsWith("Epoch", StringComparison.Ordinal))
            {
                messages.Add(e.RawMessage);
            }
        };

        ml.MulticlassClassification.Trainers.SparseMlp(hiddenLayerSizes: [16], epsilon: 5, epochs: 3, logContext: ml).Fit(Digits(ml));
        ml.BinaryClassification.Trainers.SparseMlp(hiddenLayerSizes: [16], epsilon: 5, epochs: 2, logContext: ml).Fit(TestData.GolubBinary(ml));

        Assert.Equal(5, messages.Count);
    }

    [Fact]
    public void SimpleOverload_DenseGetsTheDenseLearningRate()
    {
        var ml = new MLContext(seed: 1);
        var trainer = ml.MulticlassClassification.Trainers.SparseMlp(kind: NetworkKind.Dense);
        Assert.Null(trainer.Options.LearningRate);
        Assert.Equal(0.01f, trainer.Options.ToEngineOptions().EffectiveLearningRate);
    }

    /// <summary>Output of the weight mapping.</summary>
    public sealed class WeightOnly
    {
        public float Weight { get; set; }
    }
}
