namespace SparseMlNet.Cli.Tests;

/// <summary>A model trained once by the CLI on the digits fixture (SET 64-32-10, 2 epochs), shared by the predict tests.</summary>
public sealed class DigitsModel : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("sparsemlnet-cli-model-");

    public DigitsModel()
    {
        CliRun train = CliRun.Of("train", "--train-csv", CliRun.Digits, "--hidden-sizes", "32", "--epsilon", "4", "--epochs", "2", "--batch-size", "64", "-o", _folder.FullName);
        Assert.True(train.ExitCode == 0, train.Error);
        Path = System.IO.Path.Combine(_folder.FullName, "model.spmlnet");
    }

    /// <summary>The model file.</summary>
    public string Path { get; }

    public void Dispose() => _folder.Delete(recursive: true);
}
