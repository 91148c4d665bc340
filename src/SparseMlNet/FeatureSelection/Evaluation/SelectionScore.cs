namespace SparseMlNet.FeatureSelection.Evaluation;

/// <summary>How good one feature selection is, as <see cref="SelectionEvaluator"/> measured it.</summary>
/// <param name="Method">The selector's method name.</param>
/// <param name="SelectedCount">k.</param>
/// <param name="Accuracy">Accuracy of the extremely-randomised-trees classifier on the selected features, in [0, 1]: on the test set, or the mean over cross-validation folds.</param>
/// <param name="AccuracyStdDev">Population standard deviation of the fold accuracies; 0 for a single held-out test set.</param>
/// <param name="ClusteringAccuracy">Mean k-means clustering accuracy (clusters matched to classes by the Hungarian algorithm) on the selected features, in [0, 1].</param>
/// <param name="ClusteringStdDev">Population standard deviation over the clustering runs.</param>
/// <param name="Protocol">"holdout" or "5-fold CV" (for example).</param>
public sealed record SelectionScore(
    string Method, int SelectedCount, double Accuracy, double AccuracyStdDev, double ClusteringAccuracy, double ClusteringStdDev, string Protocol);
