using SparseMlNet.Networks;
using SparseMlNet.Sparse;

namespace SparseMlNet.Analysis;

/// <summary>
/// Neural Network Sparse Topology Distance (NNSTD) between two sparse networks of the same shape (Liu, Mocanu, Matavalam, Pei and Pechenizkiy,
/// "Topological Insights into Sparse Neural Networks", ECML-PKDD 2020, section 3): a graph-edit distance between their bipartite layers with
/// hidden neurons matched across the networks, normalised to [0, 1].
/// </summary>
/// <remarks>
/// <para>What is computed, layer by layer from the input side:</para>
/// <list type="number">
/// <item>Each output neuron j of weight layer l is described by the set of input neurons it connects to (its "neuron tree"): A_j in the first network,
/// B_j′ in the second. The input neurons of layer 0 are the same features in both networks; for l ≥ 1 the second network's inputs are the hidden
/// neurons of layer l − 1, relabelled by the matching found there.</item>
/// <item>Two neurons differ by the normalised edit distance NED(A, B) = |A Δ B| / |A ∪ B|, the number of connections to delete and insert to turn one
/// tree into the other divided by the connections involved (0 when both sets are empty): 0 for the same inputs, 1 for disjoint inputs.</item>
/// <item>The output neurons of layer l are paired by the matching σ that minimises Σ_j NED(A_j, B_σ(j)) (<see cref="NeuronMatching"/>); the layer distance
/// is that minimum divided by the number of neurons. Output neurons of the last layer are left unmatched (σ = identity) unless
/// <see cref="NnstdOptions.MatchOutputNeurons"/> is set, because neuron k is class k in both networks.</item>
/// <item>NNSTD is the mean of the layer distances.</item>
/// </list>
/// <para>So two networks that differ only by a permutation of hidden neurons are at distance 0, and two networks with no connection in common are at
/// distance 1. Weights are ignored: only which connections exist counts. Dense layers are complete bipartite graphs (distance 0 between two dense layers).
/// This follows the paper's definition and the authors' reference implementation (github.com/Shiweiliuiiiiiii/Sparse_Topology_Distance), which also matches
/// output neurons and uses the same NED and linear assignment.</para>
/// </remarks>
public static class Nnstd
{
    /// <summary>NNSTD between two networks.</summary>
    /// <param name="first">First network.</param>
    /// <param name="second">Second network, with the same layer sizes.</param>
    /// <param name="options">Matching settings; null for the defaults.</param>
    /// <param name="cancellationToken">Checked while matching.</param>
    /// <returns>The distance, per-layer distances and matchings.</returns>
    /// <exception cref="ArgumentNullException">A network is null.</exception>
    /// <exception cref="ArgumentException">The networks' layer sizes differ (the message gives both).</exception>
    public static NnstdResult Compare(MultilayerPerceptron first, MultilayerPerceptron second, NnstdOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        RequireSameShape(first.LayerSizes, second.LayerSizes, nameof(second));
        return Compare(LayerGraph.Of(first), LayerGraph.Of(second), options, cancellationToken);
    }

    /// <summary>NNSTD between two stacks of layers (input side first), for example topologies loaded from elsewhere.</summary>
    /// <param name="first">Layers of the first network; each layer's Columns equal the previous layer's Rows.</param>
    /// <param name="second">Layers of the second network, with the same shapes.</param>
    /// <param name="options">Matching settings; null for the defaults.</param>
    /// <param name="cancellationToken">Checked while matching.</param>
    /// <returns>The distance, per-layer distances and matchings.</returns>
    /// <exception cref="ArgumentNullException">A list or layer is null.</exception>
    /// <exception cref="ArgumentException">A list is empty, consecutive layers do not chain, or the two stacks' shapes differ.</exception>
    public static NnstdResult Compare(IReadOnlyList<SparseMatrix> first, IReadOnlyList<SparseMatrix> second, NnstdOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new NnstdOptions();
        RequireSameShape(Shape(first, nameof(first)), Shape(second, nameof(second)), nameof(second));
        int layers = first.Count;
        var distances = new double[layers];
        var matchings = new IReadOnlyList<int>[layers];

        // relabel[c] = index in the first network of the second network's input neuron c (identity for the features of layer 0).
        int[] relabel = Identity(first[0].Columns);
        for (int l = 0; l < layers; l++)
        {
            bool match = l < layers - 1 || options.MatchOutputNeurons;
            var (distance, sigma) = CompareLayer(first[l], second[l], relabel, match, options.Matching, cancellationToken);
            distances[l] = distance;
            matchings[l] = sigma;
            relabel = new int[sigma.Length];
            for (int j = 0; j < sigma.Length; j++)
            {
                relabel[sigma[j]] = j;
            }
        }

        return new NnstdResult(distances.Average(), distances, matchings);
    }

