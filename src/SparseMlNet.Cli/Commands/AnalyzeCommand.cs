using SparseMlNet.Data;
using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using Spectre.Console;
using SparseMlNet.Analysis;
using SparseMlNet.IO;
using SparseMlNet.Networks;
using SparseMlNet.Plots;

namespace SparseMlNet.Cli.Commands;

/// <summary>
/// <c>sparsemlnet analyze MODEL</c>: the topology of a trained network as pictures (SVG or PNG, <c>--format</c>). The engine's
/// <see cref="TopologyReport"/> computes the numbers, SparseMlNet.Plots' <see cref="TopologyPictures"/> draws them. Writes, to the output folder, one log-log degree distribution per
/// neuron layer and direction (against the Erdős–Rényi binomial and, when given, the initial topology, with a power-law fit of the tail),
/// powerlaw.json and powerlaw.txt with the statistics, input-connectivity.csv, and the input connectivity map (an image for image data, ranked bars otherwise),
/// plus its evolution over the snapshots that <c>train --snapshot-every</c> saved.
/// </summary>
internal sealed class AnalyzeCommand : Command
{
    private readonly Terminal _terminal;

    public AnalyzeCommand(Terminal terminal)
        : base("analyze", "Analyse a trained model's topology: degree distributions (log-log, against the Erdős–Rényi binomial, with a power-law fit), "
            + "the input connectivity map and its evolution over training snapshots. Writes the pictures (SVG or PNG, --format), powerlaw.json, powerlaw.txt and input-connectivity.csv to --output.")
    {
        _terminal = terminal;
        Arguments.Add(Model);
        foreach (Option option in (Option[])[Initial, Snapshots, ImageShapeOption, Output, Format, Bootstrap, MinTail, Top])
        {
            Options.Add(option);
        }

        SetAction((parse, cancellationToken) => Task.Run(() => Execute(parse, cancellationToken), CancellationToken.None));
    }

    internal Argument<string> Model { get; } = new("MODEL") { Description = "Model file written by train (model.spmlnet) or a snapshot of it." };

    internal Option<string?> Initial { get; } = new("--initial")
    {
        HelpName = "FILE",
        Description = "The same network's initial topology (snapshots/epoch-000.spmlnet from train --snapshot-every), drawn next to the trained degrees "
            + "[default: epoch-000 of --snapshots when present].",
    };

    internal Option<string?> Snapshots { get; } = new("--snapshots")
    {
        HelpName = "DIR",
        Description = "Folder of topology snapshots (train --snapshot-every writes OUTPUT/snapshots); draws the input map at up to six of them.",
    };

    internal Option<string?> ImageShapeOption { get; } = new("--image-shape")
    {
        HelpName = "HxW[xC]",
        Description = "Lay the inputs out as an image of this shape, for example 28x28 [default: a square when the model has no feature names and a square number of inputs; otherwise ranked bars].",
    };

    internal Option<string?> Output { get; } = new("--output", "-o") { HelpName = "DIR", Description = "Folder for the pictures and statistics (created if missing) [default: analysis next to MODEL]." };

    internal Option<PictureFormat> Format { get; } = new("--format")
    {
        HelpName = "svg|png",
        Description = "Format of the pictures: svg (vector, text kept as text) or png (raster) [default: svg].",
        DefaultValueFactory = _ => PictureFormat.Svg,
    };

    internal Option<int> Bootstrap { get; } = new("--bootstrap")
    {
        HelpName = "N",
        Description = "Bootstrap replicates for the power-law goodness-of-fit p-value (Clauset et al. 2009); 0 skips it, 100 gives a rough value. ≥ 0.",
        DefaultValueFactory = _ => 0,
    };

    internal Option<int> MinTail { get; } = new("--min-tail")
    {
        HelpName = "N",
        Description = "Smallest tail (neurons at or above x_min) a power-law fit may use; ≥ 2.",
        DefaultValueFactory = _ => new PowerLawFitOptions().MinTailCount,
    };

