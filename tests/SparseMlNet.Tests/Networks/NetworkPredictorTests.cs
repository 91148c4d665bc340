using SparseMlNet.Networks;
using SparseMlNet.Networks.Activations;
using SparseMlNet.Networks.Losses;

namespace SparseMlNet.Tests.Networks;

public sealed class NetworkPredictorTests
{
    [Theory]
    [InlineData(NetworkKind.Set)]
    [InlineData(NetworkKind.Dense)]
    public void Predict_RowByRowAndInBatches_EqualsMultilayerPerceptronPredict(NetworkKind kind)
    {
        var network = MultilayerPerceptron.Create(kind, [64, 50, 30, 10], 5, ActivationKind.AllRelu, ActivationKind.Identity, LossKind.SoftmaxCrossEntropy, seed: 3);
        var rows = TestNetworks.Digits.Test.Features[..(40 * 64)].ToArray();
        float[] expected = network.Predict(rows);
        var single = new NetworkPredictor(network);
        var batched = new NetworkPredictor(network, maxRows: 32);
        var one = new float[40 * 10];
        var many = new float[40 * 10];

        for (int r = 0; r < 40; r++)
        {
            single.Predict(rows.AsSpan(r * 64, 64), one.AsSpan(r * 10, 10));
        }

        batched.Predict(rows, many);

        // The SpMM kernel vectorises along the batch, so another stride may round the last bit differently.
        Assert.All(Enumerable.Range(0, expected.Length), i => Assert.Equal(expected[i], one[i], 1e-6f));
        Assert.All(Enumerable.Range(0, expected.Length), i => Assert.Equal(expected[i], many[i], 1e-6f));
        Assert.All(Enumerable.Range(0, 40), r => Assert.Equal(1f, expected.AsSpan(r * 10, 10).ToArray().Sum(), 4));
    }

    [Fact]
    public void Predict_OneRow_EqualsTheSameRowInABatchBitForBit()
    {
        var network = MultilayerPerceptron.Create(NetworkKind.Set, [64, 100, 100, 10], 10, ActivationKind.AllRelu, ActivationKind.Identity, LossKind.SoftmaxCrossEntropy, seed: 4);
        var rows = TestNetworks.Digits.Test.Features[..(256 * 64)].ToArray();
        var batch = new float[256 * 10];
        new NetworkPredictor(network, maxRows: 256).Predict(rows, batch);
        var single = new NetworkPredictor(network);
        var one = new float[10];

        for (int r = 0; r < 256; r += 17)
        {
            single.Predict(rows.AsSpan(r * 64, 64), one);
            Assert.Equal(batch.AsSpan(r * 10, 10).ToArray(), one);
        }
    }

    [Fact]
    public void Predict_OneRowInSteadyState_AllocatesNothing()
    {
        var network = MultilayerPerceptron.Create(NetworkKind.Set, [64, 300, 300, 10], 10, ActivationKind.Relu, ActivationKind.Identity, LossKind.SoftmaxCrossEntropy, seed: 1);
        var predictor = new NetworkPredictor(network);
        float[] row = TestNetworks.Digits.Test.Features[..64].ToArray();
        var output = new float[10];
        predictor.Predict(row, output);

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1000; i++)
        {
            predictor.Predict(row, output);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void Predict_WrongLengthsOrNonFiniteValue_ThrowsNamingTheArgument()
    {
        var network = MultilayerPerceptron.Create(NetworkKind.Set, [4, 6, 3], 2, ActivationKind.Relu, ActivationKind.Identity, LossKind.SoftmaxCrossEntropy, seed: 1);
        var predictor = new NetworkPredictor(network);

        Assert.Equal("rows", Assert.Throws<ArgumentException>(() => predictor.Predict(new float[5], new float[3])).ParamName);
        Assert.Equal("outputs", Assert.Throws<ArgumentException>(() => predictor.Predict(new float[8], new float[3])).ParamName);
        Assert.Contains("row 1, column 2", Assert.Throws<ArgumentException>(() => predictor.Predict([0, 0, 0, 0, 0, 0, float.NaN, 0], new float[6])).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => new NetworkPredictor(network, maxRows: 0));
    }
}
