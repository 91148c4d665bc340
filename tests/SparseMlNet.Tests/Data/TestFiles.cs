using System.IO.Compression;

namespace SparseMlNet.Tests.Data;

/// <summary>Paths of the copied real-data fixtures, and a temporary folder for crafted (often corrupt) files.</summary>
internal sealed class TestFiles : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("sparsemlnet-data-tests-");

    public const string FashionImages = "fashion_mnist_t1k-images-idx3-ubyte.gz";
    public const string FashionLabels = "fashion_mnist_t1k-labels-idx1-ubyte.gz";
    public const string Digits = "sklearn_digits.csv.gz";
    public const string Golub = "golub_leukemia.csv.gz";
    public const string MadelonTrain = "madelon_train.csv.gz";

    /// <summary>Absolute path of a fixture in TestData/ next to the test assembly.</summary>
    public static string Fixture(string name)
    {
        string path = Path.Combine(AppContext.BaseDirectory, "TestData", name);
        Assert.True(File.Exists(path), $"Missing test fixture {path}");
        return path;
    }

    /// <summary>Writes raw bytes to a new file in the temporary folder and returns its path.</summary>
    public string WriteBytes(string name, byte[] content)
    {
        string path = Path.Combine(_folder.FullName, name);
        File.WriteAllBytes(path, content);
        return path;
    }

    /// <summary>Writes gzip-compressed bytes to a new file in the temporary folder and returns its path.</summary>
    public string WriteGzip(string name, byte[] content)
    {
        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(content);
        }

        return WriteBytes(name, compressed.ToArray());
    }

    /// <summary>Writes text (UTF-8, no BOM) to a new file in the temporary folder and returns its path.</summary>
    public string WriteText(string name, string content)
    {
        string path = Path.Combine(_folder.FullName, name);
        File.WriteAllText(path, content);
        return path;
    }

    public void Dispose() => _folder.Delete(recursive: true);
}
