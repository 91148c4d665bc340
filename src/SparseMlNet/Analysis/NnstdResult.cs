namespace SparseMlNet.Analysis;

/// <summary>The sparse topology distance between two networks and how it was obtained.</summary>
/// <param name="Distance">NNSTD: the mean of <paramref name="LayerDistances"/>; in [0, 1], 0 for identical topologies (up to a relabelling of hidden neurons).</param>
/// <param name="LayerDistances">One distance per weight layer, input side first: the mean normalised edit distance between matched neurons' input sets, in [0, 1].</param>
/// <param name="Matchings">
/// Per weight layer, the matching of its output neurons: <c>Matchings[l][j]</c> is the neuron of the second network paired with neuron j of the first.
/// The identity for the output layer unless <see cref="NnstdOptions.MatchOutputNeurons"/> is set.
/// </param>
public sealed record NnstdResult(double Distance, IReadOnlyList<double> LayerDistances, IReadOnlyList<IReadOnlyList<int>> Matchings);
