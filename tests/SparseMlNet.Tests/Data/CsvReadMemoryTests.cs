using System.Globalization;
using System.Text;
using SparseMlNet.Data;
using SparseMlNet.Tests.Kernels;

namespace SparseMlNet.Tests.Data;

/// <summary>Runs alone (no parallel tests), so the process's live heap measures the reader's own buffers.</summary>
[Collection(KernelPathCollection.Name)]
public sealed class CsvReadMemoryTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"sparsemlnet-csv-memory-{Guid.NewGuid():N}.csv");

    public void Dispose() => File.Delete(_path);

    [Fact]
    public void Read_HoldsAtMostTwiceTheFeatureMatrixPlusOneMegabyte()
    {
        // 3001 rows × 1000 features: a 12 MB float matrix, a row count just past a power of two times the chunk size.
        const int rows = 3001, features = 1000;
        var random = new Random(5);
        using (var writer = new StreamWriter(_path, false, new UTF8Encoding(false)))
        {
            writer.Write("label");
            for (int j = 0; j < features; j++)
            {
                writer.Write(string.Create(CultureInfo.InvariantCulture, $",f{j}"));
            }

            writer.WriteLine();
            for (int i = 0; i < rows; i++)
            {
                writer.Write(i % 3);
                for (int j = 0; j < features; j++)
                {
                    writer.Write(string.Create(CultureInfo.InvariantCulture, $",{random.Next(1000) / 10.0}"));
                }

                writer.WriteLine();
            }
        }

        long matrix = 4L * rows * features;
        long baseline = GC.GetTotalMemory(forceFullCollection: true);
        long peak = 0;
        CsvDatasetReader.BufferAllocated = () => peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: true) - baseline);
        Dataset data;
        try
        {
            data = CsvDatasetReader.Read(_path).Dataset;
        }
        finally
        {
            CsvDatasetReader.BufferAllocated = null;
        }

        long retained = GC.GetTotalMemory(forceFullCollection: true) - baseline;
        Assert.Equal(rows * features, data.Features.Length);
        Assert.True(peak > matrix, $"The measurement saw {peak:N0} bytes live, less than the matrix ({matrix:N0}).");
        // The megabyte covers the parser's buffers, the label texts and the unused end of the last 256 KB row chunk. Growing one array by
        // doubling, as the reader did before, peaks at 28 MB here (16 MB capacity + the 12 MB exact copy).
        Assert.True(peak <= (2 * matrix) + (1 << 20), $"Reading held {peak:N0} bytes live at its peak for a {matrix:N0}-byte matrix.");
        Assert.True(retained < 1.1 * matrix, $"Reading retained {retained:N0} bytes for a {matrix:N0}-byte matrix.");
        GC.KeepAlive(data);
    }
}
