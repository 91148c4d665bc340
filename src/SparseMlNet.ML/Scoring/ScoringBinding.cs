using Microsoft.ML;
using Microsoft.ML.Data;
using SparseMlNet.ML.Schema;
using SparseMlNet.ML.Trainers;

namespace SparseMlNet.ML.Scoring;

/// <summary>
/// How a <see cref="SparseMlpModelParameters"/> scores one input schema: the validated feature column and the output schema
/// (the input columns, by index, then Score and PredictedLabel).
/// </summary>
internal sealed class ScoringBinding
{
    private ScoringBinding(DataViewSchema input, DataViewSchema output, DataViewSchema.Column feature, int scoreIndex, int predictedIndex, SparseMlpModelParameters model, int probabilityIndex = -1)
    {
        ProbabilityIndex = probabilityIndex;
        Input = input;
        Output = output;
        Feature = feature;
        ScoreIndex = scoreIndex;
        PredictedLabelIndex = predictedIndex;
        Model = model;
    }

    public DataViewSchema Input { get; }

    public DataViewSchema Output { get; }

    public DataViewSchema.Column Feature { get; }

    public int ScoreIndex { get; }

    public int PredictedLabelIndex { get; }

    /// <summary>Index of the binary scorer's Probability column, or -1 for the multiclass layout (Score vector, key PredictedLabel).</summary>
    public int ProbabilityIndex { get; }

    /// <summary>Whether this is the binary layout: Score (Single, the log-odds ln(p₁/p₀)), Probability (p₁) and a Boolean PredictedLabel (p₁ &gt; ½).</summary>
    public bool IsBinary => ProbabilityIndex >= 0;

    public SparseMlpModelParameters Model { get; }

    /// <summary>Validates <paramref name="input"/> and builds the output schema.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The feature column is missing, not a vector of Single, or of another length than the model's (ML.NET-style message).</exception>
    public static ScoringBinding Create(DataViewSchema input, string featureColumnName, SparseMlpModelParameters model)
    {
        var feature = FeatureColumn(input, featureColumnName, model);
        var (output, score, predicted) = ScoreColumns.Append(input, model.ClassCount, model.LabelValues);
        return new ScoringBinding(input, output, feature, score, predicted, model);
    }

    /// <summary>Validates <paramref name="input"/> and builds the binary output schema (Score, Probability, PredictedLabel) of a two-class model.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The feature column is missing, not a vector of Single, or of another length than the model's (ML.NET-style message).</exception>
    public static ScoringBinding CreateBinary(DataViewSchema input, string featureColumnName, SparseMlpModelParameters model)
    {
        var feature = FeatureColumn(input, featureColumnName, model);
        var (output, score, probability, predicted) = ScoreColumns.AppendBinary(input);
        return new ScoringBinding(input, output, feature, score, predicted, model, probability);
    }

    /// <summary>The feature column of <paramref name="input"/>, checked to be the model's known-size Single vector (ML.NET-style errors).</summary>
    private static DataViewSchema.Column FeatureColumn(DataViewSchema input, string featureColumnName, SparseMlpModelParameters model)
    {
        ArgumentNullException.ThrowIfNull(input);
        var feature = SchemaErrors.Find(input, "feature", featureColumnName);
        int size = SchemaErrors.RequireKnownSizeFloatVector(feature, "feature");
        if (size != model.FeatureCount)
        {
            throw SchemaErrors.Mismatch("feature", featureColumnName, new VectorDataViewType(NumberDataViewType.Single, model.FeatureCount).ToString(), feature.Type.ToString());
        }

        return feature;
    }

    /// <summary>Whether an output column is one of the scored columns.</summary>
    public bool IsScored(DataViewSchema.Column column) => column.Index == ScoreIndex || column.Index == PredictedLabelIndex || column.Index == ProbabilityIndex;

    /// <summary>The input columns needed to produce <paramref name="outputColumns"/> (the feature column when a scored column is among them).</summary>
    public List<DataViewSchema.Column> InputColumnsFor(IEnumerable<DataViewSchema.Column> outputColumns, out bool scored)
    {
        scored = false;
        var needed = new List<DataViewSchema.Column>();
        var seen = new HashSet<int>();
        foreach (var column in outputColumns)
        {
            if (IsScored(column))
            {
                scored = true;
            }
            else if (column.Index < Input.Count && seen.Add(column.Index))
            {
                needed.Add(Input[column.Index]);
            }
        }

        if (scored && seen.Add(Feature.Index))
        {
            needed.Add(Feature);
        }

        return needed;
    }

    /// <summary>The getter of an output column of a row over <paramref name="input"/> whose scores come from <paramref name="source"/>.</summary>
    /// <exception cref="InvalidOperationException"><typeparamref name="TValue"/> is not the column's type.</exception>
    public ValueGetter<TValue> GetGetter<TValue>(DataViewRow input, ScoreSource? source, DataViewSchema.Column column)
    {
        if (!IsScored(column))
        {
            return input.GetGetter<TValue>(Input[column.Index]);
        }

        if (source is null)
        {
            throw new InvalidOperationException($"Column '{column.Name}' is not active in this row; request it when creating the cursor or row.");
        }

        int k = Model.ClassCount;
        Delegate getter;
        Type expected;
        if (IsBinary)
        {
            if (column.Index == PredictedLabelIndex)
            {
                expected = typeof(bool);
                getter = (ValueGetter<bool>)((ref bool dst) =>
                {
                    int row = source.Current();
                    dst = source.Scores[(row * 2) + 1] > 0.5f;
                });
            }
            else
            {
                bool probability = column.Index == ProbabilityIndex;
                expected = typeof(float);
                getter = (ValueGetter<float>)((ref float dst) =>
                {
                    int row = source.Current();
                    float p0 = source.Scores[row * 2];
                    float p1 = source.Scores[(row * 2) + 1];
                    dst = probability ? p1 : LogOdds(p0, p1);
                });
            }
        }
        else if (column.Index == ScoreIndex)
        {
            expected = typeof(VBuffer<float>);
            getter = (ValueGetter<VBuffer<float>>)((ref VBuffer<float> dst) =>
            {
                int row = source.Current();
                var editor = VBufferEditor.Create(ref dst, k);
                source.Scores.AsSpan(row * k, k).CopyTo(editor.Values);
                dst = editor.Commit();
            });
        }
        else
        {
            expected = typeof(uint);
            getter = (ValueGetter<uint>)((ref uint dst) => dst = source.Keys[source.Current()]);
        }

        return getter as ValueGetter<TValue>
            ?? throw new InvalidOperationException($"Invalid TValue in GetGetter: '{typeof(TValue)}', expected type: '{expected}' for column '{column.Name}'.");
    }

    /// <summary>ln(p₁/p₀), the margin of a two-class softmax (the logit difference), clipped to ±88 when a probability underflows; NaN stays NaN.</summary>
    internal static float LogOdds(float p0, float p1) =>
        float.IsNaN(p0) || float.IsNaN(p1) ? float.NaN : Math.Clamp(MathF.Log(Math.Max(p1, 1e-38f)) - MathF.Log(Math.Max(p0, 1e-38f)), -88f, 88f);
}
