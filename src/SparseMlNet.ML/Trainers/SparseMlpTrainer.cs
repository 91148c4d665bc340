using Microsoft.ML;
using Microsoft.ML.Data;
using SparseMlNet.Training;

namespace SparseMlNet.ML.Trainers;

/// <summary>
/// ML.NET estimator that trains a truly sparse multilayer perceptron classifier: SET (Mocanu et al., Nature Communications 2018),
/// the static sparse FixProb baseline, or a dense baseline, with softmax cross-entropy. Create it with
/// <c>mlContext.MulticlassClassification.Trainers.SparseMlp(...)</c>.
/// </summary>
/// <remarks>
/// <para>Input: a label column (key, or a number that is a class index) and a known-size float vector feature column. Rows with a
/// missing label (key 0, NaN) or a NaN/infinite feature are skipped. The features are read into memory (n × d floats).</para>
/// <para>Output of the fitted <see cref="SparseMlpPredictionTransformer"/>: Score (class probabilities) and PredictedLabel.</para>
/// <para>Training is deterministic for a given <see cref="SparseMlpOptions.Seed"/> and data order; the MLContext's seed is not used
/// (ML.NET does not expose it to third-party components).</para>
/// </remarks>
public sealed class SparseMlpTrainer : IEstimator<SparseMlpPredictionTransformer>
{
    private readonly SparseMlpOptions _options;

    /// <summary>Creates the estimator; the options are validated and copied now.</summary>
    /// <param name="options">Columns, hyperparameters and monitoring.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    /// <exception cref="ArgumentException">An empty column name or an invalid hyperparameter combination (see <see cref="SparseMlpOptions.Validate"/>).</exception>
    /// <exception cref="ArgumentOutOfRangeException">A hyperparameter out of range.</exception>
    public SparseMlpTrainer(SparseMlpOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options.Clone();
    }

    /// <summary>A copy of the options this estimator trains with.</summary>
    public SparseMlpOptions Options => _options.Clone();

    /// <summary>The input shape plus Score and PredictedLabel, as a built-in ML.NET multiclass trainer would add them.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The feature column is missing or not a known-size vector of Single, the label column is missing or neither a key nor a number, or the example weight column is missing or not Single.</exception>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        SparseMlpFitting.CheckShape(_options, inputSchema);
        return TrainerShapes.GetOutputSchema(inputSchema, _options.LabelColumnName, _options.FeatureColumnName);
    }

    /// <summary>Trains on <paramref name="input"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A schema error (missing column, variable-size or non-Single feature vector, label neither key nor number, a Boolean label, example weight not Single), or a negative example weight.</exception>
    /// <exception cref="ArgumentException">No usable row, a numeric label that is not a class index, fewer than two classes present, or early stopping without validation data.</exception>
    /// <exception cref="OperationCanceledException"><see cref="SparseMlpOptions.CancellationToken"/> was cancelled.</exception>
    /// <exception cref="TrainingDivergedException">The loss became NaN or infinite (lower the learning rate).</exception>
    public SparseMlpPredictionTransformer Fit(IDataView input) => Fit(input, null);

    /// <summary>
    /// Trains on <paramref name="trainData"/>; <paramref name="validationData"/>, when given, is scored after every epoch
    /// (<see cref="EpochMetrics.ValidationLoss"/>, <see cref="EpochMetrics.ValidationAccuracy"/>) and watched by early stopping
    /// (<see cref="SparseMlpOptions.EarlyStoppingPatience"/>), in place of <see cref="SparseMlpOptions.ValidationFraction"/>.
    /// </summary>
    /// <param name="trainData">Training rows.</param>
    /// <param name="validationData">Optional rows with the same columns; never trained on.</param>
    /// <exception cref="ArgumentNullException"><paramref name="trainData"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A schema error in either view.</exception>
    /// <exception cref="ArgumentException">As <see cref="Fit(IDataView)"/>, or validation labels outside the training classes.</exception>
    /// <exception cref="OperationCanceledException"><see cref="SparseMlpOptions.CancellationToken"/> was cancelled.</exception>
    /// <exception cref="TrainingDivergedException">The loss became NaN or infinite.</exception>
    public SparseMlpPredictionTransformer Fit(IDataView trainData, IDataView? validationData)
    {
        var model = SparseMlpFitting.Fit(_options, trainData, validationData, SparseMlpFitting.LabelKind.Multiclass, "SparseMlp");
        return new SparseMlpPredictionTransformer(model, _options.FeatureColumnName, _options.LabelColumnName);
    }
}
