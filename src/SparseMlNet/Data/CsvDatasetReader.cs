using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;

namespace SparseMlNet.Data;

/// <summary>
/// Reads a labelled data set from a CSV file with a header row: one label column chosen by name, every other column a numeric feature.
/// The file may be gzip-compressed (detected by the magic bytes 1f 8b, whatever the file name) or plain text (UTF-8).
/// </summary>
/// <remarks>
/// Numbers are parsed with the invariant culture ("1.5", "-2e-3"); fields are trimmed. Labels are used as class indices when every label
/// is a non-negative integer; otherwise the distinct label texts, sorted by ordinal comparison, become classes 0..K-1 (so "ALL", "AML"
/// become 0, 1). <see cref="CsvReadOptions.ClassNames"/> fixes the mapping instead, for reading a test file like its training file.
/// Errors name the file, and where they concern a row, its line number and the column.
/// </remarks>
public static class CsvDatasetReader
{
    private const int MaxListedColumns = 20;

    /// <summary>Reads a CSV data set.</summary>
    /// <param name="path">Path of the CSV file, gzip-compressed or plain, with a header row.</param>
    /// <param name="labelColumn">Header name of the label column (ordinal, exact match); default "label".</param>
    /// <param name="options">Delimiter and label mapping options; null for the defaults.</param>
    /// <returns>The data set, shape [data rows, columns − 1], and the class names of its labels.</returns>
    /// <exception cref="ArgumentException"><paramref name="path"/> or <paramref name="labelColumn"/> is null or empty, or <paramref name="options"/> is inconsistent (empty delimiter, ClassCount below 1, empty or duplicate class names, ClassCount differing from the number of class names).</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">
    /// The file is empty or holds only a header, has no column <paramref name="labelColumn"/> (the message lists the available columns) or has it twice,
    /// has no feature column, has a row with a different number of fields than the header, malformed CSV quoting, corrupt gzip,
    /// an empty label, a label not among <see cref="CsvReadOptions.ClassNames"/>, an integer label not below <see cref="CsvReadOptions.ClassCount"/>,
    /// or text labels whose number differs from <see cref="CsvReadOptions.ClassCount"/>.
    /// </exception>
    /// <exception cref="FormatException">A feature cell is empty, not a number, or not finite (NaN, infinity, or beyond the float range); the message names the line and column.</exception>
    public static CsvReadResult Read(string path, string labelColumn = "label", CsvReadOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentException.ThrowIfNullOrEmpty(labelColumn);
        options ??= new CsvReadOptions();
        Dictionary<string, int>? fixedClasses = ValidateOptions(options);

        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            Delimiter = options.Delimiter,
            HasHeaderRecord = true,
            TrimOptions = TrimOptions.Trim,
            IgnoreBlankLines = true,
        };

