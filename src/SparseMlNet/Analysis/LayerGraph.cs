using SparseMlNet.Networks;
using SparseMlNet.Networks.Layers;
using SparseMlNet.Sparse;

namespace SparseMlNet.Analysis;

/// <summary>
/// The bipartite graph of a layer as a <see cref="SparseMatrix"/>, whatever the layer's storage: a sparse layer's own matrix, or every
/// n_out·n_in connection of a dense layer (so the analyses treat a dense baseline as the complete bipartite graph it is).
/// </summary>
internal static class LayerGraph
{
    /// <summary>The connections and weights of <paramref name="layer"/>, rows = output neurons, columns = input neurons.</summary>
    /// <exception cref="NotSupportedException">A layer type the analyses do not know.</exception>
    public static SparseMatrix Of(Layer layer)
    {
        switch (layer)
        {
            case SparseLayer sparse:
                return sparse.Matrix;
            case DenseLayer dense:
                {
                    int rows = dense.Outputs;
                    int columns = dense.Inputs;
                    var rowPointers = new int[rows + 1];
                    var columnIndices = new int[(long)rows * columns];
                    for (int r = 0; r < rows; r++)
                    {
                        rowPointers[r + 1] = (r + 1) * columns;
                        for (int c = 0; c < columns; c++)
                        {
                            columnIndices[(r * columns) + c] = c;
                        }
                    }

                    return SparseMatrix.FromSortedCsr(rows, columns, rowPointers, columnIndices, dense.WeightsRowMajor.ToArray());
                }

            default:
                throw new NotSupportedException($"Layer type {layer.GetType().Name} is not supported by the topology analyses.");
        }
    }

    /// <summary>The graphs of every layer of <paramref name="network"/>, input side first.</summary>
    public static SparseMatrix[] Of(MultilayerPerceptron network)
    {
        ArgumentNullException.ThrowIfNull(network);
        var result = new SparseMatrix[network.Layers.Count];
        for (int l = 0; l < result.Length; l++)
        {
            result[l] = Of(network.Layers[l]);
        }

        return result;
    }
}
