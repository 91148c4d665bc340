using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using SparseMlNet.Data;

namespace SparseMlNet.ML.Tests.Support;

/// <summary>
/// The digits data as an uncompressed text file read with ML.NET's TextLoader, whose GetOutputSchema() gives the public way to a
/// <see cref="SchemaShape"/> of real data (ML.NET keeps SchemaShape.Create internal).
/// </summary>
internal static class DigitsText
{
    private static readonly Lazy<string> File = new(Write);

    public static string Path => File.Value;

    /// <summary>A loader whose Label column has <paramref name="labelKind"/> (or is a key of 10 values when <paramref name="asKey"/>) and whose Features are Vector&lt;Single, 64&gt;.</summary>
    public static TextLoader Loader(MLContext ml, DataKind labelKind = DataKind.Single, bool asKey = false)
    {
        var label = new TextLoader.Column("Label", labelKind, 0);
        if (asKey)
        {
            label = new TextLoader.Column("Label", DataKind.UInt32, [new TextLoader.Range(0)], new KeyCount(10));
        }

        var features = new TextLoader.Column("Features", DataKind.Single, 1, 64);
        var options = new TextLoader.Options { Columns = [label, features], Separators = [','], HasHeader = false };
        return ml.Data.CreateTextLoader(options);
    }

    private static string Write()
    {
        var data = CsvDatasetReader.Read(System.IO.Path.Combine(AppContext.BaseDirectory, "TestData", "sklearn_digits.csv.gz")).Dataset;
        string path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"sparsemlnet-digits-{Environment.ProcessId}.csv");
        using var writer = new StreamWriter(path);
        for (int i = 0; i < data.Count; i++)
        {
            writer.Write(data.Labels[i].ToString(CultureInfo.InvariantCulture));
            foreach (float v in data.Row(i))
            {
                writer.Write(',');
                writer.Write(v.ToString(CultureInfo.InvariantCulture));
            }

            writer.WriteLine();
        }

        return path;
    }
}
