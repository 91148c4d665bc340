using SparseMlNet.Networks;
using SparseMlNet.Sparse;

namespace SparseMlNet.Analysis;

/// <summary>
/// The degrees of the neurons of one neuron layer and their histogram: the quantity whose shape SET changes from the binomial of an
/// Erdős–Rényi initialisation toward a heavy, power-law-like tail (Mocanu et al., "Scalable training of artificial neural networks with adaptive
/// sparse connectivity inspired by network science", Nature Communications 9, 2383, 2018).
/// </summary>
/// <remarks>
/// Neuron layers are numbered as in <see cref="MultilayerPerceptron.LayerSizes"/>: 0 is the input layer, 1 … L−1 the hidden layers and
/// L = <c>Layers.Count</c> the output layer. Weight layer l (<c>network.Layers[l]</c>) connects neuron layer l to neuron layer l + 1, so the in-degree of a
/// neuron in layer h is its row degree in weight layer h − 1 and its out-degree is its column degree in weight layer h.
/// A dense layer counts as a complete bipartite graph.
/// </remarks>
public sealed class DegreeDistribution
{
    private readonly int[] _degrees;
    private readonly int[] _counts;

    private DegreeDistribution(int[] degrees)
    {
        _degrees = degrees;
        int max = 0;
        int min = int.MaxValue;
        double sum = 0;
        foreach (int d in degrees)
        {
            max = Math.Max(max, d);
            min = Math.Min(min, d);
            sum += d;
        }

        _counts = new int[max + 1];
        foreach (int d in degrees)
        {
            _counts[d]++;
        }

        Mean = sum / degrees.Length;
        double squares = 0;
        foreach (int d in degrees)
        {
            squares += (d - Mean) * (d - Mean);
        }

        Variance = squares / degrees.Length;
        Min = min;
        Max = max;
    }

    /// <summary>The degree of every neuron, in neuron order.</summary>
    public IReadOnlyList<int> Degrees => _degrees;

    /// <summary>Number of neurons.</summary>
    public int NeuronCount => _degrees.Length;

    /// <summary>Smallest degree.</summary>
    public int Min { get; }

    /// <summary>Largest degree.</summary>
    public int Max { get; }

    /// <summary>Mean degree.</summary>
    public double Mean { get; }

    /// <summary>Population variance of the degrees (divided by the neuron count).</summary>
    public double Variance { get; }

    /// <summary>Histogram: <c>Counts[k]</c> is the number of neurons of degree k, for k = 0 … <see cref="Max"/>.</summary>
    public IReadOnlyList<int> Counts => _counts;

    /// <summary>Fraction of neurons whose degree is <paramref name="degree"/>, in [0, 1]; 0 outside [0, <see cref="Max"/>].</summary>
    public double Fraction(int degree) => degree >= 0 && degree < _counts.Length ? _counts[degree] / (double)_degrees.Length : 0;

    /// <summary>Builds the distribution of a list of degrees.</summary>
    /// <param name="degrees">Degree of every neuron; at least one value, each ≥ 0.</param>
    /// <exception cref="ArgumentException"><paramref name="degrees"/> is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A degree is negative.</exception>
    public static DegreeDistribution FromDegrees(ReadOnlySpan<int> degrees)
    {
        if (degrees.IsEmpty)
        {
            throw new ArgumentException("A degree distribution needs at least one neuron.", nameof(degrees));
        }

        foreach (int d in degrees)
        {
            if (d < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(degrees), d, "Degrees are connection counts and cannot be negative.");
            }
        }

