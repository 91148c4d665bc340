using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Spectre.Console;
using SparseMlNet.Analysis;
using SparseMlNet.Analysis.Charts;
using SparseMlNet.IO;
using SparseMlNet.Networks;

namespace SparseMlNet.Cli.Commands;

/// <summary>
/// <c>sparsemlnet analyze MODEL</c>: the topology of a trained network as pictures. Writes, to the output folder, one log-log degree distribution per
/// neuron layer and direction (against the Erdős–Rényi binomial and, when given, the initial topology, with a power-law fit of the tail),
/// powerlaw.json and powerlaw.txt with the statistics, input-connectivity.csv, and the input connectivity map (an image for image data, ranked bars otherwise),
/// plus its evolution over the snapshots that <c>train --snapshot-every</c> saved.
/// </summary>
internal sealed class AnalyzeCommand : Command
{
    /// <summary>Most snapshots drawn side by side in input-map-evolution.svg (evenly spaced, first and last always included).</summary>
    public const int MaxEvolutionPanels = 6;

    private readonly Terminal _terminal;

    public AnalyzeCommand(Terminal terminal)
        : base("analyze", "Analyse a trained model's topology: degree distributions (log-log, against the Erdős–Rényi binomial, with a power-law fit), "
            + "the input connectivity map and its evolution over training snapshots. Writes SVG pictures, powerlaw.json and powerlaw.txt to --output.")
    {
        _terminal = terminal;
        Arguments.Add(Model);
        foreach (Option option in (Option[])[Initial, Snapshots, ImageShapeOption, Output, Bootstrap, MinTail, Top])
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
        IReadOnlyList<(string Label, string Path)> snapshots = parse.GetValue(Snapshots) is { } snapshotFolder ? SnapshotFiles(snapshotFolder) : [];
        string? initialPath = parse.GetValue(Initial) ?? snapshots.FirstOrDefault(s => Path.GetFileNameWithoutExtension(s.Path) == TrainCommand.SnapshotName(0)).Path;
        MultilayerPerceptron? initial = initialPath is null ? null : LoadSameShape(initialPath, network, modelPath);
        Directory.CreateDirectory(folder);
        string name = Path.Combine(Path.GetFileName(Path.GetDirectoryName(Path.GetFullPath(modelPath))) ?? string.Empty, Path.GetFileName(modelPath)).Replace('\\', '/');
        var written = new List<string>();

        // Degree distributions and power-law fits.
        var rows = new List<DegreeRow>();
        var fitOptions = new PowerLawFitOptions { MinTailCount = minTail, BootstrapReplicates = bootstrap, Seed = 1 };
        int last = network.Layers.Count;
        for (int h = 0; h <= last; h++)
        {
            foreach (DegreeDirection direction in (DegreeDirection[])[DegreeDirection.In, DegreeDirection.Out])
            {
                if ((direction == DegreeDirection.In && h == 0) || (direction == DegreeDirection.Out && h == last))
                {
                    continue;
                }

                cancellationToken.ThrowIfCancellationRequested();
                var trained = DegreeDistribution.Of(network, h, direction);
                DegreeDistribution? start = initial is null ? null : DegreeDistribution.Of(initial, h, direction);
                double[] binomial = ErdosRenyiDegrees.ExpectedPmf(network, h, direction);
                PowerLawFit.TryFit(trained.Degrees.ToArray(), out PowerLawFit? fit, fitOptions);
                var row = new DegreeRow(h, direction, LayerName(h, last), trained, start, binomial, fit);
                rows.Add(row);
                var observed = new List<(string, DegreeDistribution)>();
                if (start is not null)
                {
                    observed.Add(("initial topology", start));
                }

                observed.Add(("trained", trained));
                string file = Path.Combine(folder, $"degree-layer{h}-{(direction == DegreeDirection.In ? "in" : "out")}.svg");
                AnalysisCharts.DegreeDistribution(
                    $"{row.LayerName} {(direction == DegreeDirection.In ? "in-degree (fan-in)" : "out-degree (fan-out)")}, {name}",
                    observed,
                    binomial,
                    fit is null ? null : (fit, trained)).Save(file);
                written.Add(file);
            }
        }

        WriteStatistics(folder, modelPath, network, rows, fitOptions, written);

        // Input connectivity.
        var map = InputConnectivity.Of(network);
        written.Add(WriteInputConnectivity(folder, map, model.FeatureNames, shape));
        if (shape is { } image)
        {
            string counts = Path.Combine(folder, "input-map.svg");
            AnalysisCharts.InputMap(map, image, InputMapQuantity.Connections, $"Input connectivity, {name}").Save(counts);
            string strength = Path.Combine(folder, "input-strength.svg");
            AnalysisCharts.InputMap(map, image, InputMapQuantity.Strength, $"Input strength, {name}").Save(strength);
            written.Add(counts);
            written.Add(strength);
            if (snapshots.Count > 0)
            {
                var panels = Spread(snapshots, MaxEvolutionPanels)
                    .Select(s => (s.Label, InputConnectivity.Of(LoadSameShape(s.Path, network, modelPath))))
                    .ToArray();
                string evolution = Path.Combine(folder, "input-map-evolution.svg");
                AnalysisCharts.InputMapEvolution(panels, image, InputMapQuantity.Connections, $"Input connectivity during training ({Path.GetFileName(parse.GetValue(Snapshots)!.TrimEnd('/', '\\'))})").Save(evolution);
                written.Add(evolution);
            }
        }
        else
        {
            string ranking = Path.Combine(folder, "input-ranking.svg");
            AnalysisCharts.FeatureRanking(map, model.FeatureNames, top, InputMapQuantity.Connections, $"Most connected inputs, {name}").Save(ranking);
            written.Add(ranking);
            if (snapshots.Count > 0)
            {
                _terminal.Out.MarkupLine("[yellow]note:[/] the input map evolution needs an image layout; give --image-shape to draw it.");
            }
        }

        PrintSummary(network, rows, shape, written);
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

    /// <summary>At most <paramref name="count"/> items, evenly spaced, always with the first and the last.</summary>
    internal static IReadOnlyList<T> Spread<T>(IReadOnlyList<T> items, int count)
    {
        if (items.Count <= count)
        {
            return items;
        }

        return Enumerable.Range(0, count).Select(i => items[(int)Math.Round(i * (items.Count - 1) / (double)(count - 1))]).ToArray();
    }

    private static string LayerName(int h, int last) =>
        h == 0 ? "Input layer" : h == last ? "Output layer" : string.Create(CultureInfo.InvariantCulture, $"Hidden layer {h}");

    private static void WriteStatistics(string folder, string modelPath, MultilayerPerceptron network, List<DegreeRow> rows, PowerLawFitOptions fitOptions, List<string> written)
    {
        string json = Path.Combine(folder, "powerlaw.json");
        using (var stream = File.Create(json))
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteString("model", Path.GetFullPath(modelPath));
            writer.WriteString("layerSizes", string.Join("-", network.LayerSizes));
            writer.WriteString("method", "Degree distributions per neuron layer; binomial expectation with p = layer density (Erdős–Rényi MLE); discrete power-law MLE of the tail, x_min by minimum KS distance (Clauset, Shalizi and Newman 2009).");
            writer.WriteNumber("minTailCount", fitOptions.MinTailCount);
            writer.WriteNumber("bootstrapReplicates", fitOptions.BootstrapReplicates);
            writer.WriteStartArray("distributions");
            foreach (DegreeRow row in rows)
            {
                writer.WriteStartObject();
                writer.WriteNumber("neuronLayer", row.Layer);
                writer.WriteString("layer", row.LayerName);
                writer.WriteString("direction", row.Direction == DegreeDirection.In ? "in" : "out");
                WriteDistribution(writer, "trained", row.Trained, row.Binomial);
                if (row.Initial is not null)
                {
                    WriteDistribution(writer, "initial", row.Initial, row.Binomial);
                }

                if (row.Fit is { } fit)
                {
                    writer.WriteStartObject("powerLaw");
                    writer.WriteNumber("alpha", fit.Alpha);
                    writer.WriteNumber("alphaStandardError", fit.StandardError);
                    writer.WriteNumber("xMin", fit.XMin);
                    writer.WriteNumber("ksDistance", fit.KolmogorovSmirnov);
                    writer.WriteNumber("tailCount", fit.TailCount);
                    writer.WriteNumber("positiveCount", fit.SampleCount);
                    if (double.IsNaN(fit.PValue))
                    {
                        writer.WriteNull("pValue");
                    }
                    else
                    {
                        writer.WriteNumber("pValue", fit.PValue);
                    }

                    writer.WriteEndObject();
                }
                else
                {
                    writer.WriteNull("powerLaw");
                }

                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        string text = Path.Combine(folder, "powerlaw.txt");
        var table = new StringBuilder();
        table.AppendLine(CultureInfo.InvariantCulture, $"Topology of {Path.GetFullPath(modelPath)} ({string.Join("-", network.LayerSizes)})");
        table.AppendLine("KS/TV vs ER: distance of the degree distribution from the Erdős–Rényi binomial (p = layer density). Power law: Clauset et al. 2009.");
        table.AppendLine();
        table.AppendLine("layer            dir  neurons     mean       sd  KS vs ER  TV vs ER  | initial KS      alpha  x_min   KS D  tail      p");
        foreach (DegreeRow row in rows)
        {
            string initialKs = row.Initial is null ? "-" : row.Initial.KolmogorovSmirnovDistance(row.Binomial).ToString("0.000", CultureInfo.InvariantCulture);
            string fitText = row.Fit is { } f
                ? string.Create(CultureInfo.InvariantCulture, $"{f.Alpha,9:0.00} {f.XMin,6} {f.KolmogorovSmirnov,6:0.000} {f.TailCount,5} {(double.IsNaN(f.PValue) ? "-" : f.PValue.ToString("0.00", CultureInfo.InvariantCulture)),6}")
                : "   (no power-law tail: too few distinct degrees)";
            table.AppendLine(CultureInfo.InvariantCulture, $"{row.LayerName,-16} {(row.Direction == DegreeDirection.In ? "in" : "out"),-4} {row.Trained.NeuronCount,7} {row.Trained.Mean,8:0.00} {Math.Sqrt(row.Trained.Variance),8:0.00} {row.Trained.KolmogorovSmirnovDistance(row.Binomial),9:0.000} {row.Trained.TotalVariationDistance(row.Binomial),9:0.000}  | {initialKs,10} {fitText}");
        }

        File.WriteAllText(text, table.ToString());
        written.Add(json);
        written.Add(text);
    }

    /// <summary>input-connectivity.csv: per input its index, name or pixel position, connections and strength.</summary>
    private static string WriteInputConnectivity(string folder, InputConnectivity map, IReadOnlyList<string>? names, ImageShape? shape)
    {
        string path = Path.Combine(folder, "input-connectivity.csv");
        var text = new StringBuilder(shape is null ? "input,name,connections,strength\n" : "input,row,column,channel,connections,strength\n");
        for (int i = 0; i < map.InputCount; i++)
        {
            string where = shape is { } s
                ? string.Create(CultureInfo.InvariantCulture, $"{i / s.Channels / s.Width},{i / s.Channels % s.Width},{i % s.Channels}")
                : Csv(names?[i] ?? string.Create(CultureInfo.InvariantCulture, $"feature {i}"));
            text.Append(CultureInfo.InvariantCulture, $"{i},{where},{map.Connections[i]},{map.Strength[i].ToString("0.######", CultureInfo.InvariantCulture)}\n");
        }

        File.WriteAllText(path, text.ToString());
        return path;
    }

    private static string Csv(string field) =>
        field.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : field;

    private static void WriteDistribution(Utf8JsonWriter writer, string name, DegreeDistribution distribution, double[] binomial)
    {
        writer.WriteStartObject(name);
        writer.WriteNumber("neurons", distribution.NeuronCount);
        writer.WriteNumber("mean", distribution.Mean);
        writer.WriteNumber("variance", distribution.Variance);
        writer.WriteNumber("min", distribution.Min);
        writer.WriteNumber("max", distribution.Max);
        writer.WriteNumber("ksToBinomial", distribution.KolmogorovSmirnovDistance(binomial));
        writer.WriteNumber("totalVariationToBinomial", distribution.TotalVariationDistance(binomial));
        writer.WriteStartArray("counts");
        foreach (int count in distribution.Counts)
        {
            writer.WriteNumberValue(count);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private void PrintSummary(MultilayerPerceptron network, List<DegreeRow> rows, ImageShape? shape, List<string> written)
    {
        var table = new Table().Border(TableBorder.Rounded)
            .Title(Markup.Escape($"Topology of {Names.Of(network.Kind)} {string.Join("-", network.LayerSizes)}"))
            .AddColumn("Layer").AddColumn("Degree").AddColumn(new TableColumn("Mean ± sd").RightAligned())
            .AddColumn(new TableColumn("KS vs ER").RightAligned()).AddColumn(new TableColumn("α").RightAligned())
            .AddColumn(new TableColumn("x_min").RightAligned()).AddColumn(new TableColumn("KS D").RightAligned());
        foreach (DegreeRow row in rows)
        {
            table.AddRow(
                Markup.Escape(row.LayerName),
                row.Direction == DegreeDirection.In ? "in" : "out",
                string.Create(CultureInfo.InvariantCulture, $"{row.Trained.Mean:0.0} ± {Math.Sqrt(row.Trained.Variance):0.0}"),
                row.Trained.KolmogorovSmirnovDistance(row.Binomial).ToString("0.000", CultureInfo.InvariantCulture),
                row.Fit?.Alpha.ToString("0.00", CultureInfo.InvariantCulture) ?? "-",
                row.Fit?.XMin.ToString(CultureInfo.InvariantCulture) ?? "-",
                row.Fit?.KolmogorovSmirnov.ToString("0.000", CultureInfo.InvariantCulture) ?? "-");
        }

        _terminal.Out.Write(table);
        _terminal.Out.MarkupLine(Markup.Escape(shape is { } s ? $"Input map laid out as {s}." : "Inputs ranked by connections (no image layout)."));
        foreach (string file in written)
        {
            _terminal.Out.MarkupLine(Markup.Escape($"Wrote {file}"));
        }
    }

    private sealed record DegreeRow(int Layer, DegreeDirection Direction, string LayerName, DegreeDistribution Trained, DegreeDistribution? Initial, double[] Binomial, PowerLawFit? Fit);
}
