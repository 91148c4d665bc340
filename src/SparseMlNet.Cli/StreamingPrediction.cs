using System.Globalization;
using System.Numerics.Tensors;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using SparseMlNet.Data;
using SparseMlNet.IO;

namespace SparseMlNet.Cli;

/// <summary>
/// Predicts the rows of a CSV file chunk by chunk: reads <see cref="ChunkRows"/> rows, scores them, appends their predictions, and reuses
/// the buffers, so memory stays flat in the number of rows (one chunk of features and probabilities, whatever the file's length).
/// </summary>
/// <remarks>
/// The predictions go to a temporary file beside the output, moved over it only when every row has been read and scored, so a file with
/// a bad row at line 900,000 leaves no half-written predictions. Label texts are matched to the model's class names, or read as class
/// indices 0..K-1 when they are not names.
/// </remarks>
internal static class StreamingPrediction
{
    /// <summary>Rows scored at a time.</summary>
    public const int ChunkRows = 4096;

    /// <summary>The result of a run: rows written, and correct predictions when the file has labels.</summary>
    public readonly record struct Summary(long Rows, long? Correct);

    /// <summary>Predicts every row of <paramref name="csv"/> into <paramref name="output"/>.</summary>
    /// <param name="model">The model.</param>
    /// <param name="csv">CSV with a header row (gzip or plain); the label column is optional.</param>
    /// <param name="labelColumn">Name of the label column, used when present.</param>
    /// <param name="output">Predictions CSV to write.</param>
    /// <param name="onHeader">Receives the feature column names once the header is read (for the renamed-column warning).</param>
    /// <returns>Rows written and, with labels, correct predictions.</returns>
    /// <exception cref="CliException">The file has another number of feature columns than the model takes.</exception>
    /// <exception cref="InvalidDataException">The file is empty, holds no data row, ends early, has a ragged row, malformed CSV or a label that is not a class.</exception>
    /// <exception cref="FormatException">A feature cell is not a finite number.</exception>
    public static Summary Run(ModelBundle model, string csv, string labelColumn, string output, Action<IReadOnlyList<string>> onHeader)
    {
        int k = model.Network.OutputCount;
        int d = model.Network.InputCount;
        string target = Path.GetFullPath(output);
        string temp = Path.Combine(Path.GetDirectoryName(target)!, $".{Path.GetFileName(target)}.{Guid.NewGuid():N}.tmp");
        try
        {
            Summary summary;
            using (Stream input = DataFile.OpenRead(csv))
            using (var text = new StreamReader(input, Encoding.UTF8, detectEncodingFromByteOrderMarks: true))
            using (var parser = new CsvParser(text, new CsvConfiguration(CultureInfo.InvariantCulture) { TrimOptions = TrimOptions.Trim, IgnoreBlankLines = true }))
            using (var writer = new StreamWriter(temp, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 1 << 16))
            using (var result = new CsvWriter(writer, CultureInfo.InvariantCulture))
            {
                try
                {
                    summary = Predict(model, parser, csv, labelColumn, result, k, d, onHeader);
                }
                catch (CsvHelperException ex)
                {
                    throw new InvalidDataException($"File '{csv}', line {parser.RawRow}: malformed CSV: {ex.Message}", ex);
                }
            }

            File.Move(temp, target, overwrite: true);
            return summary;
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }

    private static Summary Predict(
        ModelBundle model, CsvParser parser, string path, string labelColumn, CsvWriter result, int k, int d, Action<IReadOnlyList<string>> onHeader)
    {
        if (!parser.Read())
        {
            throw new InvalidDataException($"File '{path}' is empty; expected a CSV header row naming the feature columns.");
        }

        string[] header = parser.Record ?? [];
        int labelIndex = Array.IndexOf(header, labelColumn);
        string[] names = [.. header.Where((_, j) => j != labelIndex)];
        if (names.Length != d)
        {
            throw new CliException($"The model was trained on {d} features, but '{path}' has {names.Length}; give data with the training data's columns.");
        }

        onHeader(names);
        Dictionary<string, int> classes = ClassIndex(model, k);
        WriteHeader(result, model, k, labelIndex >= 0);
        var features = new float[ChunkRows * d];
        var labels = new int[ChunkRows];
        long rows = 0, correct = 0;
        int filled = 0;
        while (parser.Read())
        {
            int line = parser.RawRow;
            CsvRowCheck.RequireFieldCount(parser, header.Length, path);

            Span<float> row = features.AsSpan(filled * d, d);
            for (int j = 0, f = 0; j < header.Length; j++)
            {
                if (j == labelIndex)
                {
                    labels[filled] = Label(parser[j], classes, k, path, line, labelColumn);
                    continue;
                }

                string field = parser[j];
                if (!float.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out float value) || !float.IsFinite(value))
                {
                    throw new FormatException(
                        $"File '{path}', line {line}, column '{header[j]}': '{field}' is not a finite number; expected an invariant-culture number such as 1.5 or -2e-3.");
                }

                row[f++] = value;
            }

            if (++filled == ChunkRows)
            {
                correct += WriteChunk(result, model, features, labelIndex >= 0 ? labels : null, filled, rows, k, d);
                rows += filled;
                filled = 0;
            }
        }

        if (filled > 0)
        {
            correct += WriteChunk(result, model, features, labelIndex >= 0 ? labels : null, filled, rows, k, d);
            rows += filled;
        }

        if (rows == 0)
        {
            throw new InvalidDataException($"File '{path}' holds only a header row; expected at least one data row after it.");
        }

        return new Summary(rows, labelIndex >= 0 ? correct : null);
    }

    private static Dictionary<string, int> ClassIndex(ModelBundle model, int k)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int c = 0; c < k; c++)
        {
            index.TryAdd(model.ClassName(c), c);
        }

        return index;
    }

    private static int Label(string text, Dictionary<string, int> classes, int k, string path, int line, string labelColumn)
    {
        if (classes.TryGetValue(text, out int c))
        {
            return c;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out c) && c < k)
        {
            return c;
        }

        throw new InvalidDataException(
            $"File '{path}', line {line}, column '{labelColumn}': label '{text}' is neither one of the model's {k} class names ({string.Join(", ", classes.Keys.Take(20))}) nor a class index 0..{k - 1}.");
    }

    private static void WriteHeader(CsvWriter csv, ModelBundle model, int k, bool labelled)
    {
        csv.WriteField("row");
        csv.WriteField("predicted");
        if (labelled)
        {
            csv.WriteField("label");
        }

        for (int c = 0; c < k; c++)
        {
            csv.WriteField("p_" + model.ClassName(c));
        }

        csv.NextRecord();
    }

    /// <summary>Scores <paramref name="count"/> buffered rows, writes them and returns how many match their labels.</summary>
    private static long WriteChunk(CsvWriter csv, ModelBundle model, float[] features, int[]? labels, int count, long first, int k, int d)
    {
        float[] probabilities = model.Predict(features.AsSpan(0, count * d));
        long correct = 0;
        for (int i = 0; i < count; i++)
        {
            ReadOnlySpan<float> p = probabilities.AsSpan(i * k, k);
            int best = TensorPrimitives.IndexOfMax(p);

            csv.WriteField(first + i);
            csv.WriteField(model.ClassName(best));
            if (labels is not null)
            {
                csv.WriteField(model.ClassName(labels[i]));
                correct += best == labels[i] ? 1 : 0;
            }

            for (int c = 0; c < k; c++)
            {
                csv.WriteField(p[c].ToString("R", CultureInfo.InvariantCulture));
            }

            csv.NextRecord();
        }

        return correct;
    }
}
