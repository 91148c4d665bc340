namespace SparseMlNet.Topology;

/// <summary>Where dynamic sparse training grows new connections.</summary>
public enum GrowthKind
{
    /// <summary>Uniformly at random among the empty positions (SET; <see cref="RandomGrowth"/>).</summary>
    Random,

    /// <summary>At the empty positions with the largest loss-gradient magnitude (RigL; <see cref="GradientGrowth"/>), at zero weight.</summary>
    Gradient,
}
