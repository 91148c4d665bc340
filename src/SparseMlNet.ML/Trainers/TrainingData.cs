using Microsoft.ML;
using Microsoft.ML.Data;
using SparseMlNet.Data;

namespace SparseMlNet.ML.Trainers;

/// <summary>
/// Materialises the feature and label columns of an <see cref="IDataView"/> into a <see cref="Dataset"/> (row-major float features,
/// class indices). Rows with a missing label (key 0 or NaN) or a non-finite feature value are skipped, as ML.NET's trainers skip them.
/// </summary>
internal sealed class TrainingData
{
    private TrainingData(Dataset dataset, long skipped, float[]? weights)
    {
        Dataset = dataset;
        SkippedRows = skipped;
        Weights = weights;
    }

    /// <summary>The example weight of each kept row, or null when no weight column was read.</summary>
    public float[]? Weights { get; }

    /// <summary>The rows that were kept.</summary>
    public Dataset Dataset { get; }

    /// <summary>Rows skipped for a missing label or a NaN/infinite feature.</summary>
    public long SkippedRows { get; }

    /// <summary>
    /// Reads every row. <paramref name="classCount"/> fixes the number of classes (a key label's count, or the training set's for a
    /// validation set); when null it is 1 + the largest numeric label.
    /// </summary>
    /// <exception cref="ArgumentException">No usable row, a numeric label that is not a class index, a label outside [0, classCount), or (without
    /// <paramref name="classCount"/>) numeric labels that are not the dense range 0..K-1.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A negative or infinite example weight (the column and row are named).</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static TrainingData Read(
        IDataView data,
        DataViewSchema.Column feature,
        int featureCount,
        DataViewSchema.Column label,
        int? classCount,
        IReadOnlyList<string>? featureNames,
        CancellationToken cancellationToken,
        DataViewSchema.Column? weight = null)
    {
        var weights = weight is null ? null : new List<float>();
        long? rows = data.GetRowCount();
        var features = new List<float>(rows is > 0 and < int.MaxValue ? (int)Math.Min(rows.Value * featureCount, int.MaxValue / 2) : 1024);
        var labels = new List<int>(rows is > 0 and < int.MaxValue ? (int)rows.Value : 64);
        var row = new float[featureCount];
        long skipped = 0;
        int maxLabel = -1;
        using (var cursor = data.GetRowCursor(weight is { } w ? [feature, label, w] : [feature, label]))
        {
            var featureGetter = cursor.GetGetter<VBuffer<float>>(feature);
            var labelGetter = LabelReader.Create(cursor, label);
            var weightGetter = weight is { } wc ? cursor.GetGetter<float>(wc) : null;
            float exampleWeight = 1f;
            VBuffer<float> buffer = default;
            while (cursor.MoveNext())
            {
                if ((cursor.Position & 1023) == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }

                int y = labelGetter();
                if (y == LabelReader.Missing)
                {
                    skipped++;
                    continue;
                }

                if (classCount is int k && y >= k)
                {
                    throw new ArgumentException(
                        $"Label column '{label.Name}' has class {y} at row {cursor.Position}, but the model has {k} classes (0..{k - 1}); validation labels must be classes of the training set.",
                        "input");
                }

                featureGetter(ref buffer);
                if (buffer.Length != featureCount)
                {
                    throw new ArgumentException($"Feature column '{feature.Name}' has a vector of length {buffer.Length} at row {cursor.Position}; its type promises {featureCount}.", "input");
                }

                buffer.CopyTo(row);
                if (!AllFinite(row))
                {
                    skipped++;
                    continue;
                }

                if (weightGetter is not null)
                {
                    weightGetter(ref exampleWeight);
                    if (float.IsNaN(exampleWeight))
                    {
                        skipped++;
                        continue;
                    }

                    if (exampleWeight < 0 || float.IsInfinity(exampleWeight))
                    {
                        throw new ArgumentOutOfRangeException(
                            "input",
                            exampleWeight,
                            $"Example weight column '{weight!.Value.Name}' has the value {exampleWeight} at row {cursor.Position}; example weights must be finite and ≥ 0.");
                    }

                    weights!.Add(exampleWeight);
                }

                features.AddRange(row);
                labels.Add(y);
                maxLabel = Math.Max(maxLabel, y);
            }
        }

        if (labels.Count == 0)
        {
            throw new ArgumentException(
                $"The data has no usable row: every row has a missing label in column '{label.Name}' or a NaN/infinite value in column '{feature.Name}' ({skipped} skipped).",
                "input");
        }

        if (classCount is null)
        {
            CheckDenseLabels(labels, maxLabel, label.Name);
        }

        var dataset = new Dataset(features.ToArray(), labels.ToArray(), featureCount, classCount ?? (maxLabel + 1), featureNames);
        return new TrainingData(dataset, skipped, weights?.ToArray());
    }

    /// <summary>
    /// Numeric labels are class indices only when they form the dense range 0..K-1: one row labelled 2000000000 would otherwise build
    /// a network of two billion outputs. Refuses a gap with the label values found.
    /// </summary>
    private static void CheckDenseLabels(List<int> labels, int maxLabel, string labelName)
    {
        var present = new SortedSet<int>(labels);
        if (present.Count == maxLabel + 1)
        {
            return;
        }

        string values = string.Join(", ", present.Take(20)) + (present.Count > 20 ? $", … ({present.Count} distinct in all)" : string.Empty);
        throw new ArgumentException(
            $"Label column '{labelName}' holds the values {values}: numeric labels must be the class indices 0..K-1 with every value present, " +
            $"but {maxLabel + 1 - present.Count} of 0..{maxLabel} never occur. Renumber the labels, or map them to a key type with MapValueToKey.",
            "input");
    }

    private static bool AllFinite(ReadOnlySpan<float> values)
    {
        foreach (float v in values)
        {
            if (!float.IsFinite(v))
            {
                return false;
            }
        }

        return true;
    }
}
