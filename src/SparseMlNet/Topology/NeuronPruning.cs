using SparseMlNet.Networks;
using SparseMlNet.Networks.Layers;
using SparseMlNet.Sparse;

namespace SparseMlNet.Topology;

/// <summary>
/// Hidden-neuron importance pruning (Curci, Mocanu and Pechenizkiy, "Truly Sparse Neural Networks at Scale", 2021): after a topology-evolution
/// step, every hidden neuron whose importance — its strength, the sum of the absolute weights of its incoming and outgoing connections — is below
/// <see cref="Threshold"/> times the mean importance of its layer is removed, with its bias and all its connections; the next layer's inputs are
/// renumbered. The layers shrink, and with them the work of every later epoch and the saved model. A layer keeps at least one neuron. The
/// remaining weights, biases and connection momentum are kept (bias momentum restarts), so the pruned network computes exactly what the unpruned
/// one computes with the removed neurons' outputs forced to zero.
/// </summary>
public sealed class NeuronPruning
{
    /// <summary>Creates the rule.</summary>
    /// <param name="threshold">τ: a neuron goes when its importance is below τ × its layer's mean; Range: (0, 1).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="threshold"/> is outside (0, 1).</exception>
    public NeuronPruning(double threshold)
    {
        if (!(threshold > 0 && threshold < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(threshold), threshold, "The neuron-importance threshold must lie in (0, 1), for example 0.1 (a tenth of the layer's mean strength).");
        }

        Threshold = threshold;
    }

    /// <summary>τ, relative to the layer's mean importance.</summary>
    public double Threshold { get; }

    /// <summary>Removes the unimportant neurons of every hidden layer between two sparse layers.</summary>
    /// <param name="network">A sparse network (SET or FixProb); dense layers are left alone.</param>
    /// <returns>Neurons removed per hidden layer (index h = the outputs of layer h), 0 where none went.</returns>
    public int[] Prune(MultilayerPerceptron network)
    {
        ArgumentNullException.ThrowIfNull(network);
        var removed = new int[network.Layers.Count - 1];
        for (int h = 0; h < network.Layers.Count - 1; h++)
        {
            if (network.Layers[h] is not SparseLayer into || network.Layers[h + 1] is not SparseLayer outOf)
            {
                continue;
            }

            bool[] keep = Keep(into.Matrix, outOf.Matrix);
            int kept = keep.Count(k => k);
            if (kept == keep.Length)
            {
                continue;
            }

            network.ReplacePair(h, KeepRows(into, keep), KeepColumns(outOf, keep));
            removed[h] = keep.Length - kept;
        }

        return removed;
    }

    /// <summary>Which neurons between <paramref name="into"/> (their incoming connections, rows) and <paramref name="outOf"/> (outgoing, columns) stay.</summary>
    private bool[] Keep(SparseMatrix into, SparseMatrix outOf)
    {
        int n = into.Rows;
        var importance = new double[n];
        ReadOnlySpan<float> w = into.Weights;
        for (int j = 0; j < n; j++)
        {
            for (int k = into.RowPointers[j]; k < into.RowPointers[j + 1]; k++)
            {
                importance[j] += Math.Abs(w[k]);
            }
        }

        ReadOnlySpan<float> v = outOf.Weights;
        for (int k = 0; k < outOf.Nnz; k++)
        {
            importance[outOf.ColumnIndices[k]] += Math.Abs(v[k]);
        }

        double cut = Threshold * importance.Average();
        var keep = new bool[n];
        int best = 0;
        for (int j = 0; j < n; j++)
        {
            keep[j] = importance[j] >= cut;
            best = importance[j] > importance[best] ? j : best;
        }

        keep[best] = true; // a layer keeps at least one neuron
        return keep;
    }

    /// <summary>The layer with only the kept output neurons (rows), their biases and their connections' weights and momentum.</summary>
    private static SparseLayer KeepRows(SparseLayer layer, bool[] keep)
    {
        SparseMatrix m = layer.Matrix;
        var rowPointers = new List<int> { 0 };
        var columns = new List<int>();
        var values = new List<float>();
        var velocity = new List<float>();
        var bias = new List<float>();
        for (int r = 0; r < m.Rows; r++)
        {
            if (!keep[r])
            {
                continue;
            }

            for (int k = m.RowPointers[r]; k < m.RowPointers[r + 1]; k++)
            {
                columns.Add(m.ColumnIndices[k]);
                values.Add(m.Values[k]);
                velocity.Add(layer.Velocity[k]);
            }

            rowPointers.Add(columns.Count);
            bias.Add(layer.Bias[r]);
        }

        var matrix = SparseMatrix.FromSortedCsr(rowPointers.Count - 1, m.Columns, [.. rowPointers], [.. columns], [.. values]);
        return new SparseLayer(matrix, [.. bias], [.. velocity], layer.Initialization);
    }

    /// <summary>The layer with only the kept input neurons (columns), renumbered in order; biases unchanged.</summary>
    private static SparseLayer KeepColumns(SparseLayer layer, bool[] keep)
    {
        SparseMatrix m = layer.Matrix;
        var renumber = new int[keep.Length];
        int next = 0;
        for (int c = 0; c < keep.Length; c++)
        {
            renumber[c] = keep[c] ? next++ : -1;
        }

        var rowPointers = new int[m.Rows + 1];
        var columns = new List<int>();
        var values = new List<float>();
        var velocity = new List<float>();
        for (int r = 0; r < m.Rows; r++)
        {
            for (int k = m.RowPointers[r]; k < m.RowPointers[r + 1]; k++)
            {
                int c = renumber[m.ColumnIndices[k]];
                if (c >= 0)
                {
                    columns.Add(c);
                    values.Add(m.Values[k]);
                    velocity.Add(layer.Velocity[k]);
                }
            }

            rowPointers[r + 1] = columns.Count;
        }

        var matrix = SparseMatrix.FromSortedCsr(m.Rows, next, rowPointers, [.. columns], [.. values]);
        return new SparseLayer(matrix, layer.Bias.ToArray(), [.. velocity], layer.Initialization);
    }
}
