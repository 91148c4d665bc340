using SparseMlNet.Data;
using SparseMlNet.Networks;

namespace SparseMlNet.FeatureSelection;

/// <summary>
/// A fitted QuickSelection selector: the strength score and rank of every feature, the k selected features, the trained sparse autoencoder and its topology,
/// and a transform onto the selected features. Returned by <see cref="QuickSelection.Fit(ReadOnlySpan{float}, int, int, IReadOnlyList{string}, CancellationToken)"/>.
/// </summary>
public sealed class QuickSelectionResult
{
    private readonly int[] _trainedFeatures;
    private readonly double[]? _frequencies;

    internal QuickSelectionResult(
        FeatureSelector selector,
        MultilayerPerceptron autoencoder,
        FeatureScaler scaler,
        int[] trainedFeatures,
        AutoencoderTopology topology,
        double finalLoss,
        StabilitySelection.Ensemble? ensemble)
    {
        _frequencies = ensemble?.Frequencies;
        RunSelections = ensemble?.RunSelections ?? [];
        RunStability = ensemble?.Stability;
        Selector = selector;
        Autoencoder = autoencoder;
        Scaler = scaler;
        _trainedFeatures = trainedFeatures;
        Topology = topology;
        FinalReconstructionLoss = finalLoss;
    }

    /// <summary>The scores, complete ranking and selection (method "QuickSelection"); use <see cref="FeatureSelector.WithSelectedCount"/> for another k.</summary>
    public FeatureSelector Selector { get; }

    /// <summary>R, the number of autoencoders trained (<see cref="QuickSelectionOptions.Runs"/>).</summary>
    public int Runs => Math.Max(1, RunSelections.Count);

    /// <summary>
    /// Ensembles (R ≥ 2): the fraction of runs whose own top k (k = the selected count at fit time) holds each feature, indexed by feature, in {0, 1/R, …, 1}
    /// (the selection frequency of stability selection). Empty for a single run.
    /// </summary>
    public ReadOnlySpan<double> Frequencies => _frequencies;

    /// <summary>Ensembles: each run's own top k (feature indices, strongest first), in run order; empty for a single run.</summary>
    public IReadOnlyList<int[]> RunSelections { get; }

    /// <summary>Ensembles: how much the runs' top k agree (mean pairwise Jaccard and Kuncheva index over the R runs); null for a single run or k = d.</summary>
    public SelectionStability? RunStability { get; }

    /// <summary>Single run: the strength of every feature's input neuron, s_i = Σ_j |W_ji| over its encoder connections after the last epoch (0 for a feature without connections or dropped as constant); ensemble: the mean over runs of the strengths' z-scores.</summary>
    public ReadOnlySpan<double> Scores => Selector.Scores;


    /// <summary>Every feature index, strongest first; ties by ascending index.</summary>
    public ReadOnlySpan<int> Ranking => Selector.Ranking;

    /// <summary>The k selected features in ascending feature order (the column order of <see cref="Transform(ReadOnlySpan{float}, int)"/>).</summary>
    public ReadOnlySpan<int> SelectedIndices => Selector.SelectedIndices;

    /// <summary>The k selected features, strongest first.</summary>
    public ReadOnlySpan<int> SelectedIndicesByRank => Selector.SelectedIndicesByRank;

    /// <summary>The trained denoising autoencoder (an ensemble's first run), [trained features, hidden, trained features]; it takes inputs scaled by <see cref="Scaler"/>.</summary>
    public MultilayerPerceptron Autoencoder { get; }

    /// <summary>The scaling fitted on the trained features (columns <see cref="TrainedFeatures"/> of the input).</summary>
    public FeatureScaler Scaler { get; }

    /// <summary>The input columns the autoencoder was trained on, ascending: all of them unless constant features were dropped.</summary>
    public ReadOnlySpan<int> TrainedFeatures => _trainedFeatures;

    /// <summary>Connectivity of the trained autoencoder (an ensemble's first run).</summary>
    public AutoencoderTopology Topology { get; }

    /// <summary>Mean squared reconstruction error per element of the last epoch's mini-batches (an ensemble's first run) (noisy inputs, dropout active), in scaled units.</summary>
    public double FinalReconstructionLoss { get; }

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
