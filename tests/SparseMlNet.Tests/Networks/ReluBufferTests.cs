using SparseMlNet.Networks;
using SparseMlNet.Networks.Activations;
using SparseMlNet.Networks.Losses;

namespace SparseMlNet.Tests.Networks;

public sealed class ReluBufferTests
{
    [Theory]
    [InlineData(0.0f)]
    [InlineData(0.3f)]
    public void ReluWithoutStoredZAndMask_GivesTheGradientsOfTheStoredPath(float dropout)
    {
        // All-ReLU with α = 0 is ReLU computed through the general path (stored pre-activations and masks); plain ReLU reads both from its output.
        var relu = MultilayerPerceptron.Create(NetworkKind.Set, [30, 60, 50, 5], 8, ActivationKind.Relu, ActivationKind.Identity, LossKind.SoftmaxCrossEntropy, seed: 4);
        var general = new MultilayerPerceptron(
            NetworkKind.Set, [.. relu.Layers], [Activation.Create(ActivationKind.AllRelu, 1, 0f), Activation.Create(ActivationKind.AllRelu, 2, 0f), relu.Activations[2]], LossKind.SoftmaxCrossEntropy);
        var random = new Random(2);
        const int batch = 21;
        float[] inputs = [.. Enumerable.Range(0, batch * 30).Select(_ => (float)((random.NextDouble() * 2) - 1))];
        int[] labels = [.. Enumerable.Range(0, batch).Select(i => i % 5)];
        int[] rows = [.. Enumerable.Range(0, batch)];

        var lean = new Propagation(relu, batch, training: true);
        var full = new Propagation(general, batch, training: true);
        foreach (var p in new[] { lean, full })
        {
            p.LoadInputs(inputs, 30, rows);
            p.Forward(dropout, 99);
            p.ClassificationLoss(labels);
            p.Backward(dropout > 0);
        }

        for (int l = 0; l < 3; l++)
        {
            Assert.Equal(full.WeightGradient(l).ToArray(), lean.WeightGradient(l).ToArray());
            Assert.Equal(full.BiasGradient(l).ToArray(), lean.BiasGradient(l).ToArray());
        }

        Assert.Contains(lean.WeightGradient(0).ToArray(), g => g != 0);
    }
}
