namespace SparseMlNet.Topology;

/// <summary>What one topology-evolution step did to one layer.</summary>
/// <param name="Removed">Connections removed (= <paramref name="Added"/>: nnz stays constant).</param>
/// <param name="Added">Connections grown.</param>
/// <param name="Nnz">Connections after the step.</param>
public readonly record struct EvolutionStep(int Removed, int Added, int Nnz);
