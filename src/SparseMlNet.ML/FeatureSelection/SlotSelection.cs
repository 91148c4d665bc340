using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;
using SparseMlNet.ML.Schema;

namespace SparseMlNet.ML.FeatureSelection;

/// <summary>The steps the slot-selection estimators (QuickSelection, NeuroFS) share: the output shape, the count check, slot names, the log channel and ML.NET's own slot selector.</summary>
internal static class SlotSelection
{
    /// <summary>Checks the column names and the count an estimator is created with.</summary>
    public static void ValidateArguments(string outputColumnName, string inputColumnName, int count)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(outputColumnName);
        ArgumentException.ThrowIfNullOrWhiteSpace(inputColumnName);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
    }

    /// <summary>The input shape plus the output column, as ML.NET's own count-based slot selector adds it; the input must be a known-size vector of Single.</summary>
    public static SchemaShape GetOutputSchema(TransformsCatalog catalog, string outputColumnName, string inputColumnName, SchemaShape inputSchema)
    {
        var column = SchemaErrors.Find(inputSchema, "input", inputColumnName);
        SchemaErrors.RequireKnownSizeFloatVector(column, "input");
        return catalog.FeatureSelection.SelectFeaturesBasedOnCount(outputColumnName, inputColumnName, count: 1).GetOutputSchema(inputSchema);
    }

    /// <summary>Throws unless <paramref name="count"/> lies in [1, <paramref name="maximum"/>] for an input column of <paramref name="d"/> slots.</summary>
    public static void CheckCount(int count, int maximum, int d, string inputColumnName)
    {
        if (count > maximum)
        {
            throw new ArgumentOutOfRangeException(
                "count",
                count,
                $"Cannot select {count} slots from input column '{inputColumnName}', which has {d} (Vector<Single, {d}>); the count must lie in [1, {maximum}].");
        }
    }

    /// <summary>A log channel named <paramref name="name"/> on <paramref name="logContext"/>, or null when there is none.</summary>
    public static IChannel? StartChannel(MLContext? logContext, string name) => logContext is { } context ? ((IHostEnvironment)context).Start(name) : null;

    /// <summary>ML.NET's own slot-dropping transformer that keeps exactly <paramref name="selected"/> of <paramref name="column"/>.</summary>
    public static ITransformer FitSelector(TransformsCatalog catalog, string outputColumnName, string inputColumnName, DataViewSchema.Column column, int[] selected)
        => catalog.FeatureSelection.SelectFeaturesBasedOnCount(outputColumnName, inputColumnName, count: 1).Fit(new SlotMaskDataView(column, selected));

    /// <summary>The slot names of <paramref name="column"/> (an empty name becomes "slot{i}"), or null when it has none of length <paramref name="d"/>.</summary>
    public static string[]? SlotNames(DataViewSchema.Column column, int d)
    {
        if (column.Annotations.Schema.GetColumnOrNull("SlotNames")?.Type is not VectorDataViewType { ItemType: TextDataViewType } type || type.Size != d)
        {
            return null;
        }

        VBuffer<ReadOnlyMemory<char>> names = default;
        column.GetSlotNames(ref names);
        var result = new string[d];
        int i = 0;
        foreach (var name in names.DenseValues())
        {
            result[i] = name.IsEmpty ? $"slot{i}" : name.ToString();
            i++;
        }

        return result;
    }
}
