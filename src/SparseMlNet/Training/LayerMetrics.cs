namespace SparseMlNet.Training;

/// <summary>Connectivity of one layer at the end of an epoch.</summary>
/// <param name="Inputs">n_in.</param>
/// <param name="Outputs">n_out.</param>
/// <param name="Nnz">Connections.</param>
/// <param name="Density">nnz / (n_in·n_out).</param>
public readonly record struct LayerMetrics(int Inputs, int Outputs, long Nnz, double Density);
