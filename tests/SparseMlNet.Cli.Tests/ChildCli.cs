using System.Diagnostics;

namespace SparseMlNet.Cli.Tests;

/// <summary>Runs the real CLI (SparseMlNet.Cli.dll next to the tests) in a child process, for what only a fresh process can show: core counts, heap limits.</summary>
internal static class ChildCli
{
    /// <summary>Runs <c>dotnet SparseMlNet.Cli.dll args</c> with extra environment variables and returns its exit code and standard error.</summary>
    public static (int ExitCode, string Error) Run(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "SparseMlNet.Cli.dll"));
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using Process process = Process.Start(start)!;
        Task<string> error = process.StandardError.ReadToEndAsync();
        _ = process.StandardOutput.ReadToEnd();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(5)), "the CLI did not finish in five minutes");
        return (process.ExitCode, error.Result);
    }
}
