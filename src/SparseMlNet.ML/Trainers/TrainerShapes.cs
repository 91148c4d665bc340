using Microsoft.ML;
using Microsoft.ML.Data;
using SparseMlNet.ML.Schema;

namespace SparseMlNet.ML.Trainers;

/// <summary>
/// Output schema shapes of the SparseMlp trainer, taken from an equivalent built-in ML.NET multiclass trainer (L-BFGS maximum entropy),
/// whose fitted transformer adds the same Score and PredictedLabel columns with the same annotations. ML.NET does not let third parties
/// construct <see cref="SchemaShape.Column"/>s, so the built-in estimator computes them. A numeric label is first mapped to a key
/// (as our scorer publishes its class indices as key values) and a key of another raw type than UInt32 is converted to UInt32.
/// </summary>
internal static class TrainerShapes
{
    private const string KeyLabel = "__SparseMlNet_Label";
    private static readonly Lazy<MLContext> Context = new(() => new MLContext(seed: 0));

    /// <exception cref="ArgumentOutOfRangeException">A missing or mistyped feature or label column (ML.NET-style message).</exception>
    public static SchemaShape GetOutputSchema(SchemaShape inputSchema, string labelColumnName, string featureColumnName)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        var feature = SchemaErrors.Find(inputSchema, "feature", featureColumnName);
        SchemaErrors.RequireKnownSizeFloatVector(feature, "feature");
        var label = SchemaErrors.Find(inputSchema, "label", labelColumnName);
        SchemaErrors.RequireLabel(label);

        var ml = Context.Value;
        IEstimator<ITransformer> equivalent;
        if (label.IsKey && label.ItemType == NumberDataViewType.UInt32)
        {
            equivalent = ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(labelColumnName, featureColumnName);
        }
        else
        {
            IEstimator<ITransformer> toKey = label.IsKey
                ? ml.Transforms.Conversion.ConvertType(KeyLabel, labelColumnName, DataKind.UInt32)
                : ml.Transforms.Conversion.MapValueToKey(KeyLabel, labelColumnName);
            equivalent = toKey.Append(ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(KeyLabel, featureColumnName));
        }

        var output = equivalent.GetOutputSchema(inputSchema);
        var columns = inputSchema.Where(c => c.Name is not (AnnotationNames.ScoreColumn or AnnotationNames.PredictedLabelColumn)).ToList();
        columns.AddRange(output.Where(c => c.Name is AnnotationNames.ScoreColumn or AnnotationNames.PredictedLabelColumn));
        return new SchemaShape(columns);
    }
}
