using SparseMlNet.Sparse;

namespace SparseMlNet.Topology;

/// <summary>Chooses which connections of a sparse layer to remove in one topology-evolution step. Implementations only score; <see cref="TopologyEvolution"/> keeps the counts exact.</summary>
public interface IPruneCriterion
{
    /// <summary>Marks the connections to remove.</summary>
    /// <param name="matrix">The layer's current connectivity and weights (CSR order).</param>
    /// <param name="zeta">ζ, the fraction to remove; Range: [0, 1).</param>
    /// <param name="remove">One flag per connection in CSR order, all false on entry; set true for each connection to remove.</param>
    /// <returns>The number of connections marked.</returns>
    int SelectForRemoval(SparseMatrix matrix, double zeta, Span<bool> remove);

    /// <summary>
    /// The exact number of connections a step with <paramref name="zeta"/> must remove from <paramref name="matrix"/>; <see cref="TopologyEvolution"/>
    /// checks <see cref="SelectForRemoval"/> against it. Default ⌊ζ·nnz⌋.
    /// </summary>
    /// <param name="matrix">The layer's connectivity and weights.</param>
    /// <param name="zeta">ζ; Range: [0, 1).</param>
    /// <returns>A count in [0, nnz].</returns>
    int RemovalCount(SparseMatrix matrix, double zeta) => (int)(zeta * matrix.Nnz);
}
