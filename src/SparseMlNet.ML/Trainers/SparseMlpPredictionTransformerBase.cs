using Microsoft.ML;
using Microsoft.ML.Data;
using SparseMlNet.ML.Persistence;
using SparseMlNet.ML.Scoring;

namespace SparseMlNet.ML.Trainers;

/// <summary>
/// What the fitted SparseMlp classifiers (<see cref="SparseMlpPredictionTransformer"/>, <see cref="SparseMlpBinaryPredictionTransformer"/>) share:
/// the model, its columns, lazy scoring and row mapping; the two differ only in the score columns they add.
/// </summary>
/// <remarks>
/// ML.NET keeps model loading internal to its own components, so these transformers cannot be written into an ML.NET model zip:
/// save a pipeline that contains one with <see cref="SparseMlNetModelOperations.SaveSparseMlNet(ModelOperationsCatalog, ITransformer, DataViewSchema, string)"/>
/// and load it with <see cref="SparseMlNetModelOperations.LoadSparseMlNet(ModelOperationsCatalog, string, out DataViewSchema)"/>.
/// </remarks>
public abstract class SparseMlpPredictionTransformerBase : ISingleFeaturePredictionTransformer<SparseMlpModelParameters>, ISparseMlpScorer
{
    private protected SparseMlpPredictionTransformerBase(SparseMlpModelParameters model, string featureColumnName, string labelColumnName)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentException.ThrowIfNullOrWhiteSpace(featureColumnName);
        Model = model;
        FeatureColumnName = featureColumnName;
        LabelColumnName = labelColumnName;
        FeatureColumnType = new VectorDataViewType(NumberDataViewType.Single, model.FeatureCount);
    }

    /// <summary>The trained network and label values (binary: two outputs, class 0 = false, class 1 = true).</summary>
    public SparseMlpModelParameters Model { get; }

    /// <summary>Name of the feature column the model reads.</summary>
    public string FeatureColumnName { get; }

    /// <summary>Vector&lt;Single, FeatureCount&gt;.</summary>
    public DataViewType FeatureColumnType { get; }

    /// <summary>Name of the label column the model was trained on (binary: a Boolean column; not read when scoring).</summary>
    public string LabelColumnName { get; }

    /// <inheritdoc/>
    bool ISparseMlpScorer.IsBinary => IsBinary;

    /// <summary>Always true: the scorer maps row to row.</summary>
    public bool IsRowToRowMapper => true;

    /// <summary>True for the binary layout (Score, Probability, Boolean PredictedLabel), false for the multiclass one.</summary>
    private protected abstract bool IsBinary { get; }

    /// <summary>The input columns followed by the score columns (multiclass: Score and PredictedLabel; binary: Score, Probability and PredictedLabel).</summary>
    /// <param name="inputSchema">The input schema.</param>
    /// <returns>The output schema.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The feature column is missing, not a vector of Single, or of another length than at training.</exception>
    public DataViewSchema GetOutputSchema(DataViewSchema inputSchema) => Bind(inputSchema).Output;

    /// <summary>A row mapper for <paramref name="inputSchema"/> (used by PredictionEngine).</summary>
    /// <param name="inputSchema">The input schema.</param>
    /// <returns>The row mapper.</returns>
    /// <exception cref="ArgumentOutOfRangeException">As <see cref="GetOutputSchema"/>.</exception>
    public IRowToRowMapper GetRowToRowMapper(DataViewSchema inputSchema) => new SparseMlpRowMapper(Bind(inputSchema));

    /// <summary>Scores <paramref name="input"/> lazily: the returned view computes the score columns when a cursor reads them.</summary>
    /// <param name="input">The data.</param>
    /// <returns>The data with the score columns.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">As <see cref="GetOutputSchema"/>.</exception>
    public IDataView Transform(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return new ScoredDataView(input, Bind(input.Schema));
    }

    /// <summary>Not supported: ML.NET's model zip cannot load third-party transformers.</summary>
    /// <exception cref="NotSupportedException">Always; the message points to SaveSparseMlNet / LoadSparseMlNet.</exception>
    void ICanSaveModel.Save(ModelSaveContext ctx) => throw new NotSupportedException(SaveAdvice.CannotSaveIntoMLNetZip);

    private ScoringBinding Bind(DataViewSchema inputSchema)
        => IsBinary ? ScoringBinding.CreateBinary(inputSchema, FeatureColumnName, Model) : ScoringBinding.Create(inputSchema, FeatureColumnName, Model);
}
