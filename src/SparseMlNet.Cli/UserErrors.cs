using Spectre.Console;
using SparseMlNet.Training;

namespace SparseMlNet.Cli;

/// <summary>
/// Tells errors the user can fix (missing or malformed files, out-of-range values, a diverged training) from bugs. A user error prints one red line
/// to standard error and the command exits with code 1; any other exception propagates with its stack trace.
/// </summary>
internal static class UserErrors
{
    /// <summary>Exit code of a user error.</summary>
    public const int ExitCode = 1;

    /// <summary>Exit code of a command-line usage error (unknown option, unparsable or conflicting values), as System.CommandLine reports them.</summary>
    public const int UsageExitCode = 2;

    /// <summary>Exit code after Ctrl+C (128 + SIGINT).</summary>
    public const int CancelledExitCode = 130;

    /// <summary>Whether <paramref name="exception"/> reports a problem with the user's input or environment rather than a bug.</summary>
    public static bool IsUserError(Exception exception) => exception is
        IOException or InvalidDataException or FormatException or UnauthorizedAccessException or TrainingDivergedException or CliException
        or InsufficientMemoryException
        || (exception is ArgumentException && exception is not ArgumentNullException);

    /// <summary>Runs a command body, turning user errors into a one-line message and exit code 1.</summary>
    public static int Run(Terminal terminal, Func<int> body)
    {
        try
        {
            return body();
        }
        catch (Exception ex) when (IsUserError(ex))
        {
            Report(terminal, ex is ArgumentException ? WithoutParameterSuffix(ex.Message) : ex.Message);
            return ExitCode;
        }
    }

    /// <summary>Drops the " (Parameter 'x')" and "Actual value was …" parts .NET appends to argument exception messages, so the error stays one clean line.</summary>
    public static string WithoutParameterSuffix(string message)
    {
        int cut = message.IndexOf(" (Parameter '", StringComparison.Ordinal);
        return cut >= 0 ? message[..cut] : message;
    }

    /// <summary>Reports a usage error the way System.CommandLine's parse errors are reported: the error, then where to find the usage.</summary>
    /// <param name="terminal">Where to write.</param>
    /// <param name="message">The problem and its fix.</param>
    /// <param name="command">The subcommand, or null for the root command.</param>
    public static void ReportUsage(Terminal terminal, string message, string? command)
    {
        Report(terminal, message);
        terminal.ErrorWriter.WriteLine($"Run 'sparsemlnet{(command is null ? string.Empty : " " + command)} --help' for usage.");
    }

    /// <summary>Prints "error: message" in red on one line.</summary>
    /// <remarks>Red on a terminal; plain text, never wrapped, when standard error is redirected.</remarks>
    /// <param name="terminal">Where to write.</param>
    /// <param name="message">What went wrong and how to fix it.</param>
    /// <param name="label">The prefix: "error" (red) or, for example, "stopped" (yellow).</param>
    public static void Report(Terminal terminal, string message, string label = "error")
    {
        string line = message.ReplaceLineEndings(" ");
        if (terminal.Error.Profile.Capabilities.Interactive)
        {
            string colour = label == "error" ? "red" : "yellow";
            terminal.Error.MarkupLine($"[{colour}]{label}:[/] {Markup.Escape(line)}");
        }
        else
        {
            terminal.ErrorWriter.WriteLine($"{label}: {line}");
        }
    }
}
