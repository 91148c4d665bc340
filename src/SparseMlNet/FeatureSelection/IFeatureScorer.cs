using SparseMlNet.Data;

namespace SparseMlNet.FeatureSelection;

/// <summary>
/// A feature-selection method as the evaluation protocol and the benchmark see it (the scikit-learn <c>SelectKBest(score_func, k)</c> split): fit on one data set,
/// score every feature, and let the one top-k chooser, <see cref="FeatureSelector"/>, rank them and keep the k best. QuickSelection, the baselines
/// (<see cref="FeatureScorer"/>: random, variance, Laplacian score, mutual information) and later supervised selectors (NeuroFS) all take this shape.
/// </summary>
public interface IFeatureScorer
{
    /// <summary>Name for reports and tables, for example "Variance" or "QuickSelection (ensemble of 10)"; unique within one comparison.</summary>
    string Method { get; }

    /// <summary>Whether the method reads the labels (supervised); false methods see the features only, and the evaluation may give them unlabelled data.</summary>
    bool UsesLabels { get; }

    /// <summary>Fits the method and selects the <paramref name="selectedCount"/> best features.</summary>
    /// <param name="data">Training data [n, d]; unsupervised methods ignore its labels.</param>
    /// <param name="selectedCount">k; Range: [1, d). Methods that do not depend on k still use it for <see cref="FeatureSelector.SelectedCount"/>.</param>
    /// <param name="seed">Seed of every random choice; equal seeds and data give equal selections.</param>
    /// <param name="cancellationToken">Stops long fits (throws <see cref="OperationCanceledException"/>).</param>
    /// <returns>A selector with a score for every feature and the top k chosen.</returns>
    /// <exception cref="ArgumentException">Data the method cannot use (each method documents its own: too few rows, non-finite values, a single class for supervised methods).</exception>
    /// <exception cref="ArgumentOutOfRangeException">k outside the method's range.</exception>
    FeatureSelector Fit(Dataset data, int selectedCount, int seed, CancellationToken cancellationToken = default);
}
