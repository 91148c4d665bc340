using SparseMlNet.Networks;
using SparseMlNet.Networks.Activations;
using SparseMlNet.Networks.Losses;

namespace SparseMlNet.Tests.Networks;

public sealed class PredictorBufferTests
{
    [Fact]
    public void RowsPerPass_ShrinksForWideNetworksOnly()
    {
        var narrow = MultilayerPerceptron.Create(NetworkKind.Set, [784, 1000, 1000, 10], 20, ActivationKind.Relu, ActivationKind.Identity, LossKind.SoftmaxCrossEntropy, seed: 1);
        var wide = MultilayerPerceptron.Create(NetworkKind.Set, [50, 300_000, 10], 1, ActivationKind.Relu, ActivationKind.Identity, LossKind.SoftmaxCrossEntropy, seed: 1);
        Assert.Equal(256, NetworkPredictor.RowsPerPass(narrow, 10_000));
        Assert.Equal(7, NetworkPredictor.RowsPerPass(narrow, 7));

        // Two ping-pong buffers of 300,000 × 16 floats: 38 MB, within the 64 MiB budget; 32 rows would need 77 MB.
        Assert.Equal(16, NetworkPredictor.RowsPerPass(wide, 10_000));
    }

    [Fact]
    public void Predict_InSeveralPassesThroughTwoBuffers_EqualsRowByRow()
    {
        var network = MultilayerPerceptron.Create(NetworkKind.Set, [20, 60_000, 40, 3], 2, ActivationKind.Relu, ActivationKind.Identity, LossKind.SoftmaxCrossEntropy, seed: 5);
        var random = new Random(3);
        const int rows = 300;
        float[] x = [.. Enumerable.Range(0, rows * 20).Select(_ => (float)random.NextDouble())];
        Assert.True(NetworkPredictor.RowsPerPass(network, rows) < rows);

        float[] batched = network.Predict(x);
        var single = new NetworkPredictor(network, maxRows: 1);
        var expected = new float[rows * 3];
        single.Predict(x, expected);
        Assert.Equal(expected, batched);
    }
}
