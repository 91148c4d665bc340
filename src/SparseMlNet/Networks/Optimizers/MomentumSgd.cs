using System.Numerics;

namespace SparseMlNet.Networks.Optimizers;

/// <summary>
/// Mini-batch stochastic gradient descent with classical momentum and weight decay as in the SET reference implementation
/// (Mocanu et al. 2018, <c>_update_w_b</c> in dcmocanu/sparse-evolutionary-artificial-neural-networks):
/// v ← μ·v − η·g;  w ← w + v − λ·w.
/// The decay is decoupled from the learning rate (Loshchilov and Hutter, ICLR 2019): every step shrinks w by the factor (1 − λ), which for plain SGD
/// equals an L2 penalty (λ/2η)·‖w‖² added to the loss. At the papers' λ = 2·10⁻⁴ and η = 0.01 this is 100 times the coupled L2 form's strength,
/// and it is what keeps sparse neurons' weights (fan-in ≈ 40) from growing under dropout.
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
    /// <param name="weightDecay">λ, the fraction of each weight removed per step (0 for biases).</param>
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
                var v = (mu * new Vector<float>(velocity[i..])) - (eta * new Vector<float>(gradient[i..]));
                v.CopyTo(velocity[i..]);
                (w + v - (lambda * w)).CopyTo(weights[i..]);
            }
        }

        // The same operations in the same order as the vector loop, (w + v) − λ·w, so an element gives the same bits whether it falls in a
        // vector or in the tail: the parallel split of the weights (which depends on the core count) then cannot change the result.
        for (; i < weights.Length; i++)
        {
            float w = weights[i];
            float v = (momentum * velocity[i]) - (learningRate * gradient[i]);
            velocity[i] = v;
            weights[i] = w + v - (weightDecay * w);
        }
    }
}
