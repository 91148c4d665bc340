namespace SparseMlNet.Topology;

/// <summary>
/// When a dynamic sparse training run evolves its topology and with which ζ (the shape of rigl's <c>UpdateSchedule</c>, Evci et al., ICML 2020):
/// the training loop asks after every epoch (<see cref="ShouldEvolve"/>) and, for schedules counted in mini-batches, after every mini-batch
/// (<see cref="ShouldEvolveAfterBatch"/>); the prune-and-grow step itself belongs to <see cref="TopologyEvolution"/>.
/// </summary>
public interface IEvolutionSchedule
{
    /// <summary>Whether to evolve after <paramref name="epoch"/> of a run of <paramref name="epochs"/> epochs.</summary>
    /// <param name="epoch">The 1-based epoch just trained.</param>
    /// <param name="epochs">Epochs of the run.</param>
    /// <returns>True to run the step now.</returns>
    bool ShouldEvolve(int epoch, int epochs);

    /// <summary>ζ of the step after <paramref name="epoch"/>, given the policy's base <paramref name="zeta"/>.</summary>
    /// <param name="zeta">The policy's ζ; Range: [0, 1).</param>
    /// <param name="epoch">The 1-based epoch just trained.</param>
    /// <param name="epochs">Epochs of the run.</param>
    /// <returns>ζ in [0, <paramref name="zeta"/>].</returns>
    double ZetaAt(double zeta, int epoch, int epochs);

    /// <summary>
    /// Whether to evolve after mini-batch <paramref name="step"/> of the run (RigL's ΔT counted in update steps), with the gradient of that mini-batch.
    /// Epoch-based schedules never do (the default).
    /// </summary>
    /// <param name="step">t, the 1-based mini-batch just trained, counted over the whole run: (epoch − 1) · batchesPerEpoch + batch.</param>
    /// <param name="batchesPerEpoch">Mini-batches per epoch; ≥ 1.</param>
    /// <param name="epochs">Epochs of the run, so the run has epochs · batchesPerEpoch steps.</param>
    /// <returns>True to run the step now.</returns>
    bool ShouldEvolveAfterBatch(long step, int batchesPerEpoch, int epochs) => false;

    /// <summary>ζ of the step after mini-batch <paramref name="step"/>; see <see cref="ShouldEvolveAfterBatch"/>. Default: <paramref name="zeta"/>.</summary>
    /// <param name="zeta">The policy's ζ; Range: [0, 1).</param>
    /// <param name="step">t, the 1-based mini-batch just trained, counted over the run.</param>
    /// <param name="batchesPerEpoch">Mini-batches per epoch; ≥ 1.</param>
    /// <param name="epochs">Epochs of the run.</param>
    /// <returns>ζ in [0, <paramref name="zeta"/>].</returns>
    double ZetaAtBatch(double zeta, long step, int batchesPerEpoch, int epochs) => zeta;
}
