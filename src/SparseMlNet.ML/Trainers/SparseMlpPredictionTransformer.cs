using Microsoft.ML;
using Microsoft.ML.Data;
using SparseMlNet.ML.Persistence;
using SparseMlNet.ML.Scoring;

namespace SparseMlNet.ML.Trainers;

/// <summary>
/// The fitted SparseMlp classifier. <see cref="Transform"/> adds, lazily, <c>Score</c> (Vector&lt;Single, K&gt; of class probabilities)
/// and <c>PredictedLabel</c> (Key&lt;UInt32, K&gt; with the training label's key values) with ML.NET's score-column annotations, so
/// <c>MulticlassClassification.Evaluate</c>, <c>MapKeyToValue</c>, <c>PredictionEngine</c> and cross-validation work unchanged.
/// </summary>
/// <remarks>
/// ML.NET keeps model loading internal to its own components, so this transformer cannot be written into an ML.NET model zip:
/// save a pipeline that contains it with <see cref="SparseMlNetModelOperations.SaveSparseMlNet(ModelOperationsCatalog, ITransformer, DataViewSchema, string)"/>
/// and load it with <see cref="SparseMlNetModelOperations.LoadSparseMlNet(ModelOperationsCatalog, string, out DataViewSchema)"/>.
/// </remarks>
public sealed class SparseMlpPredictionTransformer : ISingleFeaturePredictionTransformer<SparseMlpModelParameters>, ISparseMlpScorer
{
    internal SparseMlpPredictionTransformer(SparseMlpModelParameters model, string featureColumnName, string labelColumnName)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentException.ThrowIfNullOrWhiteSpace(featureColumnName);
        Model = model;
        FeatureColumnName = featureColumnName;
        LabelColumnName = labelColumnName;
        FeatureColumnType = new VectorDataViewType(NumberDataViewType.Single, model.FeatureCount);
    }

    /// <summary>The trained network and label values.</summary>
    public SparseMlpModelParameters Model { get; }

    /// <summary>Name of the feature column the model reads.</summary>
    public string FeatureColumnName { get; }

    /// <summary>Vector&lt;Single, FeatureCount&gt;.</summary>
    public DataViewType FeatureColumnType { get; }

    /// <summary>Name of the label column the model was trained on (not read when scoring).</summary>
    public string LabelColumnName { get; }

    /// <inheritdoc/>
    bool ISparseMlpScorer.IsBinary => false;

    /// <summary>Always true: the scorer maps row to row.</summary>
    public bool IsRowToRowMapper => true;

    /// <summary>The input columns followed by Score and PredictedLabel.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The feature column is missing, not a vector of Single, or of another length than at training.</exception>
    public DataViewSchema GetOutputSchema(DataViewSchema inputSchema) => ScoringBinding.Create(inputSchema, FeatureColumnName, Model).Output;

    /// <summary>A row mapper for <paramref name="inputSchema"/> (used by PredictionEngine).</summary>
    /// <exception cref="ArgumentOutOfRangeException">As <see cref="GetOutputSchema"/>.</exception>
    public IRowToRowMapper GetRowToRowMapper(DataViewSchema inputSchema) => new SparseMlpRowMapper(ScoringBinding.Create(inputSchema, FeatureColumnName, Model));

    /// <summary>Scores <paramref name="input"/> lazily: the returned view computes Score and PredictedLabel when a cursor reads them.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">As <see cref="GetOutputSchema"/>.</exception>
    public IDataView Transform(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return new ScoredDataView(input, ScoringBinding.Create(input.Schema, FeatureColumnName, Model));
    }

    /// <summary>Not supported: ML.NET's model zip cannot load third-party transformers.</summary>
    /// <exception cref="NotSupportedException">Always; the message points to SaveSparseMlNet / LoadSparseMlNet.</exception>
    void ICanSaveModel.Save(ModelSaveContext ctx) => throw new NotSupportedException(SaveAdvice.CannotSaveIntoMLNetZip);
}
