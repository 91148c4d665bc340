using SparseMlNet.Networks;
using SparseMlNet.Networks.Activations;
using SparseMlNet.Networks.Losses;

namespace SparseMlNet.Tests.Networks;

/// <summary>
/// All-ReLU as Curci, Mocanu and Pechenizkiy define it ("Truly Sparse Neural Networks at Scale", 2021, eq. 2): f(x) = x for x &gt; 0 on every hidden
/// layer, and for x ≤ 0 the slope alternates by layer, −α on odd (1-based) hidden layers and +α on even ones; the output layer stays linear.
/// </summary>
public sealed class AllReluTests
{
    [Fact]
    public void HiddenLayers_AlternateTheNegativeSlopeStartingWithMinusAlpha()
    {
        var network = MultilayerPerceptron.Create(NetworkKind.Set, [20, 16, 16, 16, 16, 4], 5, ActivationKind.AllRelu, ActivationKind.Identity, LossKind.SoftmaxCrossEntropy, seed: 1, allReluAlpha: 0.75f);

        Assert.Equal([-0.75f, 0.75f, -0.75f, 0.75f], network.Activations.Take(4).Select(a => a.NegativeSlope));
        Assert.Equal(ActivationKind.Identity, network.Activations[^1].Kind);
    }

    [Fact]
    public void Forward_IsIdentityAboveZeroAndSlopeTimesXBelow()
    {
        float[] z = [-2f, -0.5f, 0f, 0.5f, 3f];
        var odd = new float[5];
        var even = new float[5];

        Activation.Create(ActivationKind.AllRelu, 1, 0.6f).Forward(z, odd);
        Activation.Create(ActivationKind.AllRelu, 2, 0.6f).Forward(z, even);

        Assert.Equal([1.2f, 0.3f, 0f, 0.5f, 3f], odd);
        Assert.Equal([-1.2f, -0.3f, 0f, 0.5f, 3f], even);
    }
}
