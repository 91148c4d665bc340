using MathNet.Numerics.Distributions;
using SparseMlNet.Networks;
using SparseMlNet.Sparse;

namespace SparseMlNet.Analysis;

/// <summary>
/// The degree distributions an Erdős–Rényi initialisation produces, to compare a trained network's degrees against.
/// In an n_out × n_in layer whose connections exist independently with probability p (Mocanu et al. 2018, eq. 1), an output neuron's in-degree is
/// Binomial(n_in, p) and an input neuron's out-degree is Binomial(n_out, p); a hidden neuron's total degree is the sum of its independent
/// in-degree and out-degree, the convolution of the two binomials.
/// </summary>
public static class ErdosRenyiDegrees
{
    /// <summary>Binomial(<paramref name="trials"/>, <paramref name="probability"/>) probabilities of 0 … <paramref name="trials"/> (MathNet.Numerics).</summary>
    /// <param name="trials">n: possible connections of one neuron (n_in for an in-degree, n_out for an out-degree); Range: ≥ 0.</param>
    /// <param name="probability">p, the connection probability; Range: [0, 1].</param>
    /// <returns>Array of length n + 1.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="trials"/> is negative or <paramref name="probability"/> is outside [0, 1].</exception>
    public static double[] BinomialPmf(int trials, double probability)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(trials);
        if (!(probability >= 0 && probability <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(probability), probability, "A connection probability lies in [0, 1].");
        }

        var pmf = new double[trials + 1];
        for (int k = 0; k <= trials; k++)
        {
            pmf[k] = Binomial.PMF(probability, trials, k);
        }

