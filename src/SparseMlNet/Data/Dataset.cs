namespace SparseMlNet.Data;

/// <summary>
/// An in-memory labelled data set: a row-major feature matrix of shape [<see cref="Count"/>, <see cref="FeatureCount"/>]
/// and one integer class label per row in [0, <see cref="ClassCount"/>).
/// </summary>
/// <remarks>
/// The constructor validates once, at the edge, so that every trainer and kernel downstream can trust the data:
/// no NaN or infinite feature, labels in range. Feature values are single precision, the engine's working type.
/// </remarks>
public sealed class Dataset
{
    private readonly float[] _features;
    private readonly int[] _labels;

    /// <summary>Creates a data set and validates it.</summary>
    /// <param name="features">Row-major features, shape [count, featureCount]; length must be a multiple of <paramref name="featureCount"/>. Not copied: do not mutate it afterwards.</param>
    /// <param name="labels">One class label per row, each in [0, classCount). Not copied.</param>
    /// <param name="featureCount">Number of features per row; Range: ≥ 1.</param>
    /// <param name="classCount">Number of classes; when null, 1 + the largest label. Range: ≥ 1.</param>
    /// <param name="featureNames">Optional feature names, one per feature (for example CSV header names).</param>
    /// <exception cref="ArgumentNullException">An array argument is null.</exception>
    /// <exception cref="ArgumentException">Empty data, a ragged feature array, a NaN or infinite value (the row and column are named), a label count that differs from the row count, or a feature name count that differs from <paramref name="featureCount"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="featureCount"/> &lt; 1, a label outside [0, classCount), or classCount &lt; 1.</exception>
    public Dataset(float[] features, int[] labels, int featureCount, int? classCount = null, IReadOnlyList<string>? featureNames = null)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(labels);
        if (featureCount < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(featureCount), featureCount, "The number of features must be at least 1.");
        }

        if (features.Length == 0)
        {
            throw new ArgumentException("The data set is empty: it needs at least one row.", nameof(features));
        }

        if (features.Length % featureCount != 0)
        {
            throw new ArgumentException(
                $"The feature array is ragged: its length {features.Length} is not a multiple of the feature count {featureCount}.",
                nameof(features));
        }

        int count = features.Length / featureCount;
        if (labels.Length != count)
        {
            throw new ArgumentException($"There are {labels.Length} labels for {count} rows; give exactly one label per row.", nameof(labels));
        }

        for (int i = 0; i < features.Length; i++)
        {
            if (!float.IsFinite(features[i]))
            {
                throw new ArgumentException(
                    $"Feature value at row {i / featureCount}, column {i % featureCount} is {features[i]}; features must be finite (impute or drop missing values first).",
                    nameof(features));
            }
        }

        int maxLabel = -1;
        for (int i = 0; i < labels.Length; i++)
        {
            if (labels[i] < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(labels), labels[i], $"Label at row {i} is negative; labels must be class indices 0..K-1.");
            }

            maxLabel = Math.Max(maxLabel, labels[i]);
        }

        int classes = classCount ?? (maxLabel + 1);
        if (classes < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(classCount), classes, "The number of classes must be at least 1.");
        }

        if (maxLabel >= classes)
        {
            throw new ArgumentOutOfRangeException(nameof(labels), maxLabel, $"Label {maxLabel} is outside [0, {classes}); labels must be class indices 0..K-1.");
        }

        if (featureNames is not null && featureNames.Count != featureCount)
        {
            throw new ArgumentException($"There are {featureNames.Count} feature names for {featureCount} features.", nameof(featureNames));
        }

        _features = features;
        _labels = labels;
        Count = count;
        FeatureCount = featureCount;
        ClassCount = classes;
        FeatureNames = featureNames;
    }

    /// <summary>Number of rows (samples).</summary>
    public int Count { get; }

    /// <summary>Number of features per row.</summary>
    public int FeatureCount { get; }

    /// <summary>Number of classes K; labels lie in [0, K).</summary>
    public int ClassCount { get; }

    /// <summary>Feature names, one per feature, or null when the source had none.</summary>
    public IReadOnlyList<string>? FeatureNames { get; }

    /// <summary>Row-major features, shape [<see cref="Count"/>, <see cref="FeatureCount"/>].</summary>
    public ReadOnlySpan<float> Features => _features;

    /// <summary>The feature array itself, for the scaler's in-place transform.</summary>
    internal float[] FeatureArray => _features;

    /// <summary>Class labels, one per row.</summary>
    public ReadOnlySpan<int> Labels => _labels;

    /// <summary>The features of row <paramref name="index"/>, length <see cref="FeatureCount"/>.</summary>
    /// <param name="index">Row index; Range: [0, Count).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is outside [0, Count).</exception>
    public ReadOnlySpan<float> Row(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
        return _features.AsSpan(index * FeatureCount, FeatureCount);
    }

    /// <summary>Number of rows per class, length <see cref="ClassCount"/>.</summary>
    public int[] ClassCounts()
    {
        var counts = new int[ClassCount];
        foreach (int label in _labels)
        {
            counts[label]++;
        }

        return counts;
    }

    /// <summary>Returns a new data set with the given rows, in the given order (for splits and cross-validation).</summary>
    /// <param name="rows">Row indices, each in [0, Count).</param>
    /// <exception cref="ArgumentException"><paramref name="rows"/> is empty.</exception>
    public Dataset Subset(ReadOnlySpan<int> rows)
    {
        if (rows.IsEmpty)
        {
            throw new ArgumentException("A subset needs at least one row.", nameof(rows));
        }

        var features = new float[rows.Length * FeatureCount];
        var labels = new int[rows.Length];
        for (int i = 0; i < rows.Length; i++)
        {
            Row(rows[i]).CopyTo(features.AsSpan(i * FeatureCount, FeatureCount));
            labels[i] = _labels[rows[i]];
        }

        return new Dataset(features, labels, FeatureCount, ClassCount, FeatureNames);
    }

    /// <summary>Returns a copy with the same labels and names and new feature values (for example, scaled ones).</summary>
    internal Dataset WithFeatures(float[] features) => new(features, _labels, FeatureCount, ClassCount, FeatureNames);
}
