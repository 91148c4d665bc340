using System.IO.Compression;
using SparseMlNet.Data;

namespace SparseMlNet.Tests.Data;

/// <summary>CIFAR-10's binary format on small files written here: labels, the channel reordering, and the errors.</summary>
public sealed class Cifar10ReaderTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("sparsemlnet-cifar-");

    public void Dispose() => _folder.Delete(recursive: true);

    /// <summary>Writes records whose pixel p of record r is (r + p) % 256 and whose label is labels[r].</summary>
    internal static string Write(string path, params byte[] labels)
    {
        var bytes = new byte[labels.Length * Cifar10Reader.RecordSize];
        for (int r = 0; r < labels.Length; r++)
        {
            bytes[r * Cifar10Reader.RecordSize] = labels[r];
            for (int p = 0; p < Cifar10Reader.PixelsPerImage; p++)
            {
                bytes[(r * Cifar10Reader.RecordSize) + 1 + p] = (byte)((r + p) % 256);
            }
        }

        File.WriteAllBytes(path, bytes);
        return path;
    }

    [Fact]
    public void Read_ConcatenatesFilesAndPutsChannelsInnermost()
    {
        string a = Write(Path.Combine(_folder.FullName, "data_batch_1.bin"), 3, 7);
        string b = Write(Path.Combine(_folder.FullName, "data_batch_2.bin"), 9);

        Dataset data = Cifar10Reader.Read([a, b]);

        Assert.Equal(3, data.Count);
        Assert.Equal(3072, data.FeatureCount);
        Assert.Equal([3, 7, 9], data.Labels.ToArray());
        // Record 1, green channel (plane 1) at row 2, column 5: file byte 1 + 1024 + 2·32 + 5; feature (2·32 + 5)·3 + 1.
        int plane = 1024 + (2 * 32) + 5;
        Assert.Equal((1 + plane) % 256, data.Row(1)[(((2 * 32) + 5) * 3) + 1]);
        Assert.Equal(Cifar10Reader.Shape.InputCount, data.FeatureCount);
    }

    [Fact]
    public void Read_GzipFile()
    {
        string raw = Write(Path.Combine(_folder.FullName, "t.bin"), 1, 2);
        string gz = raw + ".gz";
        using (var output = new GZipStream(File.Create(gz), CompressionLevel.Fastest))
        {
            output.Write(File.ReadAllBytes(raw));
        }

        Assert.Equal(Cifar10Reader.Read([raw]).Features.ToArray(), Cifar10Reader.Read([gz]).Features.ToArray());
    }

    [Fact]
    public void Read_WrongRecordSizeNamesTheFileAndTheSizes()
    {
        string path = Path.Combine(_folder.FullName, "cut.bin");
        File.WriteAllBytes(path, new byte[Cifar10Reader.RecordSize + 100]);

        var error = Assert.Throws<InvalidDataException>(() => Cifar10Reader.Read([path]));

        Assert.Contains("cut.bin", error.Message);
        Assert.Contains("3073", error.Message);
    }

    [Fact]
    public void Read_LabelAboveNineIsRefused()
    {
        string path = Write(Path.Combine(_folder.FullName, "c100.bin"), 4, 42);
        var error = Assert.Throws<InvalidDataException>(() => Cifar10Reader.Read([path]));
        Assert.Contains("record 1", error.Message);
    }
}
