namespace SparseMlNet.Analysis;

/// <summary>
/// The degree analysis of one neuron layer in one direction (a row of <see cref="TopologyReport.Degrees"/>): the trained degrees, the initial degrees
/// when the initial topology is known, the Erdős–Rényi binomial expectation, and the power-law fit of the trained tail.
/// </summary>
/// <param name="NeuronLayer">0 = inputs, 1 … L−1 = hidden layers, L = outputs.</param>
/// <param name="Direction">In (fan-in) or out (fan-out).</param>
/// <param name="LayerName">"Input layer", "Hidden layer 1", …, "Output layer".</param>
/// <param name="Trained">Degrees of the analysed network.</param>
/// <param name="Initial">Degrees of the same network's initial topology; null when it was not given.</param>
/// <param name="ErdosRenyiPmf">Binomial probability of each degree 0 … n for an Erdős–Rényi layer of the same density (<see cref="ErdosRenyiDegrees.ExpectedPmf(Networks.MultilayerPerceptron, int, DegreeDirection)"/>).</param>
/// <param name="PowerLaw">Discrete power-law fit of the trained degrees' tail (Clauset et al. 2009); null when the degrees have too few distinct positive values.</param>
public sealed record LayerDegrees(
    int NeuronLayer,
    DegreeDirection Direction,
    string LayerName,
    DegreeDistribution Trained,
    DegreeDistribution? Initial,
    IReadOnlyList<double> ErdosRenyiPmf,
    PowerLawFit? PowerLaw)
{
    /// <summary>"in" or "out", as in file names (degree-layer1-in) and the statistics files.</summary>
    public string DirectionName => Direction == DegreeDirection.In ? "in" : "out";

    /// <summary>Kolmogorov–Smirnov distance of the trained degrees from the binomial; Range: [0, 1].</summary>
    public double KolmogorovSmirnovToErdosRenyi => Trained.KolmogorovSmirnovDistance(ErdosRenyiPmf);

    /// <summary>Total-variation distance of the trained degrees from the binomial; Range: [0, 1].</summary>
    public double TotalVariationToErdosRenyi => Trained.TotalVariationDistance(ErdosRenyiPmf);
}
