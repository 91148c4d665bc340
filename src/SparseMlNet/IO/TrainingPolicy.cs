using SparseMlNet.Networks;
using SparseMlNet.Topology;
using SparseMlNet.Training;

namespace SparseMlNet.IO;

/// <summary>
/// The dynamic-sparse-training policy and schedule a SET model was trained with, as saved in the model file (format version 2 on;
/// docs/model-format.md): how it regrew connections, how much and when it evolved, and whether (and how much) hidden-neuron pruning shrank it.
/// Informational: prediction does not use it. Models written in format 1, by FixProb or dense training, or with a custom
/// <see cref="MlpTrainerOptions.Evolution"/> policy have none.
/// </summary>
/// <param name="Growth">Where new connections grew: random (SET) or gradient (RigL).</param>
/// <param name="Zeta">ζ, the base fraction replaced per step; Range: [0, 1).</param>
/// <param name="ZetaSchedule">Constant ζ (SET) or RigL's cosine decay.</param>
/// <param name="EvolveEvery">ΔT in epochs; ≥ 1 (1 when <paramref name="EvolveEveryBatches"/> is set).</param>
/// <param name="EvolveEveryBatches">ΔT in mini-batches, or null when evolution was per epoch.</param>
/// <param name="EvolutionStopEpoch">T_end, or null for the whole run.</param>
/// <param name="NeuronPruneThreshold">τ of hidden-neuron pruning, or null when it was off.</param>
/// <param name="EvolveOutputLayer">Whether the output layer evolved too.</param>
/// <param name="NeuronsRemoved">Neurons removed per hidden layer (index h: the outputs of layer h), or null when not recorded.</param>
public sealed record TrainingPolicy(
    GrowthKind Growth,
    double Zeta,
    ZetaSchedule ZetaSchedule,
    int EvolveEvery,
    int? EvolveEveryBatches,
    int? EvolutionStopEpoch,
    double? NeuronPruneThreshold,
    bool EvolveOutputLayer,
    IReadOnlyList<int>? NeuronsRemoved)
{
    /// <summary>The policy of <paramref name="options"/> with the neurons <paramref name="network"/> lost against <see cref="MlpTrainerOptions.HiddenLayerSizes"/>.</summary>
    /// <param name="options">The options the network was trained with.</param>
    /// <param name="network">The trained network.</param>
    /// <returns>The policy, or null when the network did not evolve by the options' own policy (FixProb, dense, or a custom <see cref="MlpTrainerOptions.Evolution"/>).</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static TrainingPolicy? From(MlpTrainerOptions options, MultilayerPerceptron network)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(network);
        if (options.Kind != NetworkKind.Set || options.Evolution is not null)
        {
            return null;
        }

        int[]? removed = options.HiddenLayerSizes.Count == network.Layers.Count - 1
            ? [.. options.HiddenLayerSizes.Select((size, h) => size - network.Layers[h].Outputs)]
            : null;
        return new TrainingPolicy(
            options.Growth, options.Zeta, options.ZetaSchedule, options.EvolveEvery, options.EvolveEveryBatches, options.EvolutionStopEpoch,
            options.NeuronPruneThreshold, options.EvolveOutputLayer, removed);
    }

    /// <summary>Records compare by value, including <see cref="NeuronsRemoved"/> element by element.</summary>
    /// <param name="other">The other policy.</param>
    /// <returns>Whether every field is equal.</returns>
    public bool Equals(TrainingPolicy? other) =>
        other is not null && Growth == other.Growth && Zeta.Equals(other.Zeta) && ZetaSchedule == other.ZetaSchedule && EvolveEvery == other.EvolveEvery
        && EvolveEveryBatches == other.EvolveEveryBatches && EvolutionStopEpoch == other.EvolutionStopEpoch && NeuronPruneThreshold.Equals(other.NeuronPruneThreshold)
        && EvolveOutputLayer == other.EvolveOutputLayer
        && (NeuronsRemoved is null ? other.NeuronsRemoved is null : other.NeuronsRemoved is not null && NeuronsRemoved.SequenceEqual(other.NeuronsRemoved));

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Growth, Zeta, ZetaSchedule, EvolveEvery, EvolveEveryBatches, EvolutionStopEpoch, NeuronPruneThreshold, EvolveOutputLayer);
}
