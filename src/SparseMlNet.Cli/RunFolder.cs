namespace SparseMlNet.Cli;

/// <summary>
/// The output folder of one <c>train</c> run, held exclusively for the run's duration and marked incomplete until its model is saved.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>Lock: the run holds <c>.sparsemlnet.lock</c> in the folder open with <see cref="FileShare.None"/> (an advisory <c>flock</c> on Linux and macOS,
/// a sharing lock on Windows); a second run into the same folder is refused instead of interleaving its rows of metrics.csv with the first's.
/// The operating system releases the lock when the process ends, however it ends. The lock file stays (deleting it on close would let a run
/// waiting on the old file and a new run each lock a different file).</item>
/// <item>Incomplete marker: <c>INCOMPLETE</c> is written before run.json and metrics.csv and deleted only after model.spmlnet is saved, so a folder
/// left by a kill, a Ctrl+C, a divergence or any error says that its files describe a run whose model was never saved. A model left by an
/// earlier run in the same folder is deleted at the start, so the folder never pairs one run's model with another run's metrics.</item>
/// </list>
/// </remarks>
internal sealed class RunFolder : IDisposable
{
    /// <summary>Name of the marker file present while the run has not saved its model.</summary>
    public const string IncompleteMarker = "INCOMPLETE";

    private const string LockName = ".sparsemlnet.lock";

    private readonly FileStream _lock;

    private RunFolder(string path, FileStream lockFile)
    {
        Path = path;
        _lock = lockFile;
    }

    /// <summary>The folder.</summary>
    public string Path { get; }

    /// <summary>Creates the folder if needed, locks it, removes an earlier run's model and marks the run incomplete.</summary>
    /// <param name="path">The folder (--output).</param>
    /// <param name="modelFileName">The model file the run will save, for example "model.spmlnet".</param>
    /// <returns>The locked folder; dispose it to release the lock.</returns>
    /// <exception cref="CliException"><paramref name="path"/> is a file, or another run holds the folder.</exception>
    public static RunFolder Open(string path, string modelFileName)
    {
        if (File.Exists(path))
        {
            throw new CliException($"--output '{path}' is a file; give a folder for model.spmlnet, metrics.csv and run.json.");
        }

        Directory.CreateDirectory(path);
        string lockPath = System.IO.Path.Combine(path, LockName);
        FileStream lockFile;
        try
        {
            lockFile = new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None);
        }
        catch (IOException ex)
        {
            throw new CliException(
                $"The output folder '{path}' is in use by another train run (it holds '{lockPath}'); wait for that run to finish or give another --output.", ex);
        }

        try
        {
            File.WriteAllText(
                System.IO.Path.Combine(path, IncompleteMarker),
                $"This run has not finished: {modelFileName} is saved last, and this file is deleted once it is. If no train run is writing here, the run was stopped or failed, and run.json and metrics.csv describe a run without a model.\n");
            File.Delete(System.IO.Path.Combine(path, modelFileName));
            return new RunFolder(path, lockFile);
        }
        catch
        {
            lockFile.Dispose();
            throw;
        }
    }

    /// <summary>Marks the run complete: call after the model is saved.</summary>
    public void Complete() => File.Delete(System.IO.Path.Combine(Path, IncompleteMarker));

    /// <summary>Releases the lock.</summary>
    public void Dispose() => _lock.Dispose();
}
