namespace SparseMlNet.ML.Trainers;

/// <summary>
/// The fitted SparseMlp classifier. <see cref="SparseMlpPredictionTransformerBase.Transform"/> adds, lazily, <c>Score</c> (Vector&lt;Single, K&gt; of class probabilities)
/// and <c>PredictedLabel</c> (Key&lt;UInt32, K&gt; with the training label's key values) with ML.NET's score-column annotations, so
/// <c>MulticlassClassification.Evaluate</c>, <c>MapKeyToValue</c>, <c>PredictionEngine</c> and cross-validation work unchanged.
/// </summary>
/// <remarks>
/// ML.NET keeps model loading internal to its own components, so this transformer cannot be written into an ML.NET model zip:
/// save a pipeline that contains it with <c>mlContext.Model.SaveSparseMlNet</c> and load it with <c>mlContext.Model.LoadSparseMlNet</c>.
/// </remarks>
public sealed class SparseMlpPredictionTransformer : SparseMlpPredictionTransformerBase
{
    internal SparseMlpPredictionTransformer(SparseMlpModelParameters model, string featureColumnName, string labelColumnName)
        : base(model, featureColumnName, labelColumnName)
    {
    }

    private protected override bool IsBinary => false;
}
