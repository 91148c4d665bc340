using System.Numerics;
using System.Numerics.Tensors;

namespace SparseMlNet.Networks.Activations;

/// <summary>
/// An element-wise activation function of one layer, applied to contiguous rows of a feature-major mini-batch.
/// Derivatives are taken from the pre-activation z, so every activation (including All-ReLU, whose output sign does not reveal z's) backpropagates the same way.
/// </summary>
public sealed class Activation
{
    private Activation(ActivationKind kind, float negativeSlope)
    {
        Kind = kind;
        NegativeSlope = negativeSlope;
    }

    /// <summary>Which function this is.</summary>
    public ActivationKind Kind { get; }

    /// <summary>For All-ReLU, the slope applied to z ≤ 0 on this layer (±α); 0 otherwise.</summary>
    public float NegativeSlope { get; }

    /// <summary>Creates the activation of hidden layer <paramref name="layerNumber"/>.</summary>
    /// <param name="kind">The function.</param>
    /// <param name="layerNumber">1-based index of the hidden layer (All-ReLU alternates its slope's sign with it); Range: ≥ 1.</param>
    /// <param name="alpha">α of All-ReLU; Range: finite. Ignored by other kinds.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="layerNumber"/> &lt; 1, an unknown kind or a non-finite α.</exception>
    public static Activation Create(ActivationKind kind, int layerNumber, float alpha = 0.6f)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(layerNumber, 1);
        if (!float.IsFinite(alpha))
        {
            throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "All-ReLU's alpha must be finite, for example 0.6.");
        }

        return kind switch
        {
            ActivationKind.AllRelu => new Activation(kind, layerNumber % 2 == 1 ? -alpha : alpha),
            ActivationKind.Relu or ActivationKind.Sigmoid or ActivationKind.Tanh or ActivationKind.Identity => new Activation(kind, 0f),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown activation."),
        };
    }

    /// <summary>Creates an activation from its persisted kind and slope (model loading).</summary>
    internal static Activation FromParameters(ActivationKind kind, float negativeSlope) => new(kind, negativeSlope);

    /// <summary>a = f(z), element-wise; <paramref name="a"/> may alias <paramref name="z"/>.</summary>
    public void Forward(ReadOnlySpan<float> z, Span<float> a)
    {
        switch (Kind)
        {
            case ActivationKind.Relu:
                TensorPrimitives.Max(z, 0f, a);
                break;
            case ActivationKind.AllRelu:
                LeakyForward(z, a, NegativeSlope);
                break;
            case ActivationKind.Sigmoid:
                TensorPrimitives.Sigmoid(z, a);
                break;
            case ActivationKind.Tanh:
                TensorPrimitives.Tanh(z, a);
                break;
            default:
                z.CopyTo(a);
                break;
        }
    }

    /// <summary>delta ← delta ⊙ f′(z), element-wise.</summary>
    public void MultiplyDerivative(ReadOnlySpan<float> z, Span<float> delta)
    {
        switch (Kind)
        {
            case ActivationKind.Relu:
                LeakyDerivative(z, delta, 0f);
                break;
            case ActivationKind.AllRelu:
                LeakyDerivative(z, delta, NegativeSlope);
                break;
            case ActivationKind.Sigmoid:
                for (int i = 0; i < delta.Length; i++)
                {
                    float s = 1f / (1f + MathF.Exp(-z[i]));
                    delta[i] *= s * (1f - s);
                }

                break;
            case ActivationKind.Tanh:
                for (int i = 0; i < delta.Length; i++)
                {
                    float t = MathF.Tanh(z[i]);
                    delta[i] *= 1f - (t * t);
                }

                break;
            default:
                break;
        }
    }

    private static void LeakyForward(ReadOnlySpan<float> z, Span<float> a, float slope)
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var s = new Vector<float>(slope);
            for (; i <= z.Length - Vector<float>.Count; i += Vector<float>.Count)
            {
                var v = new Vector<float>(z[i..]);
                Vector.ConditionalSelect(Vector.GreaterThan(v, Vector<float>.Zero), v, v * s).CopyTo(a[i..]);
            }
        }

        for (; i < z.Length; i++)
        {
            a[i] = z[i] > 0 ? z[i] : slope * z[i];
        }
    }

    private static void LeakyDerivative(ReadOnlySpan<float> z, Span<float> delta, float slope)
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var s = new Vector<float>(slope);
            for (; i <= z.Length - Vector<float>.Count; i += Vector<float>.Count)
            {
                var d = new Vector<float>(delta[i..]);
                Vector.ConditionalSelect(Vector.GreaterThan(new Vector<float>(z[i..]), Vector<float>.Zero), d, d * s).CopyTo(delta[i..]);
            }
        }

        for (; i < z.Length; i++)
        {
            delta[i] = z[i] > 0 ? delta[i] : slope * delta[i];
        }
    }
}
