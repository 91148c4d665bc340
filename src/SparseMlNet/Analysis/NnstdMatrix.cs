using SparseMlNet.Networks;
using SparseMlNet.Sparse;

namespace SparseMlNet.Analysis;

/// <summary>
/// Pairwise NNSTD (<see cref="Nnstd"/>; Liu et al., ECML-PKDD 2020) of a set of networks of one shape, for example networks evolved by SET from the same
/// initial topology with different seeds, or one network's snapshots at different epochs. Symmetric with a zero diagonal.
/// </summary>
public sealed class NnstdMatrix
{
    private readonly double[,] _distances;
    private readonly double[][,] _layerDistances;

    private NnstdMatrix(IReadOnlyList<string> labels, double[,] distances, double[][,] layerDistances)
    {
        Labels = labels;
        _distances = distances;
        _layerDistances = layerDistances;
    }

    /// <summary>One label per network, in input order.</summary>
    public IReadOnlyList<string> Labels { get; }

    /// <summary>Number of networks.</summary>
    public int Count => Labels.Count;

    /// <summary>Number of weight layers of each network.</summary>
    public int LayerCount => _layerDistances.Length;

    /// <summary>NNSTD between networks <paramref name="i"/> and <paramref name="j"/>, in [0, 1].</summary>
    public double this[int i, int j] => _distances[i, j];

    /// <summary>A copy of the matrix, [Count, Count].</summary>
    public double[,] ToArray() => (double[,])_distances.Clone();

    /// <summary>A copy of the distances of weight layer <paramref name="layer"/> alone, [Count, Count].</summary>
    /// <param name="layer">0 … <see cref="LayerCount"/> − 1.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="layer"/> is out of range.</exception>
    public double[,] LayerDistances(int layer)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(layer);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(layer, LayerCount);
        return (double[,])_layerDistances[layer].Clone();
    }

    /// <summary>Computes NNSTD for every pair i &lt; j (mirrored to j, i), pairs in parallel over the cores.</summary>
    /// <param name="networks">At least two networks with identical layer sizes.</param>
    /// <param name="labels">One label per network for charts and reports; null numbers them "1", "2", ….</param>
    /// <param name="options">Matching settings; null for the defaults.</param>
    /// <param name="progress">Receives the number of finished pairs; may be null.</param>
    /// <param name="cancellationToken">Stops between and within pairs.</param>
    /// <returns>The matrix.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="networks"/> or one of them is null.</exception>
    /// <exception cref="ArgumentException">
    /// Fewer than two networks, labels whose count differs from the networks', or a network whose layer sizes differ from the first's
    /// (the message names it and gives both shapes).
    /// </exception>
    public static NnstdMatrix Compute(
        IReadOnlyList<MultilayerPerceptron> networks,
        IReadOnlyList<string>? labels = null,
        NnstdOptions? options = null,
        IProgress<int>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(networks);
        if (networks.Count < 2)
        {
            throw new ArgumentException($"A distance matrix needs at least two networks; got {networks.Count}.", nameof(networks));
        }

        labels ??= Enumerable.Range(1, networks.Count).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        if (labels.Count != networks.Count)
        {
            throw new ArgumentException($"Give one label per network: {networks.Count} networks, {labels.Count} labels.", nameof(labels));
        }

        for (int i = 0; i < networks.Count; i++)
        {
            ArgumentNullException.ThrowIfNull(networks[i], nameof(networks));
            try
            {
                Nnstd.RequireSameShape(networks[0].LayerSizes, networks[i].LayerSizes, nameof(networks));
            }
            catch (ArgumentException ex)
            {
                throw new ArgumentException($"Network '{labels[i]}' differs in shape from network '{labels[0]}': {ex.Message}", nameof(networks), ex);
            }
        }

        SparseMatrix[][] graphs = networks.Select(LayerGraph.Of).ToArray();
        int count = networks.Count;
        int layerCount = graphs[0].Length;
        var distances = new double[count, count];
        var layerDistances = new double[layerCount][,];
        for (int l = 0; l < layerCount; l++)
        {
            layerDistances[l] = new double[count, count];
        }

        var pairs = new List<(int I, int J)>();
        for (int i = 0; i < count; i++)
        {
            for (int j = i + 1; j < count; j++)
            {
                pairs.Add((i, j));
            }
        }

        int done = 0;
        Parallel.ForEach(
            pairs,
            new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = Environment.ProcessorCount },
            pair =>
            {
                NnstdResult result = Nnstd.Compare(graphs[pair.I], graphs[pair.J], options, cancellationToken);
                distances[pair.I, pair.J] = distances[pair.J, pair.I] = result.Distance;
                for (int l = 0; l < layerCount; l++)
                {
                    layerDistances[l][pair.I, pair.J] = layerDistances[l][pair.J, pair.I] = result.LayerDistances[l];
                }

                progress?.Report(Interlocked.Increment(ref done));
            });
        return new NnstdMatrix(labels.ToArray(), distances, layerDistances);
    }
}
