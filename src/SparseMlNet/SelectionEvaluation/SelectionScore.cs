using SparseMlNet.FeatureSelection;

namespace SparseMlNet.SelectionEvaluation;

/// <summary>How good one feature selection is, as <see cref="SelectionEvaluator"/> or <see cref="SelectionComparison"/> measured it.</summary>
/// <param name="Method">The selector's method name.</param>
/// <param name="SelectedCount">k.</param>
/// <param name="Accuracy">Accuracy of the extremely-randomised-trees classifier on the selected features, in [0, 1]: on the test set, or the mean over cross-validation folds.</param>
/// <param name="AccuracyStdDev">Population standard deviation of the fold accuracies; 0 for a single held-out test set.</param>
/// <param name="ClusteringAccuracy">Mean k-means clustering accuracy (clusters matched to classes by the Hungarian method) on the selected features, in [0, 1].</param>
/// <param name="ClusteringStdDev">Population standard deviation over the clustering runs (or, in a comparison, over the folds' means).</param>
/// <param name="Protocol">"holdout", "5-fold CV" or "5 x 5-fold stratified CV" (for example).</param>
/// <param name="Seconds">Mean wall-clock seconds of one fit of the selector (0 when not timed).</param>
/// <param name="Stability">Agreement of the top k over the fits (one per fold and repeat), or null with a single fit.</param>
/// <param name="Parts">
/// In a <see cref="SelectionComparison"/>, every test part in protocol order, with its rows, the fit's top k and its accuracy, so that another evaluator
/// (for example scikit-learn's, see the selection benchmark's <c>--export-selections</c>) can score exactly the same selections; null from <see cref="SelectionEvaluator"/>.
/// </param>
public sealed record SelectionScore(
    string Method,
    int SelectedCount,
    double Accuracy,
    double AccuracyStdDev,
    double ClusteringAccuracy,
    double ClusteringStdDev,
    string Protocol,
    double Seconds = 0,
    SelectionStability? Stability = null,
    IReadOnlyList<SelectionPart>? Parts = null);
