using SparseMlNet.Sparse;

namespace SparseMlNet.FeatureSelection;

/// <summary>
/// Neuron strength, the weighted degree of a neuron in a sparse layer's bipartite graph (Barrat et al., PNAS 2004), used by QuickSelection
/// (Atashgahi et al., "Quick and Robust Feature Selection: the Strength of Energy-efficient Sparse Training for Autoencoders",
/// Machine Learning 111, 2022, eq. 5) to score features: the strength of input neuron i is s_i = Σ_j |W_ji| over its remaining connections.
/// </summary>
public static class NeuronStrength
{
    /// <summary>
    /// Strength of every input neuron (column) of <paramref name="weights"/>: s_i = Σ_j |W[j, i]| over the connections of column i,
    /// read through the matrix's column (CSC) index in O(nnz + n_in). A neuron without connections has strength 0.
    /// </summary>
    /// <param name="weights">A sparse layer's weights, shape [n_out, n_in] (for QuickSelection's encoder: [hidden, features]).</param>
    /// <returns>n_in strengths, each ≥ 0, accumulated in double precision in ascending row order (so equal matrices give bit-equal strengths).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="weights"/> is null.</exception>
    public static double[] OfInputs(SparseMatrix weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        var strengths = new double[weights.Columns];
        int[] columnPointers = weights.ColumnPointers;
        int[] toCsr = weights.TransposedToCsr;
        float[] values = weights.Values;
        for (int i = 0; i < strengths.Length; i++)
        {
            double s = 0;
            for (int t = columnPointers[i]; t < columnPointers[i + 1]; t++)
            {
                s += Math.Abs(values[toCsr[t]]);
            }

            strengths[i] = s;
        }

        return strengths;
    }
}
