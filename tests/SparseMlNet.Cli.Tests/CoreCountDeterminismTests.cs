using System.Security.Cryptography;

namespace SparseMlNet.Cli.Tests;

/// <summary>
/// Equal seeds give bit-identical models whatever the number of cores: <c>sparsemlnet train</c> runs in child processes under
/// <c>DOTNET_PROCESSOR_COUNT</c> 1, 2 and 5, which changes how every parallel kernel splits its work.
/// </summary>
public sealed class CoreCountDeterminismTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("sparsemlnet-cli-cores-");

    public void Dispose() => _folder.Delete(recursive: true);

    [Theory]
    [InlineData("set")]
    [InlineData("dense")]
    public void Train_SameSeedOnOneTwoAndFiveCores_GivesBitIdenticalModels(string kind)
    {
        // Layers of 1000 x 100 hold more than 16,384 weights, so the optimiser step is split across cores.
        string[] hashes = [.. new[] { 1, 2, 5 }.Select(cores => TrainedModelHash(kind, cores))];

        Assert.Equal(hashes[0], hashes[1]);
        Assert.Equal(hashes[0], hashes[2]);
    }

    private string TrainedModelHash(string kind, int cores)
    {
        string output = Path.Combine(_folder.FullName, $"{kind}-{cores}");
        var (exitCode, error) = ChildCli.Run(
            // Dense: the managed GEMM (OpenBLAS's threaded sgemm splits its sums by thread count; README, "Reproducible").
            new Dictionary<string, string> { ["DOTNET_PROCESSOR_COUNT"] = cores.ToString(System.Globalization.CultureInfo.InvariantCulture), ["SPARSEMLNET_GEMM"] = "managed" },
            "train", "--train-csv", CliRun.Digits, "--kind", kind, "--hidden-sizes", "1000,100", "--epochs", "2", "--batch-size", "100", "--seed", "5", "-o", output);
        Assert.True(exitCode == 0, error);
        return Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(Path.Combine(output, "model.spmlnet"))));
    }
}
