using SparseMlNet.Sparse;

namespace SparseMlNet.Topology;

/// <summary>A growth criterion that needs the loss gradient at empty positions (RigL, Evci et al., ICML 2020): <see cref="TopologyEvolution"/> hands it a <see cref="LayerGradient"/>.</summary>
public interface IGradientGrowthCriterion : IGrowthCriterion
{
    /// <summary>Chooses <paramref name="positions"/>.Length distinct empty positions using <paramref name="gradient"/>.</summary>
    /// <param name="matrix">The layer's connectivity before pruning.</param>
    /// <param name="removed">Connections (CSR order) removed in this step: their positions count as empty.</param>
    /// <param name="gradient">The layer's loss gradient from the last mini-batch.</param>
    /// <param name="random">Seeded random source (for ties or sampling).</param>
    /// <param name="positions">Receives row-major positions row·n_in + column, each empty and distinct.</param>
    void SelectNew(SparseMatrix matrix, ReadOnlySpan<bool> removed, LayerGradient gradient, Random random, Span<long> positions);
}
