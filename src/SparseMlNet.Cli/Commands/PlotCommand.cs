using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using SparseMlNet.IO;
using SparseMlNet.Plots;

namespace SparseMlNet.Cli.Commands;

/// <summary><c>sparsemlnet plot METRICS...</c>: learning curves (accuracy and loss per epoch) of one or more training runs on shared axes, as SVG or PNG.</summary>
internal sealed class PlotCommand : Command
{
    private readonly Terminal _terminal;

    public PlotCommand(Terminal terminal)
        : base("plot", "Plot learning curves (accuracy and loss per epoch; test solid, training dashed) of one or more runs from the metrics.csv files that train writes.")
    {
        _terminal = terminal;
        Arguments.Add(Metrics);
        foreach (Option option in (Option[])[Labels, Output, Format, Title])
        {
            Options.Add(option);
        }

        SetAction(parse => Execute(parse));
    }

    internal Argument<string[]> Metrics { get; } = new("METRICS") { Description = "metrics.csv files written by train (one per run).", Arity = new ArgumentArity(1, 20) };

    internal Option<string?> Labels { get; } = new("--labels") { HelpName = "NAMES", Description = "Comma-separated run names, in order [default: the folder of each file, such as set, fixprob, dense]." };

    internal Option<string?> Output { get; } = new("--output", "-o")
    {
        HelpName = "FILE",
        Description = "Picture to write, .svg or .png (the extension chooses the format) [default: curves.svg, or curves.png with --format png].",
    };

    internal Option<PictureFormat?> Format { get; } = PictureOutput.FormatOption("Picture format when -o is not given: svg or png [default: svg]; with -o, the file's extension decides.");

    internal Option<string?> Title { get; } = new("--title") { HelpName = "TEXT", Description = "Title above the charts [default: \"Learning curves\"]." };

    private int Execute(ParseResult parse) => UserErrors.Run(_terminal, () =>
    {
        string[] paths = parse.GetValue(Metrics)!;
        (string output, PictureFormat format) = PictureOutput.Resolve(parse.GetValue(Output), parse.GetValue(Format), "curves");
        IReadOnlyList<string> labels = parse.GetValue(Labels) is { } text
            ? CompareCommand.SplitLabels(text, paths.Length)
            : RunLabels(paths);
        var runs = paths.Select((p, i) => (labels[i], MetricsCsv.Read(p))).ToArray();
        LearningCurvesPlot.Create(runs, parse.GetValue(Title) ?? "Learning curves").Save(output, format);
        foreach (var (label, log) in runs)
        {
            double best = log.TestAccuracy.Where(double.IsFinite).DefaultIfEmpty(double.NaN).Max();
            string line = string.Create(CultureInfo.InvariantCulture, $"{label}: {log.Count} epochs, final train loss {log.TrainLoss[^1]:0.0000}");
            if (!double.IsNaN(best))
            {
                line += string.Create(CultureInfo.InvariantCulture, $", best test accuracy {best * 100:0.00}%");
            }

            _terminal.Out.MarkupLine(Markup.Escape(line));
        }

        _terminal.Out.MarkupLine(Markup.Escape($"Wrote {output}"));
        return 0;
    });

    /// <summary>The folder name of each metrics file (runs/set/metrics.csv → set), or the file name when folders repeat.</summary>
    internal static IReadOnlyList<string> RunLabels(IReadOnlyList<string> paths)
    {
        string[] folders = paths.Select(p => Path.GetFileName(Path.GetDirectoryName(Path.GetFullPath(p))) ?? p).ToArray();
        return folders.Distinct(StringComparer.Ordinal).Count() == folders.Length ? folders : CompareCommand.DefaultLabels(paths);
    }
}
