using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using SparseMlNet.Analysis;
using SparseMlNet.IO;
using SparseMlNet.Networks;
using SparseMlNet.Plots;

namespace SparseMlNet.Cli.Commands;

/// <summary>
/// <c>sparsemlnet compare MODEL MODEL...</c>: pairwise sparse topology distance (NNSTD, Liu et al. 2020) of networks of one shape, as a heatmap
/// (SVG or PNG) and as CSV files (the matrix, and the distance of every layer of every pair).
/// </summary>
internal sealed class CompareCommand : Command
{
    private readonly Terminal _terminal;

    public CompareCommand(Terminal terminal)
        : base("compare", "Compare the topologies of two or more networks of the same shape with NNSTD (Liu et al. 2020; 0 = same topology up to hidden-neuron "
            + "relabelling, 1 = no connection in common). Writes a heatmap (--output) and the distances as CSV next to it.")
    {
        _terminal = terminal;
        Arguments.Add(Models);
        foreach (Option option in (Option[])[Labels, Output, Format, Matching, MatchOutput, Title])
        {
            Options.Add(option);
        }

        Validators.Add(result =>
        {
            if (result.GetValue(Models) is not { Length: >= 2 } models)
            {
                int given = result.GetValue(Models)?.Length ?? 0;
                result.AddError($"compare needs two or more models to compare; {given} given. Pass model files or snapshots, for example runs/set/snapshots/*.spmlnet.");
            }
        });
        SetAction((parse, cancellationToken) => Task.Run(() => Execute(parse, cancellationToken), CancellationToken.None));
    }

    internal Argument<string[]> Models { get; } = new("MODEL") { Description = "Two or more model files (or snapshots) with identical layer sizes.", Arity = new ArgumentArity(0, 100) };

    internal Option<string?> Labels { get; } = new("--labels") { HelpName = "NAMES", Description = "Comma-separated names of the models, in order [default: their file names, or folder names when the file names repeat]." };

    internal Option<string?> Output { get; } = new("--output", "-o")
    {
        HelpName = "FILE",
        Description = "Heatmap to write, .svg or .png (the extension chooses the format); the matrix goes to the same name with .csv, per-layer distances to -layers.csv [default: nnstd.svg, or nnstd.png with --format png].",
    };

    internal Option<PictureFormat?> Format { get; } = PictureOutput.FormatOption("Heatmap format when -o is not given: svg or png [default: svg]; with -o, the file's extension decides.");

    internal Option<NeuronMatching> Matching { get; } = new("--matching")
    {
        HelpName = "optimal|greedy",
        Description = "How hidden neurons are paired across networks: optimal (Hungarian, O(n³) per layer, as in the paper) or greedy (fast for very wide layers).",
        DefaultValueFactory = _ => NeuronMatching.Optimal,
    };

    internal Option<bool> MatchOutput { get; } = new("--match-output") { Description = "Match output neurons too, as the authors' reference code does (by default output k is class k in both networks)." };

    internal Option<string?> Title { get; } = new("--title") { HelpName = "TEXT", Description = "Heatmap title [default: \"NNSTD between N networks\"]." };

    private int Execute(ParseResult parse, CancellationToken cancellationToken) => UserErrors.Run(_terminal, () =>
    {
        string[] paths = parse.GetValue(Models)!;
        (string output, PictureFormat format) = PictureOutput.Resolve(parse.GetValue(Output), parse.GetValue(Format), "nnstd");
        IReadOnlyList<string> labels = parse.GetValue(Labels) is { } text ? SplitLabels(text, paths.Length) : DefaultLabels(paths);
        var networks = new MultilayerPerceptron[paths.Length];
        for (int i = 0; i < paths.Length; i++)
        {
            networks[i] = ModelSerializer.Load(paths[i]).Network;
            if (i > 0 && !networks[i].LayerSizes.SequenceEqual(networks[0].LayerSizes))
            {
                throw new CliException(
                    $"NNSTD compares networks of the same shape: '{paths[i]}' has layer sizes {string.Join("-", networks[i].LayerSizes)} but '{paths[0]}' has "
                    + $"{string.Join("-", networks[0].LayerSizes)}. Compare models trained on the same data with the same --hidden-sizes.");
            }
        }

        var options = new NnstdOptions { Matching = parse.GetValue(Matching), MatchOutputNeurons = parse.GetValue(MatchOutput) };
        int pairs = paths.Length * (paths.Length - 1) / 2;
        _terminal.Out.MarkupLine(Markup.Escape($"Comparing {paths.Length} networks ({string.Join("-", networks[0].LayerSizes)}): {pairs} pairs, {options.Matching.ToString().ToLowerInvariant()} matching."));
        NnstdMatrix matrix = NnstdMatrix.Compute(networks, labels, options, cancellationToken: cancellationToken);

        string title = parse.GetValue(Title) ?? string.Create(CultureInfo.InvariantCulture, $"NNSTD between {paths.Length} networks");
        NnstdPlot.Create(matrix, title).Save(output, format);
        string stem = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(output))!, Path.GetFileNameWithoutExtension(output));
        NnstdMatrixFiles.WriteMatrix(matrix, stem + ".csv");
        NnstdMatrixFiles.WriteLayers(matrix, stem + "-layers.csv");
        PrintMatrix(matrix);
        _terminal.Out.MarkupLine(Markup.Escape($"Wrote {output}, {stem}.csv and {stem}-layers.csv"));
        return 0;
    });

    /// <summary>
    /// File names without extension; a file name shared by several files (model.spmlnet in several run folders) is replaced by the file's folder name,
    /// and labels that still coincide are numbered.
    /// </summary>
    internal static IReadOnlyList<string> DefaultLabels(IReadOnlyList<string> paths)
    {
        string[] names = paths.Select(p => Path.GetFileNameWithoutExtension(p)).ToArray();
        string[] labels = names
            .Select((name, i) => names.Count(n => n == name) == 1 ? name : Path.GetFileName(Path.GetDirectoryName(Path.GetFullPath(paths[i]))) ?? name)
            .ToArray();
        return labels
            .Select((label, i) => labels.Count(l => l == label) == 1 ? label : string.Create(CultureInfo.InvariantCulture, $"{i + 1}: {label}"))
            .ToArray();
    }

    internal static string[] SplitLabels(string text, int count)
    {
        string[] labels = text.Split(',', StringSplitOptions.TrimEntries);
        if (labels.Length != count || labels.Any(l => l.Length == 0))
        {
            throw new CliException($"--labels gives {labels.Length} names for {count} files; give one non-empty name per file, separated by commas.");
        }

        return labels;
    }

    private void PrintMatrix(NnstdMatrix matrix)
    {
        var table = new Table().Border(TableBorder.Rounded).Title("NNSTD").AddColumn(string.Empty);
        foreach (string label in matrix.Labels)
        {
            table.AddColumn(new TableColumn(Markup.Escape(label)).RightAligned());
        }

        for (int i = 0; i < matrix.Count; i++)
        {
            table.AddRow([Markup.Escape(matrix.Labels[i]), .. Enumerable.Range(0, matrix.Count).Select(j => matrix[i, j].ToString("0.000", CultureInfo.InvariantCulture))]);
        }

        _terminal.Out.Write(table);
    }
}
