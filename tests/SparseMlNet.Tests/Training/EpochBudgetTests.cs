using SparseMlNet.Training;

namespace SparseMlNet.Tests.Training;

/// <summary>The classifier's default epoch count: 100 epochs, or enough for <see cref="MlpTrainerOptions.Defaults.MinimumSteps"/> SGD steps on small data.</summary>
public sealed class EpochBudgetTests
{
    [Theory]
    [InlineData(1, 600)] // n ≤ batch: one step per epoch (Golub's and ALL's folds)
    [InlineData(2, 300)] // tissue's 151-row folds at batch 128
    [InlineData(5, 120)]
    [InlineData(6, 100)] // 600 / 6 = 100: the papers' count again
    [InlineData(469, 100)] // Fashion-MNIST, 60,000 rows
    public void EpochsFor_GivesAtLeastTheMinimumStepsAndNeverFewerThan100(int batches, int expected)
    {
        int epochs = MlpTrainerOptions.Defaults.EpochsFor(batches);
        Assert.Equal(expected, epochs);
        Assert.True(epochs * batches >= MlpTrainerOptions.Defaults.MinimumSteps);
    }

    [Fact]
    public void EpochsFor_RejectsFewerThanOneBatch() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => MlpTrainerOptions.Defaults.EpochsFor(0));

    [Theory]
    [InlineData(30, 128, 600)]
    [InlineData(151, 128, 300)]
    [InlineData(640, 128, 120)] // 5 batches
    [InlineData(641, 128, 100)] // 6 batches
    [InlineData(60000, 128, 100)]
    [InlineData(151, 16, 100)] // a smaller batch gives 10 steps per epoch
    public void EffectiveEpochs_DefaultFollowsTheBatchesOfTheTrainingRows(int n, int batch, int expected) =>
        Assert.Equal(expected, new MlpTrainerOptions { BatchSize = batch }.EffectiveEpochs(n));

    [Theory]
    [InlineData(30)]
    [InlineData(60000)]
    public void EffectiveEpochs_AGivenNumberIsUsedAsGiven(int n) =>
        Assert.Equal(7, new MlpTrainerOptions { Epochs = 7 }.EffectiveEpochs(n));

    [Fact]
    public void EffectiveEpochs_CountsTheBatchesOfTheMinimumBatchesRule() =>
        // 30 rows with at least 3 batches per epoch: batch 10, 3 steps per epoch, 200 epochs.
        Assert.Equal(200, new MlpTrainerOptions { MinimumBatchesPerEpoch = 3 }.EffectiveEpochs(30));

    [Fact]
    public void Validate_RejectsZeroEpochsAndNamesTheDefault()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new MlpTrainerOptions { Epochs = 0 }.Validate());
        Assert.Equal("Epochs", e.ParamName);
        Assert.Contains("null", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Train_WithDefaultEpochsOnFewRows_RunsTheResolvedEpochsAndReportsThem()
    {
        // 40 rows of a two-class problem, smaller than one batch: the default gives 600 one-step epochs.
        var random = new Random(5);
        var features = new float[40 * 3];
        var labels = new int[40];
        for (int i = 0; i < 40; i++)
        {
            labels[i] = i % 2;
            for (int j = 0; j < 3; j++)
            {
                features[(i * 3) + j] = (float)(random.NextDouble() + (labels[i] == 1 && j == 0 ? 2 : 0));
            }
        }

        var data = new SparseMlNet.Data.Dataset(features, labels, 3);
        var options = new MlpTrainerOptions { HiddenLayerSizes = [8], Epsilon = 2, Dropout = 0, Seed = 1 };
        var trainer = new MlpTrainer(options);
        var seen = new List<EpochMetrics>();
        TrainingOutcome? outcome = null;
        trainer.EpochCompleted += (_, m) => seen.Add(m);
        trainer.TrainingCompleted += (_, o) => outcome = o;

        var model = trainer.Train(data);

        Assert.Equal(600, seen.Count);
        Assert.All(seen, m => Assert.Equal(600, m.Epochs));
        Assert.False(outcome!.StoppedEarly);
        Assert.True(SparseMlNet.Training.Evaluation.Classification(model, data).Accuracy > 0.9, "600 steps separate a shift of 2 in one feature");
    }
}