    /// <summary>Normalised edit distance |A Δ B| / |A ∪ B| between two neurons' input sets, from their sizes and overlap; 0 when both are empty.</summary>
    internal static double EditDistance(int sizeA, int sizeB, int common)
    {
        int union = sizeA + sizeB - common;
        return union == 0 ? 0 : (double)(union - common) / union;
    }

    internal static void RequireSameShape(IReadOnlyList<int> a, IReadOnlyList<int> b, string parameterName)
    {
        if (!a.SequenceEqual(b))
        {
            throw new ArgumentException(
                $"NNSTD compares networks of the same shape, but the layer sizes are [{string.Join(", ", a)}] and [{string.Join(", ", b)}]; "
                + "compare networks trained with the same data and hidden layer sizes.",
                parameterName);
        }
    }

    private static int[] Shape(IReadOnlyList<SparseMatrix> layers, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(layers, parameterName);
        if (layers.Count == 0)
        {
            throw new ArgumentException("A network needs at least one layer.", parameterName);
        }

        var sizes = new int[layers.Count + 1];
        for (int l = 0; l < layers.Count; l++)
        {
            SparseMatrix layer = layers[l] ?? throw new ArgumentNullException(parameterName, $"Layer {l} is null.");
            if (l > 0 && layer.Columns != sizes[l])
            {
                throw new ArgumentException($"Layer {l} takes {layer.Columns} inputs but layer {l - 1} has {sizes[l]} outputs.", parameterName);
            }

            sizes[l] = layer.Columns;
            sizes[l + 1] = layer.Rows;
        }

        return sizes;
    }

    private static int[] Identity(int n)
    {
        var result = new int[n];
        for (int i = 0; i < n; i++)
        {
            result[i] = i;
        }

        return result;
    }

    /// <summary>Matches (or, when <paramref name="match"/> is false, pairs by index) the output neurons of one layer and returns the mean NED.</summary>
    private static (double Distance, int[] Sigma) CompareLayer(
        SparseMatrix a, SparseMatrix b, int[] relabel, bool match, NeuronMatching matching, CancellationToken cancellationToken)
    {
        int n = a.Rows;

        // Second network's connections grouped by (relabelled) input neuron: for each input of the first network's numbering, the rows of b using it.
        int[] bRowsByInput = new int[b.Nnz];
        int[] bInputPointers = new int[b.Columns + 1];
        for (int c = 0; c < b.Columns; c++)
        {
            bInputPointers[relabel[c] + 1] = b.ColumnDegree(c);
        }

        for (int c = 0; c < b.Columns; c++)
        {
            bInputPointers[c + 1] += bInputPointers[c];
        }

        for (int c = 0; c < b.Columns; c++)
        {
            int target = bInputPointers[relabel[c]];
            for (int k = b.ColumnPointers[c]; k < b.ColumnPointers[c + 1]; k++)
            {
                bRowsByInput[target++] = b.TransposedRowIndices[k];
            }
        }

        int[] sizeA = new int[n];
        int[] sizeB = new int[n];
        for (int j = 0; j < n; j++)
        {
            sizeA[j] = a.RowDegree(j);
            sizeB[j] = b.RowDegree(j);
        }

        if (!match)
        {
            int[] identity = Identity(n);
            var common = new int[n];
            double total = 0;
            for (int j = 0; j < n; j++)
            {
                int overlap = OverlapRow(a, j, bInputPointers, bRowsByInput, common, touched: null, only: j);
                total += EditDistance(sizeA[j], sizeB[j], overlap);
            }

            return (total / n, identity);
        }

        return matching == NeuronMatching.Optimal
            ? MatchOptimal(a, n, sizeA, sizeB, bInputPointers, bRowsByInput, cancellationToken)
            : MatchGreedy(a, n, sizeA, sizeB, bInputPointers, bRowsByInput, cancellationToken);
    }

