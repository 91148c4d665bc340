using System.Diagnostics;

namespace SparseMlNet.Examples.Tests;

/// <summary>Runs an example program (built by this project's references into examples/NAME/bin/CONFIG/) as its own process and captures its output.</summary>
internal static class ExampleRun
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    /// <summary>Runs examples/<paramref name="name"/> with <paramref name="args"/>; returns its exit code and everything it printed.</summary>
    public static (int ExitCode, string Output) Run(string name, params string[] args)
    {
        string dll = Locate(name);
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(dll);
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start dotnet.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{name} did not finish within {Timeout.TotalMinutes} minutes.");
        }

        return (process.ExitCode, stdout.Result + stderr.Result);
    }

    /// <summary>The test data file <paramref name="file"/> copied beside the tests.</summary>
    public static string TestData(string file) => Path.Combine(AppContext.BaseDirectory, "TestData", file);

    private static string Locate(string name)
    {
        // AppContext.BaseDirectory = tests/SparseMlNet.Examples.Tests/bin/<Configuration>/<tfm>/
        var output = new DirectoryInfo(AppContext.BaseDirectory);
        string tfm = output.Name;
        string configuration = output.Parent!.Name;
        var root = output.Parent!.Parent!.Parent!.Parent!.Parent!;
        string dll = Path.Combine(root.FullName, "examples", name, "bin", configuration, tfm, name + ".dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException($"The example {name} was not built at {dll}.", dll);
    }
}
