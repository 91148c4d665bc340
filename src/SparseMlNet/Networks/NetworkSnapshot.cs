using SparseMlNet.Networks.Layers;
using SparseMlNet.Sparse;

namespace SparseMlNet.Networks;

/// <summary>
/// A copy of a network's weights, biases and sparse topology at one moment of training, restorable into the same network
/// (early stopping keeps the best validation epoch with it). Memory O(nnz + neurons): a sparse layer's CSR topology (row pointers, columns)
/// and weight values are copied (8 + 4 bytes per connection; evolution rewrites the layer's arrays in place), and the biases.
/// </summary>
internal sealed class NetworkSnapshot
{
    private readonly (int Rows, int Columns, int[] RowPointers, int[] ColumnIndices)?[] _matrices;
    private readonly float[][] _weights;
    private readonly float[][] _biases;

    private NetworkSnapshot((int Rows, int Columns, int[] RowPointers, int[] ColumnIndices)?[] matrices, float[][] weights, float[][] biases)
    {
        _matrices = matrices;
        _weights = weights;
        _biases = biases;
    }

    /// <summary>Copies the current weights, biases and topology of <paramref name="network"/>.</summary>
    public static NetworkSnapshot Take(MultilayerPerceptron network)
    {
        int count = network.Layers.Count;
        var matrices = new (int Rows, int Columns, int[] RowPointers, int[] ColumnIndices)?[count];
        var weights = new float[count][];
        var biases = new float[count][];
        for (int l = 0; l < count; l++)
        {
            Layer layer = network.Layers[l];
            if (layer is SparseLayer { Matrix: var m })
            {
                matrices[l] = (m.Rows, m.Columns, (int[])m.RowPointers.Clone(), (int[])m.ColumnIndices.Clone());
            }

            weights[l] = (float[])layer.WeightArray.Clone();
            biases[l] = (float[])layer.Bias.Clone();
        }

        return new NetworkSnapshot(matrices, weights, biases);
    }

    /// <summary>Puts the snapshot's weights, biases and topology back into <paramref name="network"/>, the network it was taken from; momentum is reset to zero.</summary>
    /// <exception cref="ArgumentException"><paramref name="network"/> has another shape than the snapshot.</exception>
    public void Restore(MultilayerPerceptron network)
    {
        if (network.Layers.Count != _weights.Length)
        {
            throw new ArgumentException("The snapshot was taken from a network with another number of layers.", nameof(network));
        }

        for (int l = 0; l < _weights.Length; l++)
        {
            Layer layer = network.Layers[l];
            if (layer is SparseLayer sparse && _matrices[l] is { } matrix)
            {
                // Copies again: the restored layer may evolve in place, and the snapshot may be restored more than once.
                var restored = SparseMatrix.FromSortedCsr(
                    matrix.Rows, matrix.Columns, (int[])matrix.RowPointers.Clone(), (int[])matrix.ColumnIndices.Clone(), (float[])_weights[l].Clone());
                sparse.Replace(restored, new float[restored.Nnz]);
            }
            else
            {
                if (layer.WeightArray.Length != _weights[l].Length)
                {
                    throw new ArgumentException($"Layer {l} has {layer.WeightArray.Length} weights; the snapshot holds {_weights[l].Length}.", nameof(network));
                }

                _weights[l].CopyTo(layer.WeightArray, 0);
                Array.Clear(layer.WeightVelocity);
            }

            _biases[l].CopyTo(layer.Bias, 0);
            Array.Clear(layer.BiasVelocity);
        }
    }
}
