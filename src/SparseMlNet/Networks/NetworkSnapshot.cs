using SparseMlNet.Networks.Layers;
using SparseMlNet.Sparse;

namespace SparseMlNet.Networks;

/// <summary>
/// A copy of a network's weights, biases and sparse topology at one moment of training, restorable into the same network
/// (early stopping keeps the best validation epoch with it). Memory O(nnz + neurons): a sparse layer's topology is shared with the
/// <see cref="SparseMatrix"/> in force when the snapshot was taken (evolution replaces matrices, it never edits their indices), and only
/// its weight values and the biases are copied.
/// </summary>
internal sealed class NetworkSnapshot
{
    private readonly SparseMatrix?[] _matrices;
    private readonly float[][] _weights;
    private readonly float[][] _biases;

    private NetworkSnapshot(SparseMatrix?[] matrices, float[][] weights, float[][] biases)
    {
        _matrices = matrices;
        _weights = weights;
        _biases = biases;
    }

    /// <summary>Copies the current weights, biases and topology of <paramref name="network"/>.</summary>
    public static NetworkSnapshot Take(MultilayerPerceptron network)
    {
        int count = network.Layers.Count;
        var matrices = new SparseMatrix?[count];
        var weights = new float[count][];
        var biases = new float[count][];
        for (int l = 0; l < count; l++)
        {
            Layer layer = network.Layers[l];
            matrices[l] = (layer as SparseLayer)?.Matrix;
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
            if (layer is SparseLayer sparse && _matrices[l] is SparseMatrix matrix)
            {
                var restored = SparseMatrix.FromSortedCsr(matrix.Rows, matrix.Columns, matrix.RowPointers, matrix.ColumnIndices, (float[])_weights[l].Clone());
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
