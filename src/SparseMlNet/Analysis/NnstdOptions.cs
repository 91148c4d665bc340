namespace SparseMlNet.Analysis;

/// <summary>Settings of <see cref="Nnstd"/>.</summary>
public sealed record NnstdOptions
{
    /// <summary>How neurons are paired across the two networks; default <see cref="NeuronMatching.Optimal"/>.</summary>
    public NeuronMatching Matching { get; init; } = NeuronMatching.Optimal;

    /// <summary>
    /// Whether the output neurons are matched like hidden ones. Default false: output neuron k is class k in both networks, so, like the input
    /// neurons (feature i in both), they are compared as they stand. True reproduces the reference implementation of Liu et al., which matches
    /// the neurons of every layer including the last.
    /// </summary>
    public bool MatchOutputNeurons { get; init; }
}
