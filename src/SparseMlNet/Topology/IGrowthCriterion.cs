using SparseMlNet.Sparse;

namespace SparseMlNet.Topology;

/// <summary>Chooses where new connections grow in one topology-evolution step (uniformly at random for SET; by gradient for RigL-style policies).</summary>
public interface IGrowthCriterion
{
    /// <summary>Chooses <paramref name="positions"/>.Length distinct empty positions.</summary>
    /// <param name="matrix">The layer's connectivity before pruning.</param>
    /// <param name="removed">Connections (CSR order) being removed in this step: their positions count as empty.</param>
    /// <param name="random">Seeded random source.</param>
    /// <param name="positions">Receives row-major positions row·n_in + column, each empty and distinct.</param>
    void SelectNew(SparseMatrix matrix, ReadOnlySpan<bool> removed, Random random, Span<long> positions);
}
