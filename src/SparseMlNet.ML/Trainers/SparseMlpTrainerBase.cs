using Microsoft.ML;
using Microsoft.ML.Data;
using SparseMlNet.Training;

namespace SparseMlNet.ML.Trainers;

/// <summary>
/// What the SparseMlp estimators (<see cref="SparseMlpTrainer"/>, <see cref="SparseMlpBinaryTrainer"/>) share: the validated, copied options
/// and the training call; they differ in the label they accept and the score columns their transformer adds.
/// </summary>
/// <typeparam name="TTransformer">The fitted transformer.</typeparam>
public abstract class SparseMlpTrainerBase<TTransformer> : IEstimator<TTransformer>
    where TTransformer : SparseMlpPredictionTransformerBase
{
    private readonly SparseMlpOptions _options;

    private protected SparseMlpTrainerBase(SparseMlpOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options.Clone();
    }

    /// <summary>A copy of the options this estimator trains with.</summary>
    public SparseMlpOptions Options => _options.Clone();

    /// <summary>The options, not copied (for the derived estimators).</summary>
    private protected SparseMlpOptions TrainingOptions => _options;

    /// <summary>The input shape plus the score columns the fitted transformer adds.</summary>
    /// <param name="inputSchema">The input shape.</param>
    /// <returns>The output shape.</returns>
    public abstract SchemaShape GetOutputSchema(SchemaShape inputSchema);

    /// <summary>Trains on <paramref name="input"/>.</summary>
    /// <param name="input">Training rows.</param>
    /// <returns>The fitted transformer.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">
    /// A schema error (missing column, variable-size or non-Single feature vector, example weight not Single; multiclass: a label neither key nor number, or a
    /// Boolean label; binary: a label that is not Boolean), or a negative example weight.
    /// </exception>
    /// <exception cref="ArgumentException">
    /// No usable row, fewer than two classes present, or early stopping without validation data; multiclass: a numeric label that is not a class index.
    /// </exception>
    /// <exception cref="OperationCanceledException"><see cref="SparseMlpOptions.CancellationToken"/> was cancelled.</exception>
    /// <exception cref="TrainingDivergedException">The loss became NaN or infinite (lower the learning rate).</exception>
    public TTransformer Fit(IDataView input) => Fit(input, null);

    /// <summary>
    /// Trains on <paramref name="trainData"/>; <paramref name="validationData"/>, when given, is scored after every epoch
    /// (<see cref="EpochMetrics.ValidationLoss"/>, <see cref="EpochMetrics.ValidationAccuracy"/>) and watched by early stopping
    /// (<see cref="SparseMlpOptions.EarlyStoppingPatience"/>), in place of <see cref="SparseMlpOptions.ValidationFraction"/>.
    /// </summary>
    /// <param name="trainData">Training rows.</param>
    /// <param name="validationData">Optional rows with the same columns; never trained on.</param>
    /// <returns>The fitted transformer.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="trainData"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A schema error in either view.</exception>
    /// <exception cref="ArgumentException">As <see cref="Fit(IDataView)"/>, or validation labels outside the training classes.</exception>
    /// <exception cref="OperationCanceledException"><see cref="SparseMlpOptions.CancellationToken"/> was cancelled.</exception>
    /// <exception cref="TrainingDivergedException">The loss became NaN or infinite.</exception>
    public TTransformer Fit(IDataView trainData, IDataView? validationData) => Create(SparseMlpFitting.Fit(_options, trainData, validationData, LabelKind, ChannelName));

    private protected abstract SparseMlpFitting.LabelKind LabelKind { get; }

    private protected abstract string ChannelName { get; }

    private protected abstract TTransformer Create(SparseMlpModelParameters model);
}
