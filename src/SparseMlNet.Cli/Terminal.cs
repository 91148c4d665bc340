using Spectre.Console;

namespace SparseMlNet.Cli;

/// <summary>Where the CLI writes: rich output (progress, tables) and errors, plus the plain writers System.CommandLine uses for help and parse errors.</summary>
/// <param name="Out">Standard output, for progress, per-epoch lines and summaries.</param>
/// <param name="Error">Standard error, for one-line error messages.</param>
/// <param name="OutWriter">Plain standard output (help text).</param>
/// <param name="ErrorWriter">Plain standard error (parse errors).</param>
internal sealed record Terminal(IAnsiConsole Out, IAnsiConsole Error, TextWriter OutWriter, TextWriter ErrorWriter)
{
    /// <summary>Line width for output that is not a terminal: wide enough that per-epoch lines never wrap in logs.</summary>
    private const int RedirectedWidth = 200;

    /// <summary>The process's console.</summary>
    /// <remarks>Redirected output (a log file, a pipe) gets no ANSI codes, no progress bar and wide lines.</remarks>
    public static Terminal System() => new(
        Console.IsOutputRedirected ? Create(Console.Out, RedirectedWidth) : AnsiConsole.Console,
        Console.IsErrorRedirected ? Create(Console.Error, RedirectedWidth) : AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) }),
        Console.Out,
        Console.Error);

    /// <summary>A non-interactive terminal without colours writing to the given writers (tests, redirected runs).</summary>
    public static Terminal Plain(TextWriter output, TextWriter error) => new(
        Create(output),
        Create(error),
        output,
        error);

    private static IAnsiConsole Create(TextWriter writer, int width = RedirectedWidth)
    {
        IAnsiConsole console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = width;
        return console;
    }
}
