using SparseMlNet.Data;
using SparseMlNet.Networks;
using SparseMlNet.Networks.Activations;
using SparseMlNet.Networks.Losses;
using SparseMlNet.Tests.Data;
using SparseMlNet.Training;

namespace SparseMlNet.Tests.Training;

/// <summary>A diverged run throws <see cref="TrainingDivergedException"/> even while its loss stays finite: no diverged model is returned.</summary>
public sealed class DivergenceTests
{
    [Fact]
    public void Train_UnscaledDigitsAtLearningRate1e6_ThrowsAlthoughTheLossStaysFinite()
    {
        // The case: raw pixel values 0..16, η = 10⁶; the loss stays finite (62) while the weights reach 10²⁶.
        var data = CsvDatasetReader.Read(TestFiles.Fixture(TestFiles.Digits)).Dataset;
        var options = new MlpTrainerOptions { HiddenLayerSizes = [50], Epochs = 3, LearningRate = 1e6f, Seed = 42 };

        var ex = Assert.Throws<TrainingDivergedException>(() => new MlpTrainer(options).Train(data));
        Assert.Contains("epoch 1", ex.Message, StringComparison.Ordinal);
        Assert.Contains("learning rate", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Train_DefaultSettingsOnScaledDigits_DoNotTripTheGuard()
    {
        var (train, test) = TestNetworks.Digits;
        var options = new MlpTrainerOptions { Kind = NetworkKind.Set, HiddenLayerSizes = [64], Epsilon = 10, Epochs = 5, Seed = 1 };
        var model = new MlpTrainer(options).Train(train, test);
        Assert.True(Evaluation.Classification(model, test).Accuracy > 0.8);
    }

    [Fact]
    public void Guard_LossTenTimesTheUntrainedLoss_Throws()
    {
        var guard = new DivergenceGuard(TinyNetwork(), 0.1f);
        guard.CheckBatch(lossSum: 2.3 * 8, rows: 8, normaliser: 1, epoch: 1, batch: 1);
        guard.CheckEpoch(1, 2.0);
        guard.CheckEpoch(2, 22.9);

        var ex = Assert.Throws<TrainingDivergedException>(() => guard.CheckEpoch(3, 23.1));
        Assert.Contains("epoch 3", ex.Message, StringComparison.Ordinal);
        Assert.Contains("10 times", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Guard_NaNLoss_Throws()
    {
        var guard = new DivergenceGuard(TinyNetwork(), 0.1f);
        Assert.Throws<TrainingDivergedException>(() => guard.CheckBatch(double.NaN, 8, 1, 1, 1));
    }

    private static MultilayerPerceptron TinyNetwork() =>
        MultilayerPerceptron.Create(NetworkKind.Dense, [4, 3], 1, ActivationKind.Relu, ActivationKind.Identity, LossKind.SoftmaxCrossEntropy, 1);
}