    /// <summary>
    /// Counts, for row j of <paramref name="a"/>, the inputs it shares with rows of the second network: common[r] += 1 for each shared input.
    /// With <paramref name="only"/> ≥ 0 returns the overlap with that row and leaves <paramref name="common"/> clean; otherwise records touched rows.
    /// </summary>
    private static int OverlapRow(SparseMatrix a, int j, int[] bInputPointers, int[] bRowsByInput, int[] common, List<int>? touched, int only)
    {
        int[] aColumns = a.ColumnIndices;
        int overlap = 0;
        for (int k = a.RowPointers[j]; k < a.RowPointers[j + 1]; k++)
        {
            int input = aColumns[k];
            for (int t = bInputPointers[input]; t < bInputPointers[input + 1]; t++)
            {
                int r = bRowsByInput[t];
                if (only >= 0)
                {
                    if (r == only)
                    {
                        overlap++;
                    }
                }
                else if (common[r]++ == 0)
                {
                    touched!.Add(r);
                }
            }
        }

        return overlap;
    }

    private static (double, int[]) MatchOptimal(
        SparseMatrix a, int n, int[] sizeA, int[] sizeB, int[] bInputPointers, int[] bRowsByInput, CancellationToken cancellationToken)
    {
        var cost = new double[(long)n * n];
        var common = new int[n];
        var touched = new List<int>();
        for (int j = 0; j < n; j++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Span<double> row = cost.AsSpan(j * n, n);
            for (int r = 0; r < n; r++)
            {
                row[r] = sizeA[j] == 0 && sizeB[r] == 0 ? 0 : 1;
            }

            touched.Clear();
            OverlapRow(a, j, bInputPointers, bRowsByInput, common, touched, only: -1);
            foreach (int r in touched)
            {
                row[r] = EditDistance(sizeA[j], sizeB[r], common[r]);
                common[r] = 0;
            }
        }

        int[] sigma = LinearAssignment.Solve(cost, n, cancellationToken);
        double total = 0;
        for (int j = 0; j < n; j++)
        {
            total += cost[((long)j * n) + sigma[j]];
        }

        return (total / n, sigma);
    }

    private static (double, int[]) MatchGreedy(
        SparseMatrix a, int n, int[] sizeA, int[] sizeB, int[] bInputPointers, int[] bRowsByInput, CancellationToken cancellationToken)
    {
        var candidates = new List<(double Cost, int A, int B)>();
        var common = new int[n];
        var touched = new List<int>();
        for (int j = 0; j < n; j++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            touched.Clear();
            OverlapRow(a, j, bInputPointers, bRowsByInput, common, touched, only: -1);
            foreach (int r in touched)
            {
                candidates.Add((EditDistance(sizeA[j], sizeB[r], common[r]), j, r));
                common[r] = 0;
            }
        }

        candidates.Sort();
        var sigma = new int[n];
        Array.Fill(sigma, -1);
        var taken = new bool[n];
        double total = 0;
        foreach (var (cost, j, r) in candidates)
        {
            if (sigma[j] < 0 && !taken[r])
            {
                sigma[j] = r;
                taken[r] = true;
                total += cost;
            }
        }

        // Leftover pairs share no input (a sharing pair would have been taken), so they cost 1, or 0 when both neurons have no inputs: pair those first.
        var emptyB = new Queue<int>();
        var otherB = new Queue<int>();
        for (int r = 0; r < n; r++)
        {
            if (!taken[r])
            {
                (sizeB[r] == 0 ? emptyB : otherB).Enqueue(r);
            }
        }

        for (int j = 0; j < n; j++)
        {
            if (sigma[j] < 0 && sizeA[j] == 0 && emptyB.Count > 0)
            {
                sigma[j] = emptyB.Dequeue();
            }
        }

        for (int j = 0; j < n; j++)
        {
            if (sigma[j] < 0)
            {
                sigma[j] = otherB.Count > 0 ? otherB.Dequeue() : emptyB.Dequeue();
                total += 1;
            }
        }

        return (total / n, sigma);
    }
}
