namespace SparseMlNet.Cli.Tests;

/// <summary>
/// Three small runs trained once by the CLI on the digits fixture for the analyze, compare and plot tests: two SET 64-32-10 networks (seeds 1 and 2,
/// 4 epochs, snapshots every 2 epochs) and a 64-16-10 network of another shape.
/// </summary>
public sealed class AnalysisRuns : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("sparsemlnet-cli-analysis-");

    public AnalysisRuns()
    {
        First = Train("first", "32", "1", snapshots: true);
        Second = Train("second", "32", "2", snapshots: false);
        OtherShape = Train("narrow", "16", "1", snapshots: false);
    }

    /// <summary>Run folder of the first SET network (model.spmlnet, metrics.csv, snapshots/).</summary>
    public string First { get; }

    /// <summary>Run folder of the second network, same shape, another seed.</summary>
    public string Second { get; }

    /// <summary>Run folder of the 64-16-10 network.</summary>
    public string OtherShape { get; }

    public static string Model(string run) => Path.Combine(run, "model.spmlnet");

    public static string Metrics(string run) => Path.Combine(run, "metrics.csv");

    public void Dispose() => _folder.Delete(recursive: true);

    private string Train(string name, string hidden, string seed, bool snapshots)
    {
        string output = Path.Combine(_folder.FullName, name);
        string[] args = ["train", "--train-csv", CliRun.Digits, "--hidden-sizes", hidden, "--epsilon", "4", "--epochs", "4", "--batch-size", "64", "--seed", seed, "-o", output];
        CliRun run = CliRun.Of(snapshots ? [.. args, "--snapshot-every", "2"] : args);
        Assert.True(run.ExitCode == 0, run.Error);
        return output;
    }
}
