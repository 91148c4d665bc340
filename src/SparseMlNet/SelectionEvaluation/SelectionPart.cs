namespace SparseMlNet.SelectionEvaluation;

/// <summary>One test part of a <see cref="SelectionComparison"/>: where it came from, what the selector fitted on the other rows chose, and how the trees scored it.</summary>
/// <param name="TestRows">
/// The part's rows, 0-based and ascending: rows of the data given to <see cref="SelectionComparison.Run"/> (that data followed by the small test set when the
/// two were pooled for cross-validation), or rows of the test set under the "holdout" protocol. The training part is every other row.
/// </param>
/// <param name="TrainRowCount">Rows of the training part the selector and the trees were fitted on.</param>
/// <param name="SelectedByRank">The k selected features, 0-based column indices (label excluded), strongest first.</param>
/// <param name="Accuracy">The mean accuracy of the <see cref="SelectionEvaluationOptions.Forests"/> forests on this part, in [0, 1].</param>
public sealed record SelectionPart(IReadOnlyList<int> TestRows, int TrainRowCount, IReadOnlyList<int> SelectedByRank, double Accuracy);
