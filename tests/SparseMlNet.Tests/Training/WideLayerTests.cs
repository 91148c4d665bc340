using SparseMlNet.Data;
using SparseMlNet.Networks;
using SparseMlNet.Networks.Activations;
using SparseMlNet.Networks.Layers;
using SparseMlNet.Networks.Losses;
using SparseMlNet.Networks.Optimizers;
using SparseMlNet.Training;

namespace SparseMlNet.Tests.Training;

/// <summary>
/// Very wide sparse layers train with the default options: the per-layer learning rate (<see cref="MlpTrainerOptions.FullRateFanIn"/>) keeps a softmax
/// layer with a fan-in of tens of thousands from diverging (issue 12: at 333,333-wide hidden layers the loss rose instead of falling).
/// </summary>
public sealed class WideLayerTests
{
    /// <summary>
    /// 20,000-50,000-50,000-10 at ε = 5 (the output layer's mean fan-in ≈ 25,000) on synthetic expression-like data, defaults otherwise.
    /// Without the per-layer rate (<c>FullRateFanIn = 0</c>) the same run stops in epoch 1 as diverged (mean loss 47 against the untrained 3.2).
    /// </summary>
    [Fact]
    public void Train_WideNetworkWithDefaults_LearnsFarAboveChance()
    {
        var (train, test) = SyntheticExpression.Generate(480, 120, features: 20_000, classes: 10, informative: 2_000, effect: 1f, seed: 5);
        var options = new MlpTrainerOptions { HiddenLayerSizes = [50_000, 50_000], Epsilon = 5, BatchSize = 32, Epochs = 3 };
        var losses = new List<double>();
        var trainer = new MlpTrainer(options);
        trainer.EpochCompleted += (_, m) => losses.Add(m.TrainLoss);

        var model = trainer.Train(train, test);

        Assert.True(model.Layers[^1].ConnectionCount / (double)model.OutputCount > 20_000, "the output layer must have a very large fan-in for this test to mean anything");
        var (_, accuracy) = Evaluation.Classification(model, test);
        Assert.True(accuracy > 0.7, $"The wide network reached {accuracy:P1} test accuracy (chance 10%).");
        Assert.True(losses[^1] < losses[0], $"The training loss rose: {string.Join(", ", losses)}.");
    }

    [Fact]
    public void LayerLearningRate_ScalesOnlyLayersAboveTheFullRateFanIn()
    {
        var network = MultilayerPerceptron.Create(NetworkKind.Set, [784, 1000, 1000, 1000, 10], 20, ActivationKind.Relu, ActivationKind.Identity, LossKind.SoftmaxCrossEntropy, seed: 1);
        foreach (Layer layer in network.Layers)
        {
            // Every layer of the Fashion-MNIST network (fan-in ≤ 1000; the 1000 × 10 softmax layer is fully connected) keeps η exactly.
            Assert.Equal(0.02f, LayerLearningRate.For(layer, 0.02f, MlpTrainerOptions.Defaults.FullRateFanIn));
        }

        var wide = MultilayerPerceptron.Create(NetworkKind.Dense, [4000, 10], 1, ActivationKind.Relu, ActivationKind.Identity, LossKind.SoftmaxCrossEntropy, seed: 1);
        Assert.Equal(0.02f * 1000 / 4000, LayerLearningRate.For(wide.Layers[0], 0.02f, 1000), 6);
        Assert.Equal(0.02f, LayerLearningRate.For(wide.Layers[0], 0.02f, 0));
    }

    [Fact]
    public void Validate_RejectsANegativeFullRateFanIn()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(new MlpTrainerOptions { FullRateFanIn = -1 }.Validate);
        Assert.Equal(nameof(MlpTrainerOptions.FullRateFanIn), error.ParamName);
    }

    [Fact]
    public void SyntheticExpression_IsSeededAndBalanced()
    {
        var (a, _) = SyntheticExpression.Generate(36, 18, features: 500, classes: 18, informative: 50, effect: 1f, seed: 3);
        var (b, _) = SyntheticExpression.Generate(36, 18, features: 500, classes: 18, informative: 50, effect: 1f, seed: 3);
        Assert.Equal(a.Features.ToArray(), b.Features.ToArray());
        Assert.All(Enumerable.Range(0, 18), k => Assert.Equal(2, a.Labels.ToArray().Count(y => y == k)));
    }
}
