namespace SparseMlNet.FeatureSelection;

/// <summary>Which neuron strengths QuickSelection ranks features by.</summary>
public enum StrengthScoring
{
    /// <summary>
    /// The mean over all epochs of each input neuron's strength s_i = Σ_j |W_ji|, taken after every epoch's training and before SET's evolution step
    /// (so on trained weights only; the last epoch contributes the final weights). The default: SET replaces a fraction ζ of the connections every epoch
    /// with random ones, so the strength after any single epoch carries that randomness, and the mean over epochs cancels much of it. On Madelon
    /// (100 epochs, paper defaults, seeds 1–4) it put 14–18 of the 20 informative features in the top 20 against 9–15 for <see cref="FinalWeights"/>,
    /// and raised the extremely-randomised-trees accuracy on the top 20 from 0.83–0.89 to 0.88–0.90 (docs/quickselection-results.md).
    /// </summary>
    EpochAverage,

    /// <summary>The strength on the weights after the last epoch, the paper's definition (Atashgahi et al. 2022, eq. 5).</summary>
    FinalWeights,
}
