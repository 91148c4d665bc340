using Microsoft.ML;
using Microsoft.ML.Data;
using SparseMlNet.ML.Schema;
using SparseMlNet.Training;

namespace SparseMlNet.ML.Trainers;

/// <summary>
/// ML.NET binary classification estimator: a truly sparse MLP (SET, Mocanu et al., Nature Communications 2018; FixProb; or dense) with a
/// two-class softmax output trained by cross-entropy. Create it with <c>mlContext.BinaryClassification.Trainers.SparseMlp(...)</c>.
/// </summary>
/// <remarks>
/// <para>Input: a Boolean label column (true = positive class), a known-size float vector feature column and, optionally, a Single example
/// weight column. Rows with a NaN/infinite feature or a NaN weight are skipped.</para>
/// <para>Output of the fitted <see cref="SparseMlpBinaryPredictionTransformer"/>, the columns <c>BinaryClassification.Evaluate</c> reads:
/// <c>Score</c> (Single, the log-odds ln(p₁/p₀) of the two softmax outputs), <c>Probability</c> (Single, p₁ = P(label = true)) and
/// <c>PredictedLabel</c> (Boolean, p₁ &gt; ½, i.e. Score &gt; 0). The probability is the network's own softmax output, not a separately fitted calibrator.</para>
/// </remarks>
public sealed class SparseMlpBinaryTrainer : SparseMlpTrainerBase<SparseMlpBinaryPredictionTransformer>
{
    private static readonly Lazy<MLContext> ShapeContext = new(() => new MLContext(seed: 0));

    /// <summary>Creates the estimator; the options are validated and copied now.</summary>
    /// <param name="options">Columns, hyperparameters and monitoring (the same options as the multiclass trainer).</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    /// <exception cref="ArgumentException">An empty column name or an invalid hyperparameter combination.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A hyperparameter out of range.</exception>
    public SparseMlpBinaryTrainer(SparseMlpOptions options)
        : base(options)
    {
    }

    /// <summary>The input shape plus Score, Probability and PredictedLabel, as ML.NET's calibrated binary trainers add them.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A missing or mistyped feature, label (must be Boolean) or example weight column.</exception>
    public override SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        var feature = SchemaErrors.Find(inputSchema, "feature", TrainingOptions.FeatureColumnName);
        SchemaErrors.RequireKnownSizeFloatVector(feature, "feature");
        var label = SchemaErrors.Find(inputSchema, "label", TrainingOptions.LabelColumnName);
        if (label.Kind != SchemaShape.Column.VectorKind.Scalar || label.ItemType != BooleanDataViewType.Instance)
        {
            throw SchemaErrors.Mismatch("label", label.Name, "Boolean (for two classes coded otherwise, convert them to a Boolean, or use MulticlassClassification.Trainers.SparseMlp)", SchemaErrors.Describe(label));
        }

        SparseMlpFitting.CheckShape(TrainingOptions, inputSchema);

        // ML.NET does not let third parties construct SchemaShape columns: take them from an equivalent calibrated binary trainer.
        var equivalent = ShapeContext.Value.BinaryClassification.Trainers.LbfgsLogisticRegression(TrainingOptions.LabelColumnName, TrainingOptions.FeatureColumnName);
        var output = equivalent.GetOutputSchema(inputSchema);
        string[] added = [AnnotationNames.ScoreColumn, AnnotationNames.ProbabilityColumn, AnnotationNames.PredictedLabelColumn];
        var columns = inputSchema.Where(c => !added.Contains(c.Name)).ToList();
        columns.AddRange(output.Where(c => added.Contains(c.Name)));
        return new SchemaShape(columns);
    }

    private protected override SparseMlpFitting.LabelKind LabelKind => SparseMlpFitting.LabelKind.Binary;

    private protected override string ChannelName => "SparseMlpBinary";

    private protected override SparseMlpBinaryPredictionTransformer Create(SparseMlpModelParameters model) => new(model, TrainingOptions.FeatureColumnName, TrainingOptions.LabelColumnName);
}
