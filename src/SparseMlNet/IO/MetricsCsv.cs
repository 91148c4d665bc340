using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using SparseMlNet.Data;

namespace SparseMlNet.IO;

/// <summary>
/// Reads the per-epoch metrics CSV that <c>sparsemlnet train</c> writes (header: epoch, train_loss, train_accuracy, test_loss, test_accuracy, then
/// timings, memory, per-layer nnz/density and per-hidden-layer neuron columns). Tolerant of extra and reordered columns, strict on the required ones; plain or gzip-compressed.
/// </summary>
public static class MetricsCsv
{
    /// <summary>Header of the epoch column.</summary>
    public const string Epoch = "epoch";

    /// <summary>Header of the training loss column.</summary>
    public const string TrainLoss = "train_loss";

    /// <summary>Header of the training accuracy column.</summary>
    public const string TrainAccuracy = "train_accuracy";

    /// <summary>Header of the test loss column.</summary>
    public const string TestLoss = "test_loss";

    /// <summary>Header of the test accuracy column.</summary>
    public const string TestAccuracy = "test_accuracy";

    /// <summary>Columns every metrics file must have.</summary>
    public static IReadOnlyList<string> RequiredColumns { get; } = [Epoch, TrainLoss, TrainAccuracy, TestLoss, TestAccuracy];

    /// <summary>Reads a metrics file.</summary>
    /// <param name="path">Path of the CSV file (comma-separated, header row, invariant-culture numbers; empty, "NaN" or "NA" cells read as NaN).</param>
    /// <returns>The metrics, one entry per data row.</returns>
    /// <exception cref="ArgumentException"><paramref name="path"/> is null or empty.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">
    /// The file is empty, is not text, lacks a required column (the message names the file, the column and the columns found), repeats a column,
    /// has no data rows, has a row with a different number of fields than the header, a cell that is not a number, or an epoch that is not a
    /// non-negative integer greater than the previous row's.
    /// </exception>
    public static MetricsLog Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            HasHeaderRecord = true,
            TrimOptions = TrimOptions.Trim,
            IgnoreBlankLines = true,
        };

        using Stream stream = DataFile.OpenRead(path);
        using var text = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        using var parser = new CsvParser(text, config);
        try
        {
            return ReadRecords(parser, path);
        }
        catch (CsvHelperException ex)
        {
            throw new InvalidDataException($"Metrics file '{path}', line {parser.RawRow}: malformed CSV: {ex.Message}", ex);
        }
        catch (DecoderFallbackException ex)
        {
            throw new InvalidDataException($"Metrics file '{path}' is not UTF-8 text; expected the CSV that 'sparsemlnet train' writes.", ex);
        }
    }

    private static MetricsLog ReadRecords(CsvParser parser, string path)
    {
        if (!parser.Read())
        {
            throw new InvalidDataException($"Metrics file '{path}' is empty; expected a CSV header with the columns {string.Join(", ", RequiredColumns)}.");
        }

        string[] header = parser.Record ?? [];
        if (header.Any(h => h.Any(c => char.IsControl(c))))
        {
            throw new InvalidDataException($"Metrics file '{path}' is not a text CSV file (its first line holds control characters); expected the CSV that 'sparsemlnet train' writes.");
        }

        var index = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (int j = 0; j < header.Length; j++)
        {
            if (!index.TryAdd(header[j], j))
            {
                throw new InvalidDataException($"Metrics file '{path}' has the column '{header[j]}' twice; expected each column once.");
            }
        }

        foreach (string required in RequiredColumns)
        {
            if (!index.ContainsKey(required))
            {
                throw new InvalidDataException(
                    $"Metrics file '{path}' has no column '{required}'; it has {string.Join(", ", header.Select(h => $"'{h}'"))}. "
                    + $"Expected the CSV that 'sparsemlnet train' writes, with the columns {string.Join(", ", RequiredColumns)}.");
            }
        }

        int epochColumn = index[Epoch];
        var names = header.Where((_, j) => j != epochColumn).ToArray();
        var values = names.ToDictionary(n => n, _ => new List<double>(), StringComparer.OrdinalIgnoreCase);
        var epochs = new List<int>();
        while (parser.Read())
        {
            int line = parser.RawRow;
            if (parser.Count != header.Length)
            {
                throw new InvalidDataException(
                    $"Metrics file '{path}', line {line}: the row has {parser.Count} fields but the header has {header.Length} columns; the file may be truncated or corrupt.");
            }

            string epochText = parser[epochColumn];
            if (!int.TryParse(epochText, NumberStyles.None, CultureInfo.InvariantCulture, out int epoch))
            {
                throw new InvalidDataException($"Metrics file '{path}', line {line}, column '{Epoch}': '{epochText}' is not a non-negative integer epoch number.");
            }

            if (epochs.Count > 0 && epoch <= epochs[^1])
            {
                throw new InvalidDataException(
                    $"Metrics file '{path}', line {line}: epoch {epoch} follows epoch {epochs[^1]}; epochs must increase (is the file two runs appended together?).");
            }

            epochs.Add(epoch);
            for (int j = 0; j < header.Length; j++)
            {
                if (j != epochColumn)
                {
                    values[header[j]].Add(ParseNumber(parser[j], path, line, header[j]));
                }
            }
        }

        if (epochs.Count == 0)
        {
            throw new InvalidDataException($"Metrics file '{path}' holds only a header; expected one row per epoch after it.");
        }

        var columns = values.ToDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.OrdinalIgnoreCase);
        return new MetricsLog(path, epochs.ToArray(), names, columns);
    }

    private static double ParseNumber(string field, string path, int line, string column)
    {
        if (field.Length == 0 || field.Equals("NaN", StringComparison.OrdinalIgnoreCase) || field.Equals("NA", StringComparison.OrdinalIgnoreCase))
        {
            return double.NaN;
        }

        if (!double.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out double value))
        {
            throw new InvalidDataException($"Metrics file '{path}', line {line}, column '{column}': '{field}' is not a number; expected an invariant-culture number such as 0.8731.");
        }

        return value;
    }
}
