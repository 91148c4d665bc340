namespace SparseMlNet.Topology;

/// <summary>How ζ changes over a run (<see cref="EvolutionSchedule"/>).</summary>
public enum ZetaSchedule
{
    /// <summary>Constant ζ, as SET (Mocanu et al. 2018).</summary>
    Constant,

    /// <summary>Cosine decay to zero at the stop epoch, as RigL (Evci et al., ICML 2020): ζ_t = ζ/2 · (1 + cos(π t / T_end)).</summary>
    Cosine,
}
