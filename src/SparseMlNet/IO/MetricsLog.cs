namespace SparseMlNet.IO;

/// <summary>
/// The per-epoch training metrics of one run, as written by <c>sparsemlnet train</c> (one CSV row per epoch) and read by <see cref="MetricsCsv"/>:
/// the four required curves plus every other numeric column by name (timings, memory, nnz and density per layer).
/// </summary>
public sealed class MetricsLog
{
    private readonly Dictionary<string, double[]> _columns;

    internal MetricsLog(string source, int[] epochs, IReadOnlyList<string> columnNames, Dictionary<string, double[]> columns)
    {
        Source = source;
        Epochs = epochs;
        ColumnNames = columnNames;
        _columns = columns;
    }

    /// <summary>Where the log was read from (a file path).</summary>
    public string Source { get; }

    /// <summary>Epoch numbers, strictly increasing.</summary>
    public IReadOnlyList<int> Epochs { get; }

    /// <summary>Number of epochs (rows).</summary>
    public int Count => Epochs.Count;

    /// <summary>Names of the numeric columns (all but "epoch"), in file order.</summary>
    public IReadOnlyList<string> ColumnNames { get; }

    /// <summary>Mean training loss per epoch.</summary>
    public IReadOnlyList<double> TrainLoss => Column(MetricsCsv.TrainLoss);

    /// <summary>Training accuracy per epoch, in [0, 1] (NaN where not recorded).</summary>
    public IReadOnlyList<double> TrainAccuracy => Column(MetricsCsv.TrainAccuracy);

    /// <summary>Test loss per epoch (NaN when the run had no test set).</summary>
    public IReadOnlyList<double> TestLoss => Column(MetricsCsv.TestLoss);

    /// <summary>Test accuracy per epoch, in [0, 1] (NaN when the run had no test set).</summary>
    public IReadOnlyList<double> TestAccuracy => Column(MetricsCsv.TestAccuracy);

    /// <summary>Whether the log has a column called <paramref name="name"/> (ordinal, case-insensitive).</summary>
    public bool HasColumn(string name) => _columns.ContainsKey(name);

    /// <summary>The values of column <paramref name="name"/>, one per epoch; empty cells and "NaN" read as NaN.</summary>
    /// <param name="name">Column header, for example "train_seconds" or "nnz_l1" (case-insensitive).</param>
    /// <exception cref="ArgumentException">The log has no such column (the message lists the available ones).</exception>
    public IReadOnlyList<double> Column(string name) =>
        _columns.TryGetValue(name, out double[]? values)
            ? values
            : throw new ArgumentException($"Metrics file '{Source}' has no column '{name}'; it has {string.Join(", ", ColumnNames)}.", nameof(name));
}
