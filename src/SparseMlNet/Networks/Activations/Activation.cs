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

    /// <summary>Default α of All-ReLU: 0.6, the authors' Fashion-MNIST value (Curci et al. 2021).</summary>
    public const float DefaultAllReluAlpha = 0.6f;

    /// <summary>Which function this is.</summary>
    public ActivationKind Kind { get; }

    /// <summary>For All-ReLU, the slope applied to z ≤ 0 on this layer (±α); 0 otherwise.</summary>
    public float NegativeSlope { get; }

    /// <summary>Creates the activation of hidden layer <paramref name="layerNumber"/>.</summary>
    /// <param name="kind">The function.</param>
    /// <param name="layerNumber">1-based index of the hidden layer (All-ReLU alternates its slope's sign with it); Range: ≥ 1.</param>
    /// <param name="alpha">α of All-ReLU; Range: finite. Ignored by other kinds.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="layerNumber"/> &lt; 1, an unknown kind or a non-finite α.</exception>
    public static Activation Create(ActivationKind kind, int layerNumber, float alpha = DefaultAllReluAlpha)
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
            case ActivationKind.Tanh:
                SmoothDerivative(z, delta, Kind == ActivationKind.Sigmoid);
                break;
            default:
                break;
        }
    }

    /// <summary>
    /// delta ⊙ σ′(z) = delta ⊙ σ(z)(1 − σ(z)), or delta ⊙ tanh′(z) = delta ⊙ (1 − tanh²(z)): f(z) is recomputed with the SIMD <see cref="TensorPrimitives"/>
    /// in L1-sized blocks (a scalar exp per element costs more than the sparse products of a whole layer).
    /// </summary>
    private static void SmoothDerivative(ReadOnlySpan<float> z, Span<float> delta, bool sigmoid)
    {
        const int Block = 512;
        Span<float> buffer = stackalloc float[Block];
        for (int start = 0; start < delta.Length; start += Block)
        {
            int n = Math.Min(Block, delta.Length - start);
            Span<float> f = buffer[..n];
            Span<float> d = delta.Slice(start, n);
            if (sigmoid)
            {
                TensorPrimitives.Sigmoid(z.Slice(start, n), f);
            }
            else
            {
                TensorPrimitives.Tanh(z.Slice(start, n), f);
            }

            int i = 0;
            if (Vector.IsHardwareAccelerated)
            {
                for (; i <= n - Vector<float>.Count; i += Vector<float>.Count)
                {
                    var fv = new Vector<float>(f[i..]);
                    var slope = sigmoid ? fv * (Vector<float>.One - fv) : Vector<float>.One - (fv * fv);
                    (new Vector<float>(d[i..]) * slope).CopyTo(d[i..]);
                }
            }

            for (; i < n; i++)
            {
                d[i] *= sigmoid ? f[i] * (1f - f[i]) : 1f - (f[i] * f[i]);
            }
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
