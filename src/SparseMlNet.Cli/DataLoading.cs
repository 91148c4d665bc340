using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using SparseMlNet.Data;

namespace SparseMlNet.Cli;

/// <summary>Reads the data files named on the command line: IDX image/label pairs (gzip or raw) or CSV files with a header row.</summary>
internal static class DataLoading
{
    /// <summary>Reads a labelled data set from an IDX pair or a CSV file (exactly one of the two is given).</summary>
    /// <param name="images">IDX image file, or null.</param>
    /// <param name="labels">IDX label file (with <paramref name="images"/>).</param>
    /// <param name="csv">CSV file, or null.</param>
    /// <param name="labelColumn">Name of the CSV label column.</param>
    /// <param name="classNames">Fixed class names (a test file read like its training file), or null to take them from the data.</param>
    /// <param name="classCount">Number of classes for integer labels, or null for 1 + the largest label.</param>
    /// <returns>The data and its class names (null for IDX files without <paramref name="classNames"/>: the labels are the classes).</returns>
    public static (Dataset Data, IReadOnlyList<string>? ClassNames) ReadLabelled(
        string? images, string? labels, string? csv, string labelColumn, IReadOnlyList<string>? classNames, int? classCount)
    {
        if (csv is not null)
        {
            CsvReadResult read = CsvDatasetReader.Read(csv, labelColumn, new CsvReadOptions { ClassNames = classNames, ClassCount = classNames is null ? classCount : null });
            return (read.Dataset, read.ClassNames);
        }

        Dataset data = IdxReader.ReadDataset(images!, labels!, classNames?.Count ?? classCount);
        return (data, classNames);
    }

    /// <summary>Whether the CSV file's header row has a column named <paramref name="labelColumn"/>.</summary>
    public static bool CsvHasColumn(string path, string labelColumn)
    {
        using var parser = OpenCsv(path);
        try
        {
            return parser.Read() && Array.IndexOf(parser.Record ?? [], labelColumn) >= 0;
        }
        catch (CsvHelperException ex)
        {
            throw new InvalidDataException($"File '{path}' is not well-formed CSV: {ex.Message}", ex);
        }
    }

    /// <summary>The column names of the CSV file's header row (empty for an empty file), for error messages.</summary>
    public static string[] CsvHeader(string path)
    {
        using var parser = OpenCsv(path);
        try
        {
            return parser.Read() ? parser.Record ?? [] : [];
        }
        catch (CsvHelperException ex)
        {
            throw new InvalidDataException($"File '{path}' is not well-formed CSV: {ex.Message}", ex);
        }
    }

    /// <summary>Reads a CSV file whose every column is a numeric feature (rows to predict, without labels).</summary>
    /// <param name="path">CSV file with a header row, gzip or plain.</param>
    /// <returns>Row-major features [rows, columns] and the header names.</returns>
    /// <exception cref="InvalidDataException">The file is empty, holds no data row, or a row has a different field count than the header.</exception>
    /// <exception cref="FormatException">A cell is not a finite number (the message names the line and column).</exception>
    public static (float[] Features, string[] FeatureNames) ReadFeaturesOnly(string path)
    {
        using var parser = OpenCsv(path);
        try
        {
            return ReadFeatures(parser, path);
        }
        catch (CsvHelperException ex)
        {
            throw new InvalidDataException($"File '{path}', line {parser.RawRow}: malformed CSV: {ex.Message}", ex);
        }
    }

    private static (float[] Features, string[] FeatureNames) ReadFeatures(CsvParser parser, string path)
    {
        if (!parser.Read())
        {
            throw new InvalidDataException($"File '{path}' is empty; expected a CSV header row naming the feature columns.");
        }

        string[] header = parser.Record ?? [];
        var values = new List<float>();
        int rows = 0;
        while (parser.Read())
        {
            CsvRowCheck.RequireFieldCount(parser, header.Length, path);

            for (int j = 0; j < header.Length; j++)
            {
                string field = parser[j];
                if (!float.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out float value) || !float.IsFinite(value))
                {
                    throw new FormatException(
                        $"File '{path}', line {parser.RawRow}, column '{header[j]}': '{field}' is not a finite number; expected an invariant-culture number such as 1.5 or -2e-3.");
                }

                values.Add(value);
            }

            rows++;
        }

        if (rows == 0)
        {
            throw new InvalidDataException($"File '{path}' holds only a header row; expected at least one data row after it.");
        }

        return ([.. values], header);
    }

    private static CsvParser OpenCsv(string path)
    {
        if (!File.Exists(path) && !Directory.Exists(path))
        {
            throw new FileNotFoundException($"File '{path}' does not exist.", path);
        }

        // The engine's opener: gzip detected by its magic bytes, and a truncated gzip file refused by its trailer.
        Stream stream = DataFile.OpenRead(path);
        try
        {
            var config = new CsvConfiguration(CultureInfo.InvariantCulture) { TrimOptions = TrimOptions.Trim, IgnoreBlankLines = true };
            return new CsvParser(new StreamReader(stream), config, leaveOpen: false);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }
}