    internal Option<int> Top { get; } = new("--top") { HelpName = "N", Description = "Features in the ranked bar chart of non-image inputs; ≥ 1.", DefaultValueFactory = _ => 30 };

    private int Execute(ParseResult parse, CancellationToken cancellationToken) => UserErrors.Run(_terminal, () =>
    {
        string modelPath = parse.GetValue(Model)!;
        int bootstrap = parse.GetValue(Bootstrap);
        int minTail = parse.GetValue(MinTail);
        int top = parse.GetValue(Top);
        if (bootstrap < 0 || minTail < 2 || top < 1)
        {
            UserErrors.ReportUsage(_terminal, bootstrap < 0 ? "--bootstrap cannot be negative; use 0 to skip the p-value." : minTail < 2 ? "--min-tail must be at least 2." : "--top must be at least 1.", Name);
            return UserErrors.UsageExitCode;
        }

        ModelBundle model = ModelSerializer.Load(modelPath);
        MultilayerPerceptron network = model.Network;
        string folder = parse.GetValue(Output) ?? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(modelPath))!, "analysis");
        ImageShape? shape = ResolveShape(parse.GetValue(ImageShapeOption), model);
        string? snapshotFolder = parse.GetValue(Snapshots);
        IReadOnlyList<(string Label, string Path)> snapshots = snapshotFolder is null ? [] : SnapshotFiles(snapshotFolder);
        string? initialPath = parse.GetValue(Initial) ?? snapshots.FirstOrDefault(s => Path.GetFileNameWithoutExtension(s.Path) == TrainCommand.SnapshotName(0)).Path;
        MultilayerPerceptron? initial = initialPath is null ? null : LoadSameShape(initialPath, network, modelPath);

        // The evolution is drawn only on an image layout, so only then are the snapshots (evenly spread, at most six) loaded.
        (string Label, MultilayerPerceptron Network)[] evolution = shape is null
            ? []
            : TopologyPictures.Spread(snapshots, TopologyPictures.MaxEvolutionPanels).Select(s => (s.Label, LoadSameShape(s.Path, network, modelPath))).ToArray();
        var fitOptions = new PowerLawFitOptions { MinTailCount = minTail, BootstrapReplicates = bootstrap, Seed = 1 };
        TopologyReport report = TopologyReport.Compute(network, initial, evolution, fitOptions, cancellationToken);

        Directory.CreateDirectory(folder);
        string name = Path.Combine(Path.GetFileName(Path.GetDirectoryName(Path.GetFullPath(modelPath))) ?? string.Empty, Path.GetFileName(modelPath)).Replace('\\', '/');
        string? evolutionTitle = snapshotFolder is null ? null : $"Input connectivity during training ({Path.GetFileName(snapshotFolder.TrimEnd('/', '\\'))})";
        var written = new List<string>(TopologyPictures.Write(report, folder, parse.GetValue(Format), name, shape, model.FeatureNames, top, evolutionTitle));
        string json = Path.Combine(folder, "powerlaw.json");
        string text = Path.Combine(folder, "powerlaw.txt");
        string connectivity = Path.Combine(folder, "input-connectivity.csv");
        TopologyReportFiles.WriteJson(report, json, modelPath);
        TopologyReportFiles.WriteText(report, text, modelPath);
        TopologyReportFiles.WriteInputConnectivity(report.Inputs, connectivity, model.FeatureNames, shape);
        written.AddRange([json, text, connectivity]);
        if (shape is null && snapshots.Count > 0)
        {
            _terminal.Out.MarkupLine("[yellow]note:[/] the input map evolution needs an image layout; give --image-shape to draw it.");
        }

