namespace SparseMlNet.Cli.Tests;

/// <summary>Runs the CLI in-process on a plain (non-interactive, colourless) terminal and captures what it writes.</summary>
internal sealed class CliRun
{
    private CliRun(int exitCode, string output, string error)
    {
        ExitCode = exitCode;
        Output = output;
        Error = error;
    }

    public int ExitCode { get; }

    public string Output { get; }

    public string Error { get; }

    public static CliRun Of(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        int code = Program.RunAsync(args, Terminal.Plain(output, error)).GetAwaiter().GetResult();
        return new CliRun(code, output.ToString(), error.ToString());
    }

    /// <summary>Absolute path of the digits fixture next to the test assembly.</summary>
    public static string Digits => Path.Combine(AppContext.BaseDirectory, "TestData", "sklearn_digits.csv.gz");
}
