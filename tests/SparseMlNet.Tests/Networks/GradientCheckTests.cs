using SparseMlNet.Networks;
using SparseMlNet.Networks.Activations;
using SparseMlNet.Networks.Losses;

namespace SparseMlNet.Tests.Networks;

/// <summary>Backpropagation through sparse and dense layers, every activation and both losses, against central finite differences of the loss.</summary>
public sealed class GradientCheckTests
{
    [Theory]
    [InlineData(NetworkKind.Set, ActivationKind.Tanh, LossKind.SoftmaxCrossEntropy)]
    [InlineData(NetworkKind.Set, ActivationKind.Relu, LossKind.SoftmaxCrossEntropy)]
    [InlineData(NetworkKind.Set, ActivationKind.AllRelu, LossKind.SoftmaxCrossEntropy)]
    [InlineData(NetworkKind.Set, ActivationKind.Sigmoid, LossKind.MeanSquaredError)]
    [InlineData(NetworkKind.Dense, ActivationKind.Tanh, LossKind.SoftmaxCrossEntropy)]
    [InlineData(NetworkKind.Dense, ActivationKind.Sigmoid, LossKind.MeanSquaredError)]
    public void Backward_MatchesFiniteDifferences(NetworkKind kind, ActivationKind activation, LossKind loss) => Check(kind, activation, loss, 0f);

    [Theory]
    [InlineData(NetworkKind.Set, ActivationKind.AllRelu)]
    [InlineData(NetworkKind.Dense, ActivationKind.Tanh)]
    public void Backward_WithDropoutMatchesFiniteDifferencesForFixedMasks(NetworkKind kind, ActivationKind activation) =>
        Check(kind, activation, LossKind.SoftmaxCrossEntropy, 0.4f);

    [Theory]
    [InlineData(NetworkKind.Set, LossKind.MeanSquaredError)]
    [InlineData(NetworkKind.Dense, LossKind.SoftmaxCrossEntropy)]
    public void Backward_SigmoidWithDropoutMatchesFiniteDifferencesForFixedMasks(NetworkKind kind, LossKind loss) =>
        Check(kind, ActivationKind.Sigmoid, loss, 0.3f);

    private static void Check(NetworkKind kind, ActivationKind activation, LossKind loss, float dropout)
    {
        const int batch = 19;
        int[] sizes = loss == LossKind.SoftmaxCrossEntropy ? [6, 9, 7, 4] : [6, 9, 6];
        var net = MultilayerPerceptron.Create(
            kind, sizes, epsilon: 3, activation, loss == LossKind.SoftmaxCrossEntropy ? ActivationKind.Identity : ActivationKind.Tanh, loss, seed: 5);
        var random = new Random(17);
        var inputs = new float[batch * sizes[0]];
        for (int i = 0; i < inputs.Length; i++)
        {
            inputs[i] = (float)((random.NextDouble() * 4) - 2);
        }

        var labels = new int[batch];
        for (int i = 0; i < batch; i++)
        {
            labels[i] = random.Next(sizes[^1]);
        }

        foreach (var layer in net.Layers)
        {
            // Non-zero biases keep every pre-activation off ReLU's kink at exactly 0 (a dead input row plus a zero bias lands on it).
            for (int i = 0; i < layer.Bias.Length; i++)
            {
                layer.Bias[i] = (float)((random.NextDouble() * 0.2) - 0.1);
            }
        }

        var rows = Enumerable.Range(0, batch).ToArray();
        var p = new Propagation(net, batch, training: true);
        var targets = new float[sizes[^1] * p.Stride];
        if (loss == LossKind.MeanSquaredError)
        {
            p.Gather(inputs, sizes[0], rows, targets); // autoencoder: reconstruct the input
        }
        double Loss()
        {
            p.LoadInputs(inputs, sizes[0], rows);
            p.Forward(dropout, 12345);
            return loss == LossKind.SoftmaxCrossEntropy ? p.ClassificationLoss(labels).LossSum / batch : p.SquaredErrorLoss(targets) / (2.0 * batch);
        }

        Loss();
        p.Backward(dropout > 0);
        for (int l = 0; l < net.Layers.Count; l++)
        {
            float[] w = net.Layers[l].WeightArray;
            float[] analytic = p.WeightGradient(l).ToArray();
            float[] analyticBias = p.BiasGradient(l).ToArray();
            for (int k = 0; k < w.Length; k += Math.Max(1, w.Length / 25))
            {
                AssertGradient(analytic[k], Numeric(w, k, Loss), $"layer {l} weight {k}");
            }

            float[] bias = net.Layers[l].Bias;
            for (int k = 0; k < bias.Length; k++)
            {
                AssertGradient(analyticBias[k], Numeric(bias, k, Loss), $"layer {l} bias {k}");
            }
        }
    }

    private static double Numeric(float[] parameters, int k, Func<double> loss)
    {
        const float h = 1e-3f;
        float saved = parameters[k];
        parameters[k] = saved + h;
        double plus = loss();
        parameters[k] = saved - h;
        double minus = loss();
        parameters[k] = saved;
        return (plus - minus) / (2 * h);
    }

    private static void AssertGradient(double analytic, double numeric, string where)
    {
        double tolerance = 2e-3 + (0.03 * Math.Abs(numeric));
        Assert.True(Math.Abs(analytic - numeric) <= tolerance, $"{where}: analytic {analytic}, numeric {numeric}.");
    }
}
