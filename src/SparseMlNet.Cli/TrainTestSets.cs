using SparseMlNet.Data;

namespace SparseMlNet.Cli;

/// <summary>The raw (unscaled) training and test sets of a <c>train</c> run and where they came from.</summary>
/// <param name="Train">Training rows.</param>
/// <param name="Test">Test rows, scored after every epoch.</param>
/// <param name="ClassNames">Class names saved with the model, or null when the labels are the classes (IDX files).</param>
/// <param name="TrainSource">Where the training rows came from, for the run description.</param>
/// <param name="TestSource">Where the test rows came from (a file or the hold-out split).</param>
internal sealed record TrainTestSets(Dataset Train, Dataset Test, IReadOnlyList<string>? ClassNames, string TrainSource, string TestSource);
