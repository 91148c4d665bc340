namespace SparseMlNet.Data;

/// <summary>The result of <see cref="CsvDatasetReader.Read"/>: the data set and the meaning of its class indices.</summary>
/// <param name="Dataset">The data: one row per CSV data row, the non-label columns as features (header names kept as feature names).</param>
/// <param name="ClassNames">
/// Name of each class index, length <see cref="Dataset.ClassCount"/>: the label text mapped to class k is <c>ClassNames[k]</c>.
/// For integer labels this is "0", "1", … "K-1".
/// </param>
public sealed record CsvReadResult(Dataset Dataset, IReadOnlyList<string> ClassNames);