        return new DegreeDistribution(degrees.ToArray());
    }

    /// <summary>In-degrees (fan-in, <see cref="SparseMatrix.RowDegree"/>) of the output neurons of one layer: length n_out.</summary>
    /// <param name="layer">The layer's connectivity.</param>
    /// <exception cref="ArgumentNullException"><paramref name="layer"/> is null.</exception>
    public static DegreeDistribution InDegrees(SparseMatrix layer)
    {
        ArgumentNullException.ThrowIfNull(layer);
        var degrees = new int[layer.Rows];
        for (int r = 0; r < degrees.Length; r++)
        {
            degrees[r] = layer.RowDegree(r);
        }

        return new DegreeDistribution(degrees);
    }

    /// <summary>Out-degrees (fan-out, <see cref="SparseMatrix.ColumnDegree"/>) of the input neurons of one layer: length n_in.</summary>
    /// <param name="layer">The layer's connectivity.</param>
    /// <exception cref="ArgumentNullException"><paramref name="layer"/> is null.</exception>
    public static DegreeDistribution OutDegrees(SparseMatrix layer)
    {
        ArgumentNullException.ThrowIfNull(layer);
        var degrees = new int[layer.Columns];
        for (int c = 0; c < degrees.Length; c++)
        {
            degrees[c] = layer.ColumnDegree(c);
        }

        return new DegreeDistribution(degrees);
    }

    /// <summary>Degrees of the neurons of neuron layer <paramref name="neuronLayer"/> of <paramref name="network"/>.</summary>
    /// <param name="network">The network.</param>
    /// <param name="neuronLayer">0 = inputs, 1 … L−1 = hidden layers, L = outputs, where L = <c>network.Layers.Count</c>.</param>
    /// <param name="direction">In, out or total degree.</param>
    /// <exception cref="ArgumentNullException"><paramref name="network"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="neuronLayer"/> is outside [0, L].</exception>
    /// <exception cref="ArgumentException">In-degree of the input layer or out-degree of the output layer, which do not exist.</exception>
    public static DegreeDistribution Of(MultilayerPerceptron network, int neuronLayer, DegreeDirection direction)
    {
        ArgumentNullException.ThrowIfNull(network);
        int last = network.Layers.Count;
        if (neuronLayer < 0 || neuronLayer > last)
        {
            throw new ArgumentOutOfRangeException(
                nameof(neuronLayer), neuronLayer, $"The network has neuron layers 0 (inputs) to {last} (outputs); choose one of them.");
        }

        if (direction == DegreeDirection.In && neuronLayer == 0)
        {
            throw new ArgumentException("Input neurons have no in-degree; use DegreeDirection.Out or Total for neuron layer 0.", nameof(direction));
        }

        if (direction == DegreeDirection.Out && neuronLayer == last)
        {
            throw new ArgumentException($"Output neurons have no out-degree; use DegreeDirection.In or Total for neuron layer {last}.", nameof(direction));
        }

        bool countIn = neuronLayer > 0 && direction != DegreeDirection.Out;
        bool countOut = neuronLayer < last && direction != DegreeDirection.In;
        var degrees = new int[network.LayerSizes[neuronLayer]];
        if (countIn)
        {
            var incoming = LayerGraph.Of(network.Layers[neuronLayer - 1]);
            for (int i = 0; i < degrees.Length; i++)
            {
                degrees[i] += incoming.RowDegree(i);
            }
        }

        if (countOut)
        {
            var outgoing = LayerGraph.Of(network.Layers[neuronLayer]);
            for (int i = 0; i < degrees.Length; i++)
            {
                degrees[i] += outgoing.ColumnDegree(i);
            }
        }

        return new DegreeDistribution(degrees);
    }

    /// <summary>
    /// Kolmogorov–Smirnov distance max_k |F(k) − G(k)| between this distribution's empirical CDF F and the CDF G of <paramref name="pmf"/>,
    /// for example the binomial expectation of <see cref="ErdosRenyiDegrees"/>; in [0, 1], 0 when they agree at every degree.
    /// </summary>
    /// <param name="pmf">Probabilities of degrees 0, 1, 2, …; non-negative, summing to 1 up to rounding (missing degrees have probability 0).</param>
    /// <exception cref="ArgumentNullException"><paramref name="pmf"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="pmf"/> has a negative or non-finite entry.</exception>
    public double KolmogorovSmirnovDistance(IReadOnlyList<double> pmf)
    {
        ValidatePmf(pmf);
        int end = Math.Max(_counts.Length, pmf.Count);
        double observed = 0;
        double expected = 0;
        double distance = 0;
        for (int k = 0; k < end; k++)
        {
            observed += k < _counts.Length ? _counts[k] / (double)_degrees.Length : 0;
            expected += k < pmf.Count ? pmf[k] : 0;
            distance = Math.Max(distance, Math.Abs(observed - expected));
        }

        return Math.Min(1, distance);
    }

    /// <summary>
    /// Total variation distance ½ Σ_k |f(k) − g(k)| between this distribution's histogram f (as fractions) and <paramref name="pmf"/> g; in [0, 1],
    /// 1 when they share no degree.
    /// </summary>
    /// <param name="pmf">Probabilities of degrees 0, 1, 2, …; non-negative (missing degrees have probability 0).</param>
    /// <exception cref="ArgumentNullException"><paramref name="pmf"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="pmf"/> has a negative or non-finite entry.</exception>
    public double TotalVariationDistance(IReadOnlyList<double> pmf)
    {
        ValidatePmf(pmf);
        int end = Math.Max(_counts.Length, pmf.Count);
        double sum = 0;
        for (int k = 0; k < end; k++)
        {
            sum += Math.Abs(Fraction(k) - (k < pmf.Count ? pmf[k] : 0));
        }

        return Math.Min(1, sum / 2);
    }

    private static void ValidatePmf(IReadOnlyList<double> pmf)
    {
        ArgumentNullException.ThrowIfNull(pmf);
        for (int k = 0; k < pmf.Count; k++)
        {
            if (!(pmf[k] >= 0) || double.IsInfinity(pmf[k]))
            {
                throw new ArgumentException($"Probability of degree {k} is {pmf[k]}; a probability mass function needs finite non-negative values.", nameof(pmf));
            }
        }
    }
}