        return pmf;
    }

    /// <summary>
    /// Connection probability of every weight layer from ε (<see cref="ErdosRenyi.Probability"/>, Mocanu et al. 2018, eq. 1): what the network's
    /// layers were sampled with when it was created with that ε.
    /// </summary>
    /// <param name="layerSizes">Neurons per layer, input first (<see cref="MultilayerPerceptron.LayerSizes"/>); at least two, each ≥ 1.</param>
    /// <param name="epsilon">ε; Range: ε &gt; 0.</param>
    /// <returns>One probability per weight layer (length layerSizes.Count − 1).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="layerSizes"/> is null.</exception>
    /// <exception cref="ArgumentException">Fewer than two layer sizes.</exception>
    /// <exception cref="ArgumentOutOfRangeException">ε is not positive and finite, or a layer size is below 1.</exception>
    public static double[] ProbabilitiesFromEpsilon(IReadOnlyList<int> layerSizes, double epsilon)
    {
        ArgumentNullException.ThrowIfNull(layerSizes);
        if (layerSizes.Count < 2)
        {
            throw new ArgumentException("Give at least an input and an output layer size.", nameof(layerSizes));
        }

        var result = new double[layerSizes.Count - 1];
        for (int l = 0; l < result.Length; l++)
        {
            result[l] = ErdosRenyi.Probability(epsilon, layerSizes[l], layerSizes[l + 1]);
        }

        return result;
    }

    /// <summary>
    /// Connection probability of every weight layer estimated from <paramref name="network"/>'s current densities nnz / (n_in·n_out), the maximum-likelihood
    /// estimate of p under an Erdős–Rényi graph. SET prunes and regrows the same number of connections, so a trained SET network's densities still give
    /// the p it was initialised with (up to sampling noise), and the binomial expectation of the initial topology can be drawn next to the trained degrees
    /// without knowing ε.
    /// </summary>
    /// <param name="network">The network.</param>
    /// <returns>One probability per weight layer.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="network"/> is null.</exception>
    public static double[] ProbabilitiesFromDensity(MultilayerPerceptron network)
    {
        ArgumentNullException.ThrowIfNull(network);
        return network.Layers.Select(l => l.Density).ToArray();
    }

    /// <summary>
    /// Expected degree distribution of neuron layer <paramref name="neuronLayer"/> in an Erdős–Rényi network (numbering and directions as in
    /// <see cref="DegreeDistribution.Of"/>).
    /// </summary>
    /// <param name="layerSizes">Neurons per layer, input first; at least two, each ≥ 1.</param>
    /// <param name="probabilities">Connection probability of every weight layer (length layerSizes.Count − 1), each in [0, 1].</param>
    /// <param name="neuronLayer">0 = inputs … layerSizes.Count − 1 = outputs.</param>
    /// <param name="direction">In, out or total degree.</param>
    /// <returns>Probabilities of degrees 0, 1, 2, … (length: the largest possible degree + 1).</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The lists' lengths do not fit, or the direction does not exist for that layer (in-degree of inputs, out-degree of outputs).</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="neuronLayer"/>, a layer size or a probability is out of range.</exception>
    public static double[] ExpectedPmf(IReadOnlyList<int> layerSizes, IReadOnlyList<double> probabilities, int neuronLayer, DegreeDirection direction)
    {
        ArgumentNullException.ThrowIfNull(layerSizes);
        ArgumentNullException.ThrowIfNull(probabilities);
        if (layerSizes.Count < 2 || probabilities.Count != layerSizes.Count - 1)
        {
            throw new ArgumentException(
                $"Give at least two layer sizes and one probability per weight layer; got {layerSizes.Count} sizes and {probabilities.Count} probabilities.",
                nameof(probabilities));
        }

        int last = layerSizes.Count - 1;
        if (neuronLayer < 0 || neuronLayer > last)
        {
            throw new ArgumentOutOfRangeException(nameof(neuronLayer), neuronLayer, $"Neuron layers run from 0 (inputs) to {last} (outputs).");
        }

        if (direction == DegreeDirection.In && neuronLayer == 0)
        {
            throw new ArgumentException("Input neurons have no in-degree; use DegreeDirection.Out or Total.", nameof(direction));
        }

        if (direction == DegreeDirection.Out && neuronLayer == last)
        {
            throw new ArgumentException("Output neurons have no out-degree; use DegreeDirection.In or Total.", nameof(direction));
        }

        foreach (int size in layerSizes)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(size, 1, nameof(layerSizes));
        }

        double[]? pmfIn = neuronLayer > 0 && direction != DegreeDirection.Out
            ? BinomialPmf(layerSizes[neuronLayer - 1], probabilities[neuronLayer - 1])
            : null;
        double[]? pmfOut = neuronLayer < last && direction != DegreeDirection.In
            ? BinomialPmf(layerSizes[neuronLayer + 1], probabilities[neuronLayer])
            : null;
        return (pmfIn, pmfOut) switch
        {
            ({ } a, { } b) => Convolve(a, b),
            ({ } a, null) => a,
            (null, { } b) => b,
            _ => throw new InvalidOperationException("Unreachable: every neuron layer has an in- or out-degree."),
        };
    }

    /// <summary>
    /// Expected degree distribution of neuron layer <paramref name="neuronLayer"/> of <paramref name="network"/>'s shape, with p per layer from its current
    /// densities (<see cref="ProbabilitiesFromDensity"/>).
    /// </summary>
    /// <param name="network">The network whose shape and densities are used.</param>
    /// <param name="neuronLayer">0 = inputs … <c>network.Layers.Count</c> = outputs.</param>
    /// <param name="direction">In, out or total degree.</param>
    /// <returns>Probabilities of degrees 0, 1, 2, ….</returns>
    /// <exception cref="ArgumentNullException"><paramref name="network"/> is null.</exception>
    /// <exception cref="ArgumentException">The direction does not exist for that layer.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="neuronLayer"/> is out of range.</exception>
    public static double[] ExpectedPmf(MultilayerPerceptron network, int neuronLayer, DegreeDirection direction)
    {
        ArgumentNullException.ThrowIfNull(network);
        return ExpectedPmf(network.LayerSizes, ProbabilitiesFromDensity(network), neuronLayer, direction);
    }

    /// <summary>Distribution of the sum of two independent degrees: (a ∗ b)[k] = Σ_j a[j]·b[k − j].</summary>
    private static double[] Convolve(double[] a, double[] b)
    {
        var result = new double[a.Length + b.Length - 1];
        for (int i = 0; i < a.Length; i++)
        {
            double ai = a[i];
            if (ai < 1e-300)
            {
                continue;
            }

            for (int j = 0; j < b.Length; j++)
            {
                result[i + j] += ai * b[j];
            }
        }

        return result;
    }
}
