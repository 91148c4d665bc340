using System.Numerics;

namespace SparseMlNet.Networks.Optimizers;

/// <summary>
/// Mini-batch stochastic gradient descent with classical momentum and L2 weight decay (added to the gradient):
/// v ← μ·v − η·(g + λ·w);  w ← w + v.
/// The same update serves sparse layers (arrays in CSR order) and dense ones (row-major), so SET, FixProb and dense train identically.
/// </summary>
internal static class MomentumSgd
{
    /// <summary>Applies one update to <paramref name="weights"/> and <paramref name="velocity"/> in place.</summary>
    /// <param name="weights">w, updated in place.</param>
    /// <param name="velocity">v, aligned with w, updated in place.</param>
    /// <param name="gradient">g = ∂loss/∂w for the mini-batch (already averaged over the batch).</param>
    /// <param name="learningRate">η.</param>
    /// <param name="momentum">μ.</param>
    /// <param name="weightDecay">λ (0 for biases).</param>
    public static void Update(Span<float> weights, Span<float> velocity, ReadOnlySpan<float> gradient, float learningRate, float momentum, float weightDecay)
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var mu = new Vector<float>(momentum);
            var eta = new Vector<float>(learningRate);
            var lambda = new Vector<float>(weightDecay);
            for (; i <= weights.Length - Vector<float>.Count; i += Vector<float>.Count)
            {
                var w = new Vector<float>(weights[i..]);
                var v = (mu * new Vector<float>(velocity[i..])) - (eta * (new Vector<float>(gradient[i..]) + (lambda * w)));
                v.CopyTo(velocity[i..]);
                (w + v).CopyTo(weights[i..]);
            }
        }

        for (; i < weights.Length; i++)
        {
            float v = (momentum * velocity[i]) - (learningRate * (gradient[i] + (weightDecay * weights[i])));
            velocity[i] = v;
            weights[i] += v;
        }
    }
}
