namespace SparseMlNet.Topology;

/// <summary>
/// The evolution schedules: SET's (every epoch but the last, constant ζ; Mocanu et al. 2018) and RigL's (every ΔT epochs, or every ΔT mini-batches,
/// until a stop epoch, ζ decayed by a cosine to zero; Evci et al., ICML 2020, eq. 1: ζ_t = ζ/2 · (1 + cos(π t / T_end))). With ΔT in mini-batches,
/// t and T_end count mini-batches (T_end = stop epoch × batches per epoch), so ζ decays over the evolution steps themselves, as in RigL.
/// </summary>
public sealed class EvolutionSchedule : IEvolutionSchedule
{
    /// <summary>Creates a schedule counted in epochs.</summary>
    /// <param name="every">ΔT: evolve after every <paramref name="every"/>-th epoch; Range: ≥ 1.</param>
    /// <param name="stopEpoch">T_end: no evolution after this epoch; null for "until the last epoch" (which never evolves, so the returned network has no untrained connection). Range: ≥ 1.</param>
    /// <param name="cosineZeta">Whether ζ decays as ζ/2 · (1 + cos(π t / T_end)) (RigL) instead of staying constant (SET).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="every"/> or <paramref name="stopEpoch"/> below 1.</exception>
    public EvolutionSchedule(int every = 1, int? stopEpoch = null, bool cosineZeta = false)
        : this(every, null, stopEpoch, cosineZeta)
    {
    }

    private EvolutionSchedule(int every, int? everyBatches, int? stopEpoch, bool cosineZeta)
    {
        if (every < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(every), every, "Evolve every N epochs with N ≥ 1, for example 1.");
        }

        if (everyBatches is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(everyBatches), everyBatches, "Evolve every ΔT mini-batches with ΔT ≥ 1, for example 100 (RigL's).");
        }

        if (stopEpoch is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(stopEpoch), stopEpoch, "The stop epoch must be at least 1, or null for the whole run.");
        }

        Every = every;
        EveryBatches = everyBatches;
        StopEpoch = stopEpoch;
        CosineZeta = cosineZeta;
    }

    /// <summary>SET's schedule: after every epoch but the last, constant ζ.</summary>
    public static EvolutionSchedule EveryEpoch { get; } = new();

    /// <summary>ΔT in epochs; ≥ 1. 1 (and unused) when the schedule counts mini-batches (<see cref="EveryBatches"/>).</summary>
    public int Every { get; }

    /// <summary>ΔT in mini-batches (RigL's), or null when the schedule counts epochs (<see cref="Every"/>).</summary>
    public int? EveryBatches { get; }

    /// <summary>T_end, the last epoch after which (or within which) the topology may evolve, or null for the whole run (but its last epoch, or last mini-batch).</summary>
    public int? StopEpoch { get; }

    /// <summary>Whether ζ follows RigL's cosine decay.</summary>
    public bool CosineZeta { get; }

    /// <summary>A schedule counted in mini-batches: evolve after every <paramref name="everyBatches"/>-th mini-batch of the run (never after the run's last), with that mini-batch's gradient.</summary>
    /// <param name="everyBatches">ΔT in mini-batches; Range: ≥ 1. RigL uses 100 on ImageNet and CIFAR-10.</param>
    /// <param name="stopEpoch">T_end in epochs: no evolution after the end of this epoch; null for the whole run. Range: ≥ 1.</param>
    /// <param name="cosineZeta">Whether ζ decays by RigL's cosine over the mini-batch steps, reaching 0 at T_end.</param>
    /// <returns>The schedule.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="everyBatches"/> or <paramref name="stopEpoch"/> below 1.</exception>
    public static EvolutionSchedule EveryBatchesOf(int everyBatches, int? stopEpoch = null, bool cosineZeta = false) => new(1, everyBatches, stopEpoch, cosineZeta);

    /// <inheritdoc/>
    public bool ShouldEvolve(int epoch, int epochs) =>
        EveryBatches is null && epoch < epochs && epoch % Every == 0 && (StopEpoch is not int stop || epoch <= stop);

    /// <inheritdoc/>
    public double ZetaAt(double zeta, int epoch, int epochs) => Cosine(zeta, epoch, StopEpoch ?? epochs);

    /// <inheritdoc/>
    public bool ShouldEvolveAfterBatch(long step, int batchesPerEpoch, int epochs) =>
        EveryBatches is int every && step % every == 0 && step < (long)epochs * batchesPerEpoch && (StopEpoch is not int stop || step <= (long)stop * batchesPerEpoch);

    /// <inheritdoc/>
    public double ZetaAtBatch(double zeta, long step, int batchesPerEpoch, int epochs) => Cosine(zeta, step, (long)(StopEpoch ?? epochs) * batchesPerEpoch);

    private double Cosine(double zeta, long t, long end) => CosineZeta ? zeta / 2 * (1 + Math.Cos(Math.PI * Math.Min(t, end) / end)) : zeta;
}
