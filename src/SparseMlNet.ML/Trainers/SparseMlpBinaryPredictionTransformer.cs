namespace SparseMlNet.ML.Trainers;

/// <summary>
/// The fitted binary SparseMlp classifier. <see cref="SparseMlpPredictionTransformerBase.Transform"/> adds, lazily, <c>Score</c> (Single, log-odds ln(p₁/p₀)),
/// <c>Probability</c> (Single, p₁) and <c>PredictedLabel</c> (Boolean) with ML.NET's binary score-column annotations, so
/// <c>BinaryClassification.Evaluate</c> (AUC, F1, log-loss, …), <c>CrossValidate</c> and <c>PredictionEngine</c> work unchanged.
/// Rows with a NaN or infinite feature get NaN Score and Probability and PredictedLabel false.
/// </summary>
/// <remarks>Like the multiclass transformer, it cannot be written into an ML.NET model zip: save a pipeline that contains it with <c>mlContext.Model.SaveSparseMlNet</c>.</remarks>
public sealed class SparseMlpBinaryPredictionTransformer : SparseMlpPredictionTransformerBase
{
    internal SparseMlpBinaryPredictionTransformer(SparseMlpModelParameters model, string featureColumnName, string labelColumnName)
        : base(CheckBinary(model), featureColumnName, labelColumnName)
    {
    }

    private protected override bool IsBinary => true;

    private static SparseMlpModelParameters CheckBinary(SparseMlpModelParameters model)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (model.ClassCount != 2)
        {
            throw new ArgumentException($"A binary model has two outputs; this one has {model.ClassCount}.", nameof(model));
        }

        return model;
    }
}
