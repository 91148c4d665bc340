using SparseMlNet.Networks;
using SparseMlNet.Networks.Activations;
using SparseMlNet.Networks.Layers;
using SparseMlNet.Networks.Losses;
using SparseMlNet.Sparse;

namespace SparseMlNet.Tests.Analysis;

/// <summary>Builds small networks with hand-chosen connections for the topology analyses.</summary>
internal static class TopologyBuilders
{
    /// <summary>A layer [rows = n_out, columns = n_in] holding the given (output, input) connections, each with weight <paramref name="weight"/>.</summary>
    public static SparseMatrix Layer(int rows, int columns, IEnumerable<(int Row, int Column)> connections, float weight = 1f)
    {
        var list = connections.ToArray();
        return SparseMatrix.FromCoordinates(
            rows, columns, list.Select(c => c.Row).ToArray(), list.Select(c => c.Column).ToArray(), Enumerable.Repeat(weight, list.Length).ToArray());
    }

    /// <summary>A layer from explicit weights per connection.</summary>
    public static SparseMatrix Layer(int rows, int columns, IEnumerable<(int Row, int Column, float Weight)> connections)
    {
        var list = connections.ToArray();
        return SparseMatrix.FromCoordinates(
            rows, columns, list.Select(c => c.Row).ToArray(), list.Select(c => c.Column).ToArray(), list.Select(c => c.Weight).ToArray());
    }

    /// <summary>A SET network whose layers are exactly <paramref name="layers"/> (input side first).</summary>
    public static MultilayerPerceptron Network(params SparseMatrix[] layers)
    {
        var built = layers.Select(m => (Layer)new SparseLayer(m, new float[m.Rows], new float[m.Nnz], WeightInitialization.HeUniform)).ToList();
        var activations = Enumerable.Range(1, layers.Length)
            .Select(l => Activation.Create(l == layers.Length ? ActivationKind.Identity : ActivationKind.Relu, l))
            .ToList();
        return new MultilayerPerceptron(NetworkKind.Set, built, activations, LossKind.SoftmaxCrossEntropy);
    }

    /// <summary>
    /// A copy of <paramref name="layers"/> whose hidden neurons of every hidden layer are renumbered by <paramref name="permutations"/>[h]
    /// (old index i becomes permutations[h][i]): the same graph under other labels.
    /// </summary>
    public static SparseMatrix[] PermuteHidden(SparseMatrix[] layers, int[][] permutations)
    {
        var result = new SparseMatrix[layers.Length];
        for (int l = 0; l < layers.Length; l++)
        {
            int[]? rowMap = l < layers.Length - 1 ? permutations[l] : null;
            int[]? columnMap = l > 0 ? permutations[l - 1] : null;
            var m = layers[l];
            var rows = new List<int>();
            var columns = new List<int>();
            var weights = new List<float>();
            for (int r = 0; r < m.Rows; r++)
            {
                for (int k = m.RowOffsets[r]; k < m.RowOffsets[r + 1]; k++)
                {
                    rows.Add(rowMap is null ? r : rowMap[r]);
                    int c = m.ConnectionColumns[k];
                    columns.Add(columnMap is null ? c : columnMap[c]);
                    weights.Add(m.Weights[k]);
                }
            }

            result[l] = SparseMatrix.FromCoordinates(m.Rows, m.Columns, rows.ToArray(), columns.ToArray(), weights.ToArray());
        }

        return result;
    }

    /// <summary>An Erdős–Rényi layer drawn with a seeded generator.</summary>
    public static SparseMatrix Random(int rows, int columns, double probability, int seed)
    {
        var (pointers, cols) = ErdosRenyi.SampleTopology(columns, rows, probability, new Random(seed));
        var rowIndices = new int[cols.Length];
        for (int r = 0; r < rows; r++)
        {
            for (int k = pointers[r]; k < pointers[r + 1]; k++)
            {
                rowIndices[k] = r;
            }
        }

        var random = new Random(seed + 1);
        var weights = cols.Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
        return SparseMatrix.FromCoordinates(rows, columns, rowIndices, cols, weights);
    }
}
