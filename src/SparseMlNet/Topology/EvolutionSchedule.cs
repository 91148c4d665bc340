namespace SparseMlNet.Topology;

/// <summary>
/// The evolution schedules: SET's (every epoch but the last, constant ζ; Mocanu et al. 2018) and RigL's (every ΔT epochs until a stop
/// epoch, ζ decayed by a cosine to zero; Evci et al., ICML 2020, eq. 1: ζ_t = ζ/2 · (1 + cos(π t / T_end))).
/// </summary>
public sealed class EvolutionSchedule : IEvolutionSchedule
{
    /// <summary>Creates a schedule.</summary>
    /// <param name="every">ΔT: evolve after every <paramref name="every"/>-th epoch; Range: ≥ 1.</param>
    /// <param name="stopEpoch">T_end: no evolution after this epoch; null for "until the last epoch" (which never evolves, so the returned network has no untrained connection). Range: ≥ 1.</param>
    /// <param name="cosineZeta">Whether ζ decays as ζ/2 · (1 + cos(π t / T_end)) (RigL) instead of staying constant (SET).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="every"/> or <paramref name="stopEpoch"/> below 1.</exception>
    public EvolutionSchedule(int every = 1, int? stopEpoch = null, bool cosineZeta = false)
    {
        if (every < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(every), every, "Evolve every N epochs with N ≥ 1, for example 1.");
        }

        if (stopEpoch is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(stopEpoch), stopEpoch, "The stop epoch must be at least 1, or null for the whole run.");
        }

        Every = every;
        StopEpoch = stopEpoch;
        CosineZeta = cosineZeta;
    }

    /// <summary>SET's schedule: after every epoch but the last, constant ζ.</summary>
    public static EvolutionSchedule EveryEpoch { get; } = new();

    /// <summary>ΔT in epochs; ≥ 1.</summary>
    public int Every { get; }

    /// <summary>T_end, the last epoch after which the topology may evolve, or null for the whole run (but its last epoch).</summary>
    public int? StopEpoch { get; }

    /// <summary>Whether ζ follows RigL's cosine decay.</summary>
    public bool CosineZeta { get; }

    /// <inheritdoc/>
    public bool ShouldEvolve(int epoch, int epochs) =>
        epoch < epochs && epoch % Every == 0 && (StopEpoch is not int stop || epoch <= stop);

    /// <inheritdoc/>
    public double ZetaAt(double zeta, int epoch, int epochs)
    {
        if (!CosineZeta)
        {
            return zeta;
        }

        double end = StopEpoch ?? epochs;
        return zeta / 2 * (1 + Math.Cos(Math.PI * Math.Min(epoch, end) / end));
    }
}
