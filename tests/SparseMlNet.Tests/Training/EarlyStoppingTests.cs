using SparseMlNet.Data;
using SparseMlNet.Networks;
using SparseMlNet.Training;

namespace SparseMlNet.Tests.Training;

/// <summary>Early stopping on a validation set: when it stops, which epoch it keeps, and that the returned network is that epoch's (weights and SET topology).</summary>
public sealed class EarlyStoppingTests
{
    private static MlpTrainerOptions Options(NetworkKind kind, int? patience) => new()
    {
        Kind = kind,
        HiddenLayerSizes = [64],
        Epsilon = 10,
        Epochs = 30,
        BatchSize = 32,
        Dropout = 0f,
        Seed = 5,
        EarlyStoppingPatience = patience,
    };

    /// <summary>The test digits with every label moved to the next class: the better the network fits the digits, the worse its loss here.</summary>
    private static Dataset Adversarial(Dataset data)
    {
        var labels = new int[data.Count];
        for (int i = 0; i < labels.Length; i++)
        {
            labels[i] = (data.Labels[i] + 1) % data.ClassCount;
        }

        return new Dataset(data.Features.ToArray(), labels, data.FeatureCount, data.ClassCount);
    }

    [Theory]
    [InlineData(NetworkKind.Set)]
    [InlineData(NetworkKind.Dense)]
    public void Train_StopsAfterPatienceAndReturnsTheBestValidationEpoch(NetworkKind kind)
    {
        var (train, test) = TestNetworks.Digits;
        var validation = Adversarial(test);
        var trainer = new MlpTrainer(Options(kind, patience: 3));
        var history = new List<EpochMetrics>();
        TrainingOutcome? outcome = null;
        trainer.EpochCompleted += (_, m) => history.Add(m);
        trainer.TrainingCompleted += (_, o) => outcome = o;

        var model = trainer.Train(train, null, validation, null);

        Assert.NotNull(outcome);
        int best = history.MinBy(m => m.ValidationLoss)!.Epoch;
        Assert.True(outcome.StoppedEarly, $"ran {outcome.EpochsRun} of 30 epochs");
        Assert.Equal(best, outcome.BestEpoch);
        Assert.Equal(best + 3, outcome.EpochsRun);
        Assert.Equal(history.Count, outcome.EpochsRun);
        var (loss, _) = Evaluation.Classification(model, validation);
        Assert.Equal(history[best - 1].ValidationLoss, loss, 5);
        Assert.NotEqual(history[^1].ValidationLoss, loss, 3);
    }

    [Fact]
    public void Train_WithoutPatienceRunsEveryEpochAndReturnsTheLast()
    {
        var (train, test) = TestNetworks.Digits;
        var options = Options(NetworkKind.Set, patience: null);
        options.Epochs = 6;
        var history = new List<EpochMetrics>();
        var trainer = new MlpTrainer(options);
        trainer.EpochCompleted += (_, m) => history.Add(m);

        var model = trainer.Train(train, null, test, null);

        Assert.Equal(6, history.Count);
        Assert.All(history, m => Assert.InRange(m.ValidationAccuracy, 0, 1));
        Assert.Equal(history[^1].ValidationLoss, Evaluation.Classification(model, test).Loss, 5);
    }

    [Fact]
    public void Train_ValidationFractionHoldsOutAStratifiedPartOfTheTrainingRows()
    {
        var (train, _) = TestNetworks.Digits;
        var options = Options(NetworkKind.Set, patience: 2);
        options.ValidationFraction = 0.2;
        options.Epochs = 4;
        var history = new List<EpochMetrics>();
        var trainer = new MlpTrainer(options);
        trainer.EpochCompleted += (_, m) => history.Add(m);

        trainer.Train(train);

        Assert.All(history, m => Assert.False(double.IsNaN(m.ValidationLoss)));
        Assert.All(history, m => Assert.True(double.IsNaN(m.TestLoss)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    public void Validate_RejectsPatienceBelowOne(int patience)
    {
        var options = Options(NetworkKind.Set, patience);
        var error = Assert.Throws<ArgumentOutOfRangeException>(options.Validate);
        Assert.Equal(nameof(MlpTrainerOptions.EarlyStoppingPatience), error.ParamName);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    [InlineData(-0.1)]
    [InlineData(double.NaN)]
    public void Validate_RejectsValidationFractionOutsideTheOpenUnitInterval(double fraction)
    {
        var options = Options(NetworkKind.Set, null);
        options.ValidationFraction = fraction;
        var error = Assert.Throws<ArgumentOutOfRangeException>(options.Validate);
        Assert.Equal(nameof(MlpTrainerOptions.ValidationFraction), error.ParamName);
    }

    [Fact]
    public void Train_PatienceWithoutValidationDataIsAnErrorThatNamesTheFix()
    {
        var (train, _) = TestNetworks.Digits;
        var error = Assert.Throws<ArgumentException>(() => new MlpTrainer(Options(NetworkKind.Set, 3)).Train(train));
        Assert.Contains("ValidationFraction", error.Message);
    }

    [Fact]
    public void Train_ValidationSetAndValidationFractionTogetherAreAnError()
    {
        var (train, test) = TestNetworks.Digits;
        var options = Options(NetworkKind.Set, 3);
        options.ValidationFraction = 0.2;
        var error = Assert.Throws<ArgumentException>(() => new MlpTrainer(options).Train(train, null, test, null));
        Assert.Equal("validation", error.ParamName);
    }
}
