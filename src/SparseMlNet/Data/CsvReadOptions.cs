namespace SparseMlNet.Data;

/// <summary>Options for <see cref="CsvDatasetReader.Read"/>.</summary>
public sealed record CsvReadOptions
{
    /// <summary>The field delimiter; default ",". Must not be empty.</summary>
    public string Delimiter { get; init; } = ",";

    /// <summary>
    /// Number of classes K for integer labels (0..K-1); when null, 1 + the largest label, and the labels must then form the dense range 0..K-1
    /// (every value occurs). Give it when reading a subset that may lack
    /// the highest class (for example a test file). For text labels it must be null or equal the number of distinct labels.
    /// Range: ≥ 1.
    /// </summary>
    public int? ClassCount { get; init; }

    /// <summary>
    /// A fixed class list: label text equal (ordinal, after trimming) to <c>ClassNames[k]</c> becomes class k, and any other label is an error.
    /// Give the <see cref="CsvReadResult.ClassNames"/> of the training file when reading its test file so both map labels alike.
    /// When every label is instead an integer below the number of names and none is a name, the labels are read as class indices.
    /// When null, labels are integers used as-is (a dense range 0..K-1) or, if any label is not a non-negative integer, text mapped in sorted ordinal order.
    /// Must be non-empty, without empty or duplicate names.
    /// </summary>
    public IReadOnlyList<string>? ClassNames { get; init; }
}
