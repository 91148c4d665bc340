using System.Security.Cryptography;
using System.Text.RegularExpressions;
using SparseMlNet.IO;
using SparseMlNet.Networks;
using SparseMlNet.Networks.Activations;
using SparseMlNet.Networks.Losses;

namespace SparseMlNet.Tests.IO;

/// <summary>Checksum messages that tell the digests apart, stale temporary files of killed saves, directories given as model paths.</summary>
public sealed partial class SaveIntegrityTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("sparsemlnet-save-");

    public void Dispose() => _folder.Delete(recursive: true);

    [Fact]
    public void Load_FlippedByte_PrintsBothWholeDigests()
    {
        string path = Path.Combine(_folder.FullName, "m.spmlnet");
        ModelSerializer.Save(Model(), path);
        byte[] bytes = File.ReadAllBytes(path);
        string stored = Convert.ToHexString(bytes.AsSpan(bytes.Length - 32));
        bytes[bytes.Length / 2] ^= 0x01;
        string computed = Convert.ToHexString(SHA256.HashData(bytes.AsSpan(0, bytes.Length - 32)));
        File.WriteAllBytes(path, bytes);

        var ex = Assert.Throws<InvalidDataException>(() => ModelSerializer.Load(path));

        Assert.Contains(stored, ex.Message, StringComparison.Ordinal);
        Assert.Contains(computed, ex.Message, StringComparison.Ordinal);
        Assert.Equal(2, HexDigest().Matches(ex.Message).Count);
    }

    [Fact]
    public void Save_RemovesOldTemporaryFilesOfTheSameTargetOnly()
    {
        string path = Path.Combine(_folder.FullName, "model.spmlnet");
        string stale = Path.Combine(_folder.FullName, $".model.spmlnet.{Guid.NewGuid():N}.tmp");
        string recent = Path.Combine(_folder.FullName, $".model.spmlnet.{Guid.NewGuid():N}.tmp");
        string other = Path.Combine(_folder.FullName, $".other.spmlnet.{Guid.NewGuid():N}.tmp");
        foreach (string file in new[] { stale, recent, other })
        {
            File.WriteAllBytes(file, new byte[1000]);
        }

        File.SetLastWriteTimeUtc(stale, DateTime.UtcNow.AddMinutes(-5));
        File.SetLastWriteTimeUtc(other, DateTime.UtcNow.AddMinutes(-5));

        ModelSerializer.Save(Model(), path);

        Assert.False(File.Exists(stale));
        Assert.True(File.Exists(recent));
        Assert.True(File.Exists(other));
    }

    [Fact]
    public void SaveAndLoad_Directory_SayItIsADirectory()
    {
        var save = Assert.Throws<IOException>(() => ModelSerializer.Save(Model(), _folder.FullName));
        var load = Assert.Throws<UnauthorizedAccessException>(() => ModelSerializer.Load(_folder.FullName));

        Assert.Contains("is a directory", save.Message, StringComparison.Ordinal);
        Assert.Contains("is a directory", load.Message, StringComparison.Ordinal);
    }

    private static ModelBundle Model() => new(
        MultilayerPerceptron.Create(NetworkKind.Set, [8, 6, 3], 2, ActivationKind.Relu, ActivationKind.Identity, LossKind.SoftmaxCrossEntropy, 1), null, null);

    [GeneratedRegex("[0-9A-F]{64}")]
    private static partial Regex HexDigest();
}