        PrintSummary(network, report, shape, written);
        return 0;
    });

    /// <summary>The image shape: --image-shape, else a square for an unnamed square number of inputs, else null (tabular).</summary>
    private ImageShape? ResolveShape(string? text, ModelBundle model)
    {
        if (text is not null)
        {
            ImageShape parsed = ImageShape.Parse(text);
            parsed.Validate(model.Network.InputCount, ImageShapeOption.Name);
            return parsed;
        }

        int side = (int)Math.Round(Math.Sqrt(model.Network.InputCount));
        if (model.FeatureNames is null && side * side == model.Network.InputCount && side >= 4)
        {
            _terminal.Out.MarkupLine(Markup.Escape($"Inputs laid out as a {side}x{side} image (give --image-shape to change)."));
            return new ImageShape(side, side);
        }

        return null;
    }

    private static MultilayerPerceptron LoadSameShape(string path, MultilayerPerceptron reference, string referencePath)
    {
        MultilayerPerceptron other = ModelSerializer.Load(path).Network;
        if (!other.LayerSizes.SequenceEqual(reference.LayerSizes))
        {
            throw new CliException(
                $"'{path}' has layer sizes {string.Join("-", other.LayerSizes)} but '{referencePath}' has {string.Join("-", reference.LayerSizes)}; "
                + "snapshots and the initial topology must come from the same training run.");
        }

        return other;
    }

    /// <summary>The model files of a snapshot folder, in name order (epoch-000, epoch-010, …), labelled "epoch 10" and so on.</summary>
    internal static IReadOnlyList<(string Label, string Path)> SnapshotFiles(string folder)
    {
        if (!Directory.Exists(folder))
        {
            throw new CliException($"Snapshot folder '{folder}' does not exist; train --snapshot-every N writes OUTPUT/snapshots.");
        }

        string[] files = Directory.GetFiles(folder, "*" + ModelSerializer.FileExtension).OrderBy(f => f, StringComparer.Ordinal).ToArray();
        if (files.Length == 0)
        {
            throw new CliException($"Snapshot folder '{folder}' holds no {ModelSerializer.FileExtension} files; train --snapshot-every N writes them.");
        }

        return files.Select(f =>
        {
            string stem = Path.GetFileNameWithoutExtension(f);
            string label = stem.StartsWith("epoch-", StringComparison.Ordinal) && int.TryParse(stem.AsSpan(6), NumberStyles.None, CultureInfo.InvariantCulture, out int epoch)
                ? string.Create(CultureInfo.InvariantCulture, $"epoch {epoch}")
                : stem;
            return (label, f);
        }).ToArray();
    }

    private void PrintSummary(MultilayerPerceptron network, TopologyReport report, ImageShape? shape, List<string> written)
    {
        var table = new Table().Border(TableBorder.Rounded)
            .Title(Markup.Escape($"Topology of {Names.Of(network.Kind)} {string.Join("-", network.LayerSizes)}"))
            .AddColumn("Layer").AddColumn("Degree").AddColumn(new TableColumn("Mean ± sd").RightAligned())
            .AddColumn(new TableColumn("KS vs ER").RightAligned()).AddColumn(new TableColumn("α").RightAligned())
            .AddColumn(new TableColumn("x_min").RightAligned()).AddColumn(new TableColumn("KS D").RightAligned());
        foreach (LayerDegrees row in report.Degrees)
        {
            table.AddRow(
                Markup.Escape(row.LayerName),
                row.DirectionName,
                string.Create(CultureInfo.InvariantCulture, $"{row.Trained.Mean:0.0} ± {Math.Sqrt(row.Trained.Variance):0.0}"),
                row.KolmogorovSmirnovToErdosRenyi.ToString("0.000", CultureInfo.InvariantCulture),
                row.PowerLaw?.Alpha.ToString("0.00", CultureInfo.InvariantCulture) ?? "-",
                row.PowerLaw?.XMin.ToString(CultureInfo.InvariantCulture) ?? "-",
                row.PowerLaw?.KolmogorovSmirnov.ToString("0.000", CultureInfo.InvariantCulture) ?? "-");
        }

        _terminal.Out.Write(table);
        _terminal.Out.MarkupLine(Markup.Escape(shape is { } s ? $"Input map laid out as {s}." : "Inputs ranked by connections (no image layout)."));
        foreach (string file in written)
        {
            _terminal.Out.MarkupLine(Markup.Escape($"Wrote {file}"));
        }
    }
}
