using System.CommandLine;
using System.CommandLine.Invocation;
using SparseMlNet.Cli.Commands;

namespace SparseMlNet.Cli;

/// <summary>Entry point of the <c>sparsemlnet</c> command: one subcommand per file under Commands/, each a thin layer from arguments to engine options.</summary>
/// <remarks>
/// Exit codes: 0 success; 1 a user error (missing or malformed file, value out of range, diverged training), reported on one red line;
/// 2 a usage error (unknown option, unparsable or conflicting values); 130 stopped with Ctrl+C. Any other exception is a bug and propagates with its stack trace.
/// </remarks>
internal static class Program
{
    private static async Task<int> Main(string[] args)
    {
        // The first Ctrl+C asks the running command to stop cleanly (train finishes its mini-batch, keeps metrics.csv and reports); a second one kills the process.
        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            if (!stop.IsCancellationRequested)
            {
                e.Cancel = true;
                stop.Cancel();
            }
        };
        return await RunAsync(args, Terminal.System(), stop.Token).ConfigureAwait(false);
    }

    /// <summary>Parses and runs a command line; the testable entry point.</summary>
    /// <param name="args">The arguments after the program name.</param>
    /// <param name="terminal">Where output and errors go.</param>
    /// <param name="cancellationToken">Stops a running command (Ctrl+C); it then exits with code 130.</param>
    internal static async Task<int> RunAsync(string[] args, Terminal terminal, CancellationToken cancellationToken = default)
    {
        var root = new RootCommand("SparseMlNet: truly sparse neural networks (SET-MLP, FixProb, dense baselines, QuickSelection) from the command line.");
        foreach (Command command in Commands(terminal))
        {
            root.Subcommands.Add(command);
        }

        ParseResult parse = root.Parse(args);
        if (parse.Action is ParseErrorAction)
        {
            for (int i = 0; i < parse.Errors.Count - 1; i++)
            {
                UserErrors.Report(terminal, parse.Errors[i].Message);
            }

            UserErrors.ReportUsage(terminal, parse.Errors[^1].Message, parse.CommandResult.Command == root ? null : parse.CommandResult.Command.Name);
            return UserErrors.UsageExitCode;
        }

        var configuration = new InvocationConfiguration
        {
            EnableDefaultExceptionHandler = false,
            ProcessTerminationTimeout = null, // Ctrl+C is handled in Main, so the command can report before the process exits.
            Output = terminal.OutWriter,
            Error = terminal.ErrorWriter,
        };
        return await parse.InvokeAsync(configuration, cancellationToken).ConfigureAwait(false);
    }

    private static IEnumerable<Command> Commands(Terminal terminal)
    {
        yield return new TrainCommand(terminal);
        yield return new PredictCommand(terminal);
        yield return new AnalyzeCommand(terminal);
        yield return new CompareCommand(terminal);
        yield return new PlotCommand(terminal);
        yield return new SelectCommand(terminal);
    }
}
