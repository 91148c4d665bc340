using SparseMlNet.Data;
using SparseMlNet.Networks;
using SparseMlNet.Sparse;

namespace SparseMlNet.Analysis;

/// <summary>
/// How strongly each input feature is wired into the network: the number of first-layer connections of each input neuron (its fan-out) and their
/// total absolute weight (its strength). Under SET an input that carries no signal loses connections epoch after epoch, so on images the map of
/// connection counts converges on the informative pixels (Mocanu et al., Nature Communications 2018, Fig. 4 for MNIST), and on tabular data the
/// ranking selects features (the strength criterion of QuickSelection: Atashgahi et al., Machine Learning 111, 2022).
/// </summary>
public sealed class InputConnectivity
{
    private readonly int[] _connections;
    private readonly double[] _strength;

    private InputConnectivity(int[] connections, double[] strength)
    {
        _connections = connections;
        _strength = strength;
    }

    /// <summary>Number of input neurons (n_in of the first layer).</summary>
    public int InputCount => _connections.Length;

    /// <summary>Connections of each input neuron: its column degree in the first layer.</summary>
    public IReadOnlyList<int> Connections => _connections;

    /// <summary>Strength of each input neuron: Σ |w| over its first-layer connections.</summary>
    public IReadOnlyList<double> Strength => _strength;

    /// <summary>Counts and strengths of the input neurons of <paramref name="network"/>'s first layer (a dense first layer gives n_out connections per input).</summary>
    /// <param name="network">The network.</param>
    /// <exception cref="ArgumentNullException"><paramref name="network"/> is null.</exception>
    public static InputConnectivity Of(MultilayerPerceptron network)
    {
        ArgumentNullException.ThrowIfNull(network);
        return Of(LayerGraph.Of(network.Layers[0]));
    }

    /// <summary>Counts and strengths of the input neurons (columns) of one layer, read from its CSC index in O(nnz + n_in).</summary>
    /// <param name="layer">The layer's connectivity and weights.</param>
    /// <exception cref="ArgumentNullException"><paramref name="layer"/> is null.</exception>
    public static InputConnectivity Of(SparseMatrix layer)
    {
        ArgumentNullException.ThrowIfNull(layer);
        var connections = new int[layer.Columns];
        var strength = new double[layer.Columns];
        int[] pointers = layer.ColumnPointers;
        int[] toCsr = layer.TransposedToCsr;
        float[] values = layer.Values;
        for (int c = 0; c < connections.Length; c++)
        {
            connections[c] = pointers[c + 1] - pointers[c];
            double sum = 0;
            for (int k = pointers[c]; k < pointers[c + 1]; k++)
            {
                sum += Math.Abs(values[toCsr[k]]);
            }

            strength[c] = sum;
        }

        return new InputConnectivity(connections, strength);
    }

    /// <summary>The chosen quantity of every input, in input order.</summary>
    /// <param name="quantity">Connections or strength.</param>
    public double[] Values(InputMapQuantity quantity) => quantity switch
    {
        InputMapQuantity.Connections => _connections.Select(c => (double)c).ToArray(),
        InputMapQuantity.Strength => (double[])_strength.Clone(),
        _ => throw new ArgumentOutOfRangeException(nameof(quantity), quantity, "Choose Connections or Strength."),
    };

    /// <summary>
    /// The quantity reshaped to an image, summed over channels: element [row, column] belongs to the pixel at that position.
    /// </summary>
    /// <param name="shape">Image layout; its Height·Width·Channels must equal <see cref="InputCount"/>.</param>
    /// <param name="quantity">Connections or strength.</param>
    /// <returns>Array [Height, Width].</returns>
    /// <exception cref="ArgumentException">The shape does not cover exactly <see cref="InputCount"/> inputs (the message gives both numbers).</exception>
    public double[,] ToImage(ImageShape shape, InputMapQuantity quantity)
    {
        shape.Validate(InputCount, nameof(shape));
        double[] values = Values(quantity);
        var image = new double[shape.Height, shape.Width];
        for (int i = 0; i < values.Length; i++)
        {
            int pixel = i / shape.Channels;
            image[pixel / shape.Width, pixel % shape.Width] += values[i];
        }

        return image;
    }

    /// <summary>Input indices sorted by the quantity, largest first (ties by lower index).</summary>
    /// <param name="quantity">Connections or strength.</param>
    /// <returns>A permutation of 0 … <see cref="InputCount"/> − 1.</returns>
    public int[] Ranking(InputMapQuantity quantity)
    {
        double[] values = Values(quantity);
        var order = new int[values.Length];
        for (int i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        Array.Sort(order, (a, b) => values[a] != values[b] ? values[b].CompareTo(values[a]) : a.CompareTo(b));
        return order;
    }
}
