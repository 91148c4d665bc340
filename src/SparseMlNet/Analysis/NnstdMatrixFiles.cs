using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;

namespace SparseMlNet.Analysis;

/// <summary>
/// The CSV files of <c>sparsemlnet compare</c> (RFC 4180, invariant culture): the NNSTD matrix (header "network" and the labels, one row per network)
/// and the per-layer distance of every pair (first,second,layer,distance; layers numbered from 1 at the input side).
/// </summary>
public static class NnstdMatrixFiles
{
    /// <summary>Writes the matrix: a header row "network,label…", then per network its label and its distance to every network.</summary>
    /// <param name="matrix">The distances.</param>
    /// <param name="path">File to write (created or replaced; its folder must exist).</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="IOException">The file cannot be written.</exception>
    public static void WriteMatrix(NnstdMatrix matrix, string path)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        ArgumentNullException.ThrowIfNull(path);
        Write(path, csv =>
        {
            csv.WriteField("network");
            foreach (string label in matrix.Labels)
            {
                csv.WriteField(label);
            }

            csv.NextRecord();
            for (int i = 0; i < matrix.Count; i++)
            {
                csv.WriteField(matrix.Labels[i]);
                for (int j = 0; j < matrix.Count; j++)
                {
                    csv.WriteField(Number(matrix[i, j]));
                }

                csv.NextRecord();
            }
        });
    }

    /// <summary>Writes one row per pair i &lt; j and layer: first,second,layer,distance.</summary>
    /// <param name="matrix">The distances.</param>
    /// <param name="path">File to write (created or replaced; its folder must exist).</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="IOException">The file cannot be written.</exception>
    public static void WriteLayers(NnstdMatrix matrix, string path)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        ArgumentNullException.ThrowIfNull(path);
        Write(path, csv =>
        {
            foreach (string column in (string[])["first", "second", "layer", "distance"])
            {
                csv.WriteField(column);
            }

            csv.NextRecord();
            for (int l = 0; l < matrix.LayerCount; l++)
            {
                double[,] layer = matrix.LayerDistances(l);
                for (int i = 0; i < matrix.Count; i++)
                {
                    for (int j = i + 1; j < matrix.Count; j++)
                    {
                        csv.WriteField(matrix.Labels[i]);
                        csv.WriteField(matrix.Labels[j]);
                        csv.WriteField(l + 1);
                        csv.WriteField(Number(layer[i, j]));
                        csv.NextRecord();
                    }
                }
            }
        });
    }

    private static string Number(double value) => value.ToString("0.######", CultureInfo.InvariantCulture);

    private static void Write(string path, Action<CsvWriter> body)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = new CsvWriter(text, new CsvConfiguration(CultureInfo.InvariantCulture) { NewLine = "\n" }, leaveOpen: true))
        {
            body(csv);
        }

        File.WriteAllText(path, text.ToString());
    }
}
