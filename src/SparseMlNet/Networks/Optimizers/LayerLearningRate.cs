using SparseMlNet.Networks.Layers;

namespace SparseMlNet.Networks.Optimizers;

/// <summary>
/// The learning rate of one layer's weights: η for a layer whose mean fan-in f (connections per output neuron) is at most F, η·F/f above it.
/// </summary>
/// <remarks>
/// One SGD step moves an output neuron's pre-activation by about η·f·E[h]²·δ along the mean direction of its (non-negative, ReLU) inputs, so
/// heavy-ball SGD is stable only while η·f stays below a constant: a softmax layer fed by 333,333 ε = 10 hidden neurons has f ≈ 185,000 and at
/// η = 0.02 its first epoch's loss rose to 20 times the untrained loss (README, "Decisions"). Scaling by F/f keeps every layer's step at most
/// what a fan-in of F gets at η; with F = 1000 every layer of the Fashion-MNIST networks (fan-in ≤ 1000) keeps η exactly. Biases always use η.
/// </remarks>
internal static class LayerLearningRate
{
    /// <summary>The learning rate of <paramref name="layer"/>'s weights.</summary>
    /// <param name="layer">The layer; its mean fan-in is <see cref="Layer.ConnectionCount"/> / <see cref="Layer.Outputs"/>.</param>
    /// <param name="learningRate">η.</param>
    /// <param name="fullRateFanIn">F, the largest mean fan-in trained at η; 0 turns the scaling off.</param>
    /// <returns>η·min(1, F/f).</returns>
    public static float For(Layer layer, float learningRate, int fullRateFanIn)
    {
        double fanIn = (double)layer.ConnectionCount / layer.Outputs;
        return fullRateFanIn > 0 && fanIn > fullRateFanIn ? (float)(learningRate * (fullRateFanIn / fanIn)) : learningRate;
    }
}