        using Stream stream = DataFile.OpenRead(path);
        using var text = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        using var parser = new CsvParser(text, config);
        try
        {
            return ReadRecords(parser, path, labelColumn, options, fixedClasses);
        }
        catch (CsvHelperException ex)
        {
            throw new InvalidDataException($"File '{path}', line {parser.RawRow}: malformed CSV: {ex.Message}", ex);
        }
    }

    private static CsvReadResult ReadRecords(
        CsvParser parser, string path, string labelColumn, CsvReadOptions options, Dictionary<string, int>? fixedClasses)
    {
        if (!parser.Read())
        {
            throw new InvalidDataException($"File '{path}' is empty; expected a CSV header row naming the columns, including '{labelColumn}'.");
        }

        string[] header = parser.Record ?? [];
        int labelIndex = FindLabelColumn(header, labelColumn, path);
        int featureCount = header.Length - 1;
        if (featureCount < 1)
        {
            throw new InvalidDataException($"File '{path}' has only the label column '{labelColumn}'; expected at least one feature column.");
        }

        var featureNames = new string[featureCount];
        for (int j = 0, f = 0; j < header.Length; j++)
        {
            if (j != labelIndex)
            {
                featureNames[f++] = header[j];
            }
        }

        float[] features = [];
        var labelTexts = new List<string>();
        var lines = new List<int>();
        while (parser.Read())
        {
            int line = parser.RawRow;
            if (parser.Count != header.Length)
            {
                throw new InvalidDataException(
                    $"File '{path}', line {line}: the row has {parser.Count} fields but the header has {header.Length} columns; every row needs one field per column.");
            }

            int start = labelTexts.Count * featureCount;
            EnsureCapacity(ref features, (long)start + featureCount, path);
            Span<float> values = features.AsSpan(start, featureCount);
            for (int j = 0, f = 0; j < header.Length; j++)
            {
                if (j != labelIndex)
                {
                    values[f++] = ParseFeature(parser[j], path, line, header[j], j);
                }
            }

            string label = parser[labelIndex];
            if (label.Length == 0)
            {
                throw new InvalidDataException($"File '{path}', line {line}, column '{labelColumn}': the label is empty; every row needs a label.");
            }

            labelTexts.Add(label);
            lines.Add(line);
        }

        if (labelTexts.Count == 0)
        {
            throw new InvalidDataException($"File '{path}' holds only a header row; expected at least one data row after it.");
        }

        (int[] labels, IReadOnlyList<string> classNames) = ResolveLabels(labelTexts, lines, path, labelColumn, options, fixedClasses);
        Array.Resize(ref features, labelTexts.Count * featureCount);
        var dataset = new Dataset(features, labels, featureCount, classNames.Count, featureNames);
        return new CsvReadResult(dataset, classNames);
    }

    /// <summary>Grows <paramref name="buffer"/> (doubling) to hold at least <paramref name="needed"/> values.</summary>
    private static void EnsureCapacity(ref float[] buffer, long needed, string path)
    {
        if (needed <= buffer.Length)
        {
            return;
        }

        if (needed > Array.MaxLength)
        {
            throw new InvalidDataException($"File '{path}' holds more feature values than one array can hold ({Array.MaxLength}).");
        }

        Array.Resize(ref buffer, (int)Math.Min(Array.MaxLength, Math.Max(needed, 2L * buffer.Length)));
    }

    private static int FindLabelColumn(string[] header, string labelColumn, string path)
    {
        int index = Array.IndexOf(header, labelColumn);
        if (index < 0)
        {
            string listed = string.Join(", ", header.Take(MaxListedColumns).Select(name => $"'{name}'"));
            string more = header.Length > MaxListedColumns ? $", … ({header.Length} columns in all)" : string.Empty;
            throw new InvalidDataException($"File '{path}' has no label column '{labelColumn}'; the available columns are {listed}{more}.");
        }

        if (Array.IndexOf(header, labelColumn, index + 1) >= 0)
        {
            throw new InvalidDataException($"File '{path}' has the label column '{labelColumn}' more than once; expected it exactly once.");
        }

        return index;
    }

    private static float ParseFeature(string field, string path, int line, string column, int columnIndex)
    {
        if (field.Length == 0)
        {
            throw new FormatException(
                $"File '{path}', line {line}, column '{column}' (field {columnIndex + 1}): the cell is empty; missing values must be imputed or the row dropped before reading.");
        }

        if (!float.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out float value))
        {
            throw new FormatException(
                $"File '{path}', line {line}, column '{column}' (field {columnIndex + 1}): '{field}' is not a number; expected an invariant-culture number such as 1.5 or -2e-3.");
        }

        if (!float.IsFinite(value))
        {
            throw new FormatException(
                $"File '{path}', line {line}, column '{column}' (field {columnIndex + 1}): '{field}' is not a finite single-precision number; features must be finite.");
        }

        return value;
    }

    private static (int[] Labels, IReadOnlyList<string> ClassNames) ResolveLabels(
        List<string> texts, List<int> lines, string path, string labelColumn, CsvReadOptions options, Dictionary<string, int>? fixedClasses)
    {
        var labels = new int[texts.Count];
        if (fixedClasses is not null)
        {
            for (int i = 0; i < texts.Count; i++)
            {
                if (!fixedClasses.TryGetValue(texts[i], out labels[i]))
                {
                    throw new InvalidDataException(
                        $"File '{path}', line {lines[i]}, column '{labelColumn}': label '{texts[i]}' is not one of the given class names ({string.Join(", ", options.ClassNames!)}).");
                }
            }

            return (labels, options.ClassNames!);
        }

        bool integers = true;
        int maxLabel = 0;
        for (int i = 0; i < texts.Count && integers; i++)
        {
            integers = int.TryParse(texts[i], NumberStyles.None, CultureInfo.InvariantCulture, out labels[i]);
            maxLabel = Math.Max(maxLabel, labels[i]);
        }

        if (integers)
        {
            int classCount = options.ClassCount ?? (maxLabel + 1);
            for (int i = 0; i < labels.Length; i++)
            {
                if (labels[i] >= classCount)
                {
                    throw new InvalidDataException(
                        $"File '{path}', line {lines[i]}, column '{labelColumn}': label {labels[i]} is outside [0, {classCount}); expected labels below the class count {classCount}.");
                }
            }

            var names = new string[classCount];
            for (int k = 0; k < classCount; k++)
            {
                names[k] = k.ToString(CultureInfo.InvariantCulture);
            }

            return (labels, names);
        }

        string[] distinct = [.. new SortedSet<string>(texts, StringComparer.Ordinal)];
        if (options.ClassCount is { } expected && expected != distinct.Length)
        {
            throw new InvalidDataException(
                $"File '{path}': column '{labelColumn}' holds {distinct.Length} distinct text labels but the class count is {expected}; give CsvReadOptions.ClassNames to fix the classes of text labels.");
        }

        var index = new Dictionary<string, int>(distinct.Length, StringComparer.Ordinal);
        for (int k = 0; k < distinct.Length; k++)
        {
            index[distinct[k]] = k;
        }

        for (int i = 0; i < texts.Count; i++)
        {
            labels[i] = index[texts[i]];
        }

        return (labels, distinct);
    }

    /// <summary>Checks the options; returns the fixed class-name index, or null when labels are mapped from the data.</summary>
    private static Dictionary<string, int>? ValidateOptions(CsvReadOptions options)
    {
        if (string.IsNullOrEmpty(options.Delimiter))
        {
            throw new ArgumentException("The CSV delimiter must not be empty.", nameof(options));
        }

        if (options.ClassCount is < 1)
        {
            throw new ArgumentException($"ClassCount is {options.ClassCount}; it must be at least 1.", nameof(options));
        }

        if (options.ClassNames is not { } names)
        {
            return null;
        }

        if (names.Count == 0)
        {
            throw new ArgumentException("ClassNames is empty; give at least one class name or null.", nameof(options));
        }

        if (options.ClassCount is { } count && count != names.Count)
        {
            throw new ArgumentException($"ClassCount is {count} but {names.Count} class names are given.", nameof(options));
        }

        var index = new Dictionary<string, int>(names.Count, StringComparer.Ordinal);
        for (int k = 0; k < names.Count; k++)
        {
            if (string.IsNullOrEmpty(names[k]) || !index.TryAdd(names[k], k))
            {
                throw new ArgumentException($"Class name {k} ('{names[k]}') is empty or repeated; class names must be non-empty and distinct.", nameof(options));
            }
        }

        return index;
    }
}
