using SparseMlNet.Data;
using SparseMlNet.Networks;

namespace SparseMlNet.FeatureSelection;

/// <summary>
/// A fitted NeuroFS selector: the score and rank of every feature, the k selected features (the input neurons still active at the end), the trained
/// sparse classifier, and a transform onto the selected features. Returned by
/// <see cref="NeuroFS.Fit(ReadOnlySpan{float}, ReadOnlySpan{int}, int, int, IReadOnlyList{string}, CancellationToken)"/>.
/// </summary>
public sealed class NeuroFSResult
{
    private readonly int[] _trainedFeatures;
    private readonly int[] _activeInputs;
    private readonly double[]? _frequencies;

    internal NeuroFSResult(
        FeatureSelector selector,
        MultilayerPerceptron network,
        FeatureScaler scaler,
        int[] trainedFeatures,
        int[] activeInputs,
        double finalLoss,
        double finalAccuracy,
        double inputEvolutionSeconds,
        StabilitySelection.Ensemble? ensemble = null)
    {
        _frequencies = ensemble?.Frequencies;
        RunSelections = ensemble?.RunSelections ?? [];
        RunStability = ensemble?.Stability;
        Selector = selector;
        Network = network;
        Scaler = scaler;
        _trainedFeatures = trainedFeatures;
        _activeInputs = activeInputs;
        FinalTrainLoss = finalLoss;
        FinalTrainAccuracy = finalAccuracy;
        InputEvolutionSeconds = inputEvolutionSeconds;
    }

    /// <summary>The scores, complete ranking and selection (method "NeuroFS", or "NeuroFS (ensemble of R)"); use <see cref="FeatureSelector.WithSelectedCount"/> for another k.</summary>
    public FeatureSelector Selector { get; }

    /// <summary>R, the number of networks trained (<see cref="NeuroFSOptions.Runs"/>).</summary>
    public int Runs => Math.Max(1, RunSelections.Count);

    /// <summary>
    /// Ensembles (R ≥ 2): the fraction of fits whose own k selected features hold each feature, indexed by feature, in {0, 1/R, …, 1} (the selection
    /// frequency of stability selection). Empty for a single fit.
    /// </summary>
    public ReadOnlySpan<double> Frequencies => _frequencies;

    /// <summary>Ensembles: each fit's own k selected features (strongest first), in run order; empty for a single fit.</summary>
    public IReadOnlyList<int[]> RunSelections { get; }

    /// <summary>Ensembles: how much the fits' selections agree (mean pairwise Jaccard and Kuncheva index over the R fits); null for a single fit.</summary>
    public SelectionStability? RunStability { get; }

    /// <summary>
    /// Score of every feature: for the k input neurons active at the end, their strength s_i = Σ_j |W_ji| (≥ 0); for a neuron removed during training,
    /// −1/(1 + t + s/(1 + s)) with t the evolution step of its last removal and s its strength then, in (−1/2, 0), so later-removed features rank higher;
    /// −1 for a constant feature (never trained on). Length d. Ensembles: the mean over the fits of these scores' z-scores.
    /// </summary>
    public ReadOnlySpan<double> Scores => Selector.Scores;

    /// <summary>Every feature index, best first; ties by ascending index.</summary>
    public ReadOnlySpan<int> Ranking => Selector.Ranking;

    /// <summary>The k selected features in ascending feature order (the column order of <see cref="Transform(ReadOnlySpan{float}, int)"/>).</summary>
    public ReadOnlySpan<int> SelectedIndices => Selector.SelectedIndices;

    /// <summary>The k selected features, strongest first.</summary>
    public ReadOnlySpan<int> SelectedIndicesByRank => Selector.SelectedIndicesByRank;

    /// <summary>The trained classifier, [trained features, hidden…, classes], with only k input neurons connected (an ensemble's first fit); it takes inputs scaled by <see cref="Scaler"/>.</summary>
    public MultilayerPerceptron Network { get; }

    /// <summary>The scaling fitted on the trained features (columns <see cref="TrainedFeatures"/> of the input).</summary>
    public FeatureScaler Scaler { get; }

    /// <summary>The input columns the network was trained on, ascending: all but the constant ones.</summary>
    public ReadOnlySpan<int> TrainedFeatures => _trainedFeatures;

    /// <summary>Active input neurons after each epoch (index e − 1 for epoch e); the last entry is k. An ensemble's first fit.</summary>
    public ReadOnlySpan<int> ActiveInputsPerEpoch => _activeInputs;

    /// <summary>Mean cross-entropy over the last epoch's mini-batches (dropout active), in nats; an ensemble's first fit.</summary>
    public double FinalTrainLoss { get; }

    /// <summary>Training accuracy over the last epoch's mini-batches; Range: [0, 1]; an ensemble's first fit.</summary>
    public double FinalTrainAccuracy { get; }

    /// <summary>Seconds spent evolving the input layer over all steps: the gradient pass, the chunked candidate gradients with their running top-m, removal, pruning and regrowth (summed over an ensemble's fits).</summary>
    public double InputEvolutionSeconds { get; }

    /// <summary>Keeps the selected columns of a row-major matrix, in ascending feature order. No scaling is applied.</summary>
    /// <param name="rowMajor">Features, shape [n, <paramref name="featureCount"/>].</param>
    /// <param name="featureCount">Features per row; must equal the feature count at fit time.</param>
    /// <returns>Row-major [n, k].</returns>
    /// <exception cref="ArgumentException">The feature count differs from the one at fit time, or the matrix is ragged.</exception>
    public float[] Transform(ReadOnlySpan<float> rowMajor, int featureCount) => Selector.Transform(rowMajor, featureCount);

    /// <summary>Keeps the selected columns of a data set, with their names.</summary>
    /// <param name="data">Data with the feature count at fit time.</param>
    /// <returns>A new data set with k features.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="data"/> is null.</exception>
    /// <exception cref="ArgumentException">The feature count differs from the one at fit time.</exception>
    public Dataset Transform(Dataset data) => Selector.Transform(data);
}
