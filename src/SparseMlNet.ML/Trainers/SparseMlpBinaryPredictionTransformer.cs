using Microsoft.ML;
using Microsoft.ML.Data;
using SparseMlNet.ML.Persistence;
using SparseMlNet.ML.Scoring;

namespace SparseMlNet.ML.Trainers;

/// <summary>
/// The fitted binary SparseMlp classifier. <see cref="Transform"/> adds, lazily, <c>Score</c> (Single, log-odds ln(p₁/p₀)),
/// <c>Probability</c> (Single, p₁) and <c>PredictedLabel</c> (Boolean) with ML.NET's binary score-column annotations, so
/// <c>BinaryClassification.Evaluate</c> (AUC, F1, log-loss, …), <c>CrossValidate</c> and <c>PredictionEngine</c> work unchanged.
/// Rows with a NaN or infinite feature get NaN Score and Probability and PredictedLabel false.
/// </summary>
/// <remarks>Like the multiclass transformer, it cannot be written into an ML.NET model zip: save a pipeline that contains it with <c>mlContext.Model.SaveSparseMlNet</c>.</remarks>
public sealed class SparseMlpBinaryPredictionTransformer : ISingleFeaturePredictionTransformer<SparseMlpModelParameters>, ISparseMlpScorer
{
    internal SparseMlpBinaryPredictionTransformer(SparseMlpModelParameters model, string featureColumnName, string labelColumnName)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentException.ThrowIfNullOrWhiteSpace(featureColumnName);
        if (model.ClassCount != 2)
        {
            throw new ArgumentException($"A binary model has two outputs; this one has {model.ClassCount}.", nameof(model));
        }

        Model = model;
        FeatureColumnName = featureColumnName;
        LabelColumnName = labelColumnName;
        FeatureColumnType = new VectorDataViewType(NumberDataViewType.Single, model.FeatureCount);
    }

    /// <summary>The trained two-output network (class 0 = false, class 1 = true).</summary>
    public SparseMlpModelParameters Model { get; }

    /// <summary>Name of the feature column the model reads.</summary>
    public string FeatureColumnName { get; }

    /// <summary>Vector&lt;Single, FeatureCount&gt;.</summary>
    public DataViewType FeatureColumnType { get; }

    /// <summary>Name of the Boolean label column the model was trained on (not read when scoring).</summary>
    public string LabelColumnName { get; }

    /// <inheritdoc/>
    bool ISparseMlpScorer.IsBinary => true;

    /// <summary>Always true: the scorer maps row to row.</summary>
    public bool IsRowToRowMapper => true;

    /// <summary>The input columns followed by Score, Probability and PredictedLabel.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The feature column is missing, not a vector of Single, or of another length than at training.</exception>
    public DataViewSchema GetOutputSchema(DataViewSchema inputSchema) => ScoringBinding.CreateBinary(inputSchema, FeatureColumnName, Model).Output;

    /// <summary>A row mapper for <paramref name="inputSchema"/> (used by PredictionEngine).</summary>
    /// <exception cref="ArgumentOutOfRangeException">As <see cref="GetOutputSchema"/>.</exception>
    public IRowToRowMapper GetRowToRowMapper(DataViewSchema inputSchema) => new SparseMlpRowMapper(ScoringBinding.CreateBinary(inputSchema, FeatureColumnName, Model));

    /// <summary>Scores <paramref name="input"/> lazily.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">As <see cref="GetOutputSchema"/>.</exception>
    public IDataView Transform(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return new ScoredDataView(input, ScoringBinding.CreateBinary(input.Schema, FeatureColumnName, Model));
    }

    /// <summary>Not supported: ML.NET's model zip cannot load third-party transformers.</summary>
    /// <exception cref="NotSupportedException">Always; the message points to SaveSparseMlNet / LoadSparseMlNet.</exception>
    void ICanSaveModel.Save(ModelSaveContext ctx) => throw new NotSupportedException(SaveAdvice.CannotSaveIntoMLNetZip);
}
