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
/// Numbers are parsed with the invariant culture ("1.5", "-2e-3"); fields are trimmed. Labels are class indices when every label
/// is a non-negative integer and together they form the dense range 0..K-1 (every value from 0 to the largest occurs; with
/// <see cref="CsvReadOptions.ClassCount"/> given, any integer below it). Integer labels with gaps, and numeric labels that are not
/// non-negative integers (-1, 1.5), are refused with the values found, since guessing would create empty classes or shift every index.
/// Otherwise (some label is not a number) the distinct label texts, sorted by ordinal comparison, become classes 0..K-1 (so "ALL", "AML"
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
/// integer labels that are not the dense range 0..K-1, numeric labels that are not non-negative integers,
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
        int labelIndex = FindLabelColumn(header, labelColumn, path, options.Delimiter);
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

        // Rows go into chunks of about 256 KB (at least one row each), copied into the exact matrix at the end and released one by one, so
        // reading holds at most the matrix twice (plus one chunk), where doubling one array held up to three times the matrix during a copy.
        var chunks = new List<float[]>();
        int rowsPerChunk = Math.Max(1, ChunkFloats / featureCount);
        var labelTexts = new List<string>();
        var lines = new List<int>();
        while (parser.Read())
        {
            int line = parser.RawRow;
            CsvRowCheck.RequireFieldCount(parser, header.Length, path);

            int inChunk = labelTexts.Count % rowsPerChunk;
            if (inChunk == 0)
            {
                if ((long)(labelTexts.Count + 1) * featureCount > Array.MaxLength)
                {
                    throw new InvalidDataException($"File '{path}' holds more feature values than one array can hold ({Array.MaxLength}).");
                }

                chunks.Add(new float[(long)rowsPerChunk * featureCount]);
                BufferAllocated?.Invoke();
            }

            Span<float> values = chunks[^1].AsSpan(inChunk * featureCount, featureCount);
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
        var features = new float[labelTexts.Count * featureCount];
        BufferAllocated?.Invoke();
        for (int c = 0, offset = 0; c < chunks.Count; c++)
        {
            int length = Math.Min(chunks[c].Length, features.Length - offset);
            chunks[c].AsSpan(0, length).CopyTo(features.AsSpan(offset));
            offset += length;
            chunks[c] = null!;
        }

        var dataset = new Dataset(features, labels, featureCount, classNames.Count, featureNames);
        return new CsvReadResult(dataset, classNames);
    }

    /// <summary>Floats per row chunk while reading (256 KB).</summary>
    private const int ChunkFloats = 1 << 16;

    /// <summary>For tests: called after each large buffer of the reader is allocated (row chunks, then the final matrix), where the live heap peaks.</summary>
    internal static Action? BufferAllocated { get; set; }

    private static int FindLabelColumn(string[] header, string labelColumn, string path, string delimiter)
    {
        int index = Array.IndexOf(header, labelColumn);
        if (index < 0)
        {
            if (header.Length == 1 && Array.Find([";", "\t", "|"], header[0].Contains) is { } separator)
            {
                string shown = separator == "\t" ? "tab" : $"'{separator}'";
                throw new InvalidDataException(
                    $"File '{path}' seems to be {shown}-separated: its header '{header[0]}' is one column when split at '{delimiter}'. " +
                    $"Convert it to '{delimiter}'-separated CSV (in the API, set CsvReadOptions.Delimiter).");
            }

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
            // Class indices against named classes (a numeric CSV for a model trained on named classes): accepted when no label is a
            // class name and every label is an index below the class count, so the reading cannot be ambiguous.
            if (texts.All(t => !fixedClasses.ContainsKey(t) && int.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out int k) && k < fixedClasses.Count))
            {
                for (int i = 0; i < texts.Count; i++)
                {
                    labels[i] = int.Parse(texts[i], NumberStyles.None, CultureInfo.InvariantCulture);
                }

                return (labels, options.ClassNames!);
            }

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
            if (options.ClassCount is { } classCount)
            {
                for (int i = 0; i < labels.Length; i++)
                {
                    if (labels[i] >= classCount)
                    {
                        throw new InvalidDataException(
                            $"File '{path}', line {lines[i]}, column '{labelColumn}': label {labels[i]} is outside [0, {classCount}); expected labels below the class count {classCount}.");
                    }
                }

                return (labels, IndexNames(classCount));
            }

            // Class indices only when they form the dense range 0..K-1: a gap (one row labelled 2000000000 among 0..9) would create
            // millions of empty classes, so it is refused with the values found instead.
            var present = new SortedSet<int>(labels);
            if (present.Count != maxLabel + 1)
            {
                throw new InvalidDataException(
                    $"File '{path}', column '{labelColumn}': the labels are integers but not the dense range 0..K-1 of class indices: " +
                    $"found {present.Count} distinct values ({ListValues(present.Select(v => v.ToString(CultureInfo.InvariantCulture)).ToList())}, " +
                    $"first row with {maxLabel}: line {lines[Array.IndexOf(labels, maxLabel)]}), but {maxLabel + 1 - present.Count} of 0..{maxLabel} never occur. " +
                    "Renumber the labels 0..K-1 (or use text class names such as 'c7').");
            }

            return (labels, IndexNames(maxLabel + 1));
        }

        // Numbers that are not class indices (-1, 1.5) would silently become text classes and shift every index: refuse them.
        if (texts.All(t => double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out _)))
        {
            int bad = texts.FindIndex(t => !int.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out _));
            throw new InvalidDataException(
                $"File '{path}', line {lines[bad]}, column '{labelColumn}': label '{texts[bad]}' is a number but not a class index (an integer 0..K-1); " +
                $"the labels found are {ListValues([.. new SortedSet<string>(texts, StringComparer.Ordinal)])}. " +
                "Renumber the labels 0..K-1 (for example -1/1 as 0/1), or use text class names.");
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

    private static string[] IndexNames(int classCount)
    {
        var names = new string[classCount];
        for (int k = 0; k < classCount; k++)
        {
            names[k] = k.ToString(CultureInfo.InvariantCulture);
        }

        return names;
    }

    /// <summary>The first <see cref="MaxListedColumns"/> values, comma-separated, with the count of the rest.</summary>
    private static string ListValues(IReadOnlyList<string> values) =>
        string.Join(", ", values.Take(MaxListedColumns)) + (values.Count > MaxListedColumns ? $", … ({values.Count} in all)" : string.Empty);

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
