using Microsoft.ML;
using Microsoft.ML.Data;

namespace SparseMlNet.ML.Schema;

/// <summary>
/// Builds the output schema of a multiclass scorer as ML.NET's own multiclass trainers do: the input columns, then
/// <c>Score</c> (Vector&lt;Single, K&gt;) and <c>PredictedLabel</c> (Key&lt;UInt32, K&gt;), each annotated with a fresh
/// ScoreColumnSetId, ScoreColumnKind "MulticlassClassification" and its ScoreValueKind; Score also carries TrainingLabelValues
/// (and SlotNames for text labels) and PredictedLabel the label's KeyValues, when the label had values.
/// </summary>
internal static class ScoreColumns
{
    private static readonly KeyDataViewType ScoreColumnSetIdType = new(typeof(uint), int.MaxValue);

    /// <summary>The output schema and the indices of its two new columns.</summary>
    public static (DataViewSchema Schema, int ScoreIndex, int PredictedLabelIndex) Append(DataViewSchema input, int classCount, LabelValues? labelValues)
    {
        uint setId = NextScoreColumnSetId(input);

        var score = new DataViewSchema.Annotations.Builder();
        if (labelValues is not null)
        {
            labelValues.AddSlotNamesTo(score);
            labelValues.AddTo(score, AnnotationNames.TrainingLabelValues);
        }

        AddTrainerOutput(score, setId, AnnotationNames.ScoreValue);

        var predicted = new DataViewSchema.Annotations.Builder();
        labelValues?.AddTo(predicted, AnnotationNames.KeyValues);
        AddTrainerOutput(predicted, setId, AnnotationNames.PredictedLabelValue);

        var builder = new DataViewSchema.Builder();
        builder.AddColumns(input);
        builder.AddColumn(AnnotationNames.ScoreColumn, new VectorDataViewType(NumberDataViewType.Single, classCount), score.ToAnnotations());
        builder.AddColumn(AnnotationNames.PredictedLabelColumn, new KeyDataViewType(typeof(uint), classCount), predicted.ToAnnotations());
        var schema = builder.ToSchema();
        return (schema, input.Count, input.Count + 1);
    }

    /// <summary>
    /// The output schema of a binary scorer, as ML.NET's calibrated binary trainers build it: the input columns, then <c>Score</c> (Single),
    /// <c>Probability</c> (Single) and <c>PredictedLabel</c> (Boolean), each annotated with one fresh ScoreColumnSetId,
    /// ScoreColumnKind "BinaryClassification" and its ScoreValueKind.
    /// </summary>
    public static (DataViewSchema Schema, int ScoreIndex, int ProbabilityIndex, int PredictedLabelIndex) AppendBinary(DataViewSchema input)
    {
        uint setId = NextScoreColumnSetId(input);
        DataViewSchema.Annotations Output(string valueKind)
        {
            var annotations = new DataViewSchema.Annotations.Builder();
            AddTrainerOutput(annotations, setId, valueKind, AnnotationNames.BinaryClassification);
            return annotations.ToAnnotations();
        }

        var builder = new DataViewSchema.Builder();
        builder.AddColumns(input);
        builder.AddColumn(AnnotationNames.ScoreColumn, NumberDataViewType.Single, Output(AnnotationNames.ScoreValue));
        builder.AddColumn(AnnotationNames.ProbabilityColumn, NumberDataViewType.Single, Output(AnnotationNames.ProbabilityValue));
        builder.AddColumn(AnnotationNames.PredictedLabelColumn, BooleanDataViewType.Instance, Output(AnnotationNames.PredictedLabelValue));
        return (builder.ToSchema(), input.Count, input.Count + 1, input.Count + 2);
    }

    private static void AddTrainerOutput(DataViewSchema.Annotations.Builder builder, uint setId, string valueKind, string kind = AnnotationNames.MulticlassClassification)
    {
        builder.AddPrimitiveValue(AnnotationNames.ScoreColumnSetId, ScoreColumnSetIdType, setId);
        builder.AddPrimitiveValue(AnnotationNames.ScoreColumnKind, TextDataViewType.Instance, kind.AsMemory());
        builder.AddPrimitiveValue(AnnotationNames.ScoreValueKind, TextDataViewType.Instance, valueKind.AsMemory());
    }

    /// <summary>One more than the largest ScoreColumnSetId already in the schema (1 when there is none), as ML.NET's scorers number score column sets.</summary>
    private static uint NextScoreColumnSetId(DataViewSchema schema)
    {
        uint max = 0;
        foreach (var column in schema)
        {
            var annotation = column.Annotations.Schema.GetColumnOrNull(AnnotationNames.ScoreColumnSetId);
            if (annotation?.Type is KeyDataViewType { RawType: var raw } && raw == typeof(uint))
            {
                uint value = 0;
                column.Annotations.GetValue(AnnotationNames.ScoreColumnSetId, ref value);
                max = Math.Max(max, value);
            }
        }

        return max + 1;
    }
}
