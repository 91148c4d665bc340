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
public sealed class SparseMlpTrainer : SparseMlpTrainerBase<SparseMlpPredictionTransformer>
{
    /// <summary>Creates the estimator; the options are validated and copied now.</summary>
    /// <param name="options">Columns, hyperparameters and monitoring.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    /// <exception cref="ArgumentException">An empty column name or an invalid hyperparameter combination (see <see cref="SparseMlpOptions.Validate"/>).</exception>
    /// <exception cref="ArgumentOutOfRangeException">A hyperparameter out of range.</exception>
    public SparseMlpTrainer(SparseMlpOptions options)
        : base(options)
    {
    }

    /// <summary>The input shape plus Score and PredictedLabel, as a built-in ML.NET multiclass trainer would add them.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The feature column is missing or not a known-size vector of Single, the label column is missing or neither a key nor a number, or the example weight column is missing or not Single.</exception>
    public override SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        SparseMlpFitting.CheckShape(TrainingOptions, inputSchema);
        return TrainerShapes.GetOutputSchema(inputSchema, TrainingOptions.LabelColumnName, TrainingOptions.FeatureColumnName);
    }

    private protected override SparseMlpFitting.LabelKind LabelKind => SparseMlpFitting.LabelKind.Multiclass;

    private protected override string ChannelName => "SparseMlp";

    private protected override SparseMlpPredictionTransformer Create(SparseMlpModelParameters model) => new(model, TrainingOptions.FeatureColumnName, TrainingOptions.LabelColumnName);
}
