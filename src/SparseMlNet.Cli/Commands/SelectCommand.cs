using System.CommandLine;
using System.CommandLine.Parsing;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using CsvHelper;
using Spectre.Console;
using SparseMlNet.Data;
using SparseMlNet.FeatureSelection;
using SparseMlNet.FeatureSelection.Evaluation;
using SparseMlNet.Networks.Activations;

namespace SparseMlNet.Cli.Commands;

/// <summary>
/// <c>sparsemlnet select</c>: unsupervised feature selection with QuickSelection on a CSV or IDX file. Writes ranking.csv (feature, score, rank; every feature,
/// best first) and, when the data has labels, evaluates the k selected features as the QuickSelection paper does (extremely-randomised-trees accuracy on held-out
/// data or by stratified cross-validation; k-means clustering accuracy) against random and variance selections, printing a table and writing evaluation.csv.
/// </summary>
internal sealed class SelectCommand : Command
{
    private readonly Terminal _terminal;

    public SelectCommand(Terminal terminal)
        : base("select", "Select the k most informative features without labels (QuickSelection: a SET-trained sparse denoising autoencoder, features ranked by "
            + "input neuron strength). Writes ranking.csv to --output; with labels, also scores the selection against random and variance baselines (evaluation.csv).")
    {
        _terminal = terminal;
        foreach (Option option in (Option[])[
            Csv, Images, Labels, LabelColumn, TestCsv, TestImages, TestLabels, SelectedCounts, Folds, RandomRepeats, ClusteringRuns, NoEvaluation,
            HiddenNeurons, Epsilon, Zeta, Noise, LearningRate, Momentum, WeightDecay, Dropout, BatchSize, Epochs, OutputActivation, EvolveDecoder, RegrowthScale,
            Scaling, DropConstant, Seed, Output])
        {
            Options.Add(option);
        }

        Validators.Add(ValidateDataOptions);
        SetAction((parse, cancellationToken) => Task.Run(() => Execute(parse, cancellationToken), CancellationToken.None));
    }

    internal Option<string?> Csv { get; } = new("--csv") { HelpName = "FILE", Description = "Data to select features from: CSV with a header row (gzip or plain). The label column is optional; without it nothing is evaluated." };

    internal Option<string?> Images { get; } = new("--images") { HelpName = "FILE", Description = "Data as IDX images (gzip or raw), one feature per pixel." };

    internal Option<string?> Labels { get; } = new("--labels") { HelpName = "FILE", Description = "Optional IDX labels of --images, for the evaluation." };

    internal Option<string> LabelColumn { get; } = new("--label-column") { HelpName = "NAME", Description = "Label column of the CSV files; never used for the selection itself.", DefaultValueFactory = _ => "label" };

    internal Option<string?> TestCsv { get; } = new("--test-csv") { HelpName = "FILE", Description = "Held-out labelled CSV with the same columns: the downstream classifier is scored on it instead of by cross-validation." };

    internal Option<string?> TestImages { get; } = new("--test-images") { HelpName = "FILE", Description = "Held-out IDX images; needs --test-labels." };

    internal Option<string?> TestLabels { get; } = new("--test-labels") { HelpName = "FILE", Description = "Held-out IDX labels." };

    internal Option<int[]> SelectedCounts { get; } = new("--k")
    {
        HelpName = "K",
        Description = "Number of features to select, or several comma-separated (e.g. 50,100): one training run, each k evaluated.",
        Required = true,
        CustomParser = ParseCounts,
    };

    internal Option<int> Folds { get; } = new("--folds") { HelpName = "N", Description = "Without held-out data: stratified cross-validation folds for the downstream accuracy; ≥ 2.", DefaultValueFactory = _ => 5 };

    internal Option<int> RandomRepeats { get; } = new("--random-repeats") { HelpName = "N", Description = "Random selections averaged for the random baseline; ≥ 1.", DefaultValueFactory = _ => 5 };

    internal Option<int> ClusteringRuns { get; } = new("--clustering-runs") { HelpName = "N", Description = "k-means clusterings (10 restarts each) averaged for the clustering accuracy; ≥ 1.", DefaultValueFactory = _ => 10 };

    internal Option<bool> NoEvaluation { get; } = new("--no-evaluate") { Description = "Only rank the features; skip the evaluation and baselines." };

    internal Option<int> HiddenNeurons { get; } = new("--hidden") { HelpName = "N", Description = "Hidden neurons of the autoencoder; ≥ 1.", DefaultValueFactory = _ => QuickSelectionOptions.Defaults.HiddenNeurons };

    internal Option<double> Epsilon { get; } = new("--epsilon") { HelpName = "ε", Description = "ε of the Erdős–Rényi initialisation; > 0.", DefaultValueFactory = _ => QuickSelectionOptions.Defaults.Epsilon };

    internal Option<double> Zeta { get; } = new("--zeta") { HelpName = "ζ", Description = "Fraction of each sign's weights SET replaces per epoch; in [0, 1).", DefaultValueFactory = _ => QuickSelectionOptions.Defaults.Zeta };

    internal Option<float> Noise { get; } = new("--noise") { HelpName = "σ", Description = "Standard deviation of the Gaussian input corruption, in scaled units; ≥ 0.", DefaultValueFactory = _ => QuickSelectionOptions.Defaults.NoiseFactor };

    internal Option<float> LearningRate { get; } = new("--learning-rate") { HelpName = "η", Description = "SGD learning rate; > 0.", DefaultValueFactory = _ => QuickSelectionOptions.Defaults.LearningRate };

    internal Option<float> Momentum { get; } = new("--momentum") { HelpName = "μ", Description = "Classical momentum; in [0, 1).", DefaultValueFactory = _ => QuickSelectionOptions.Defaults.Momentum };

    internal Option<float> WeightDecay { get; } = new("--weight-decay") { HelpName = "λ", Description = "Fraction of each weight removed per step; in [0, 1).", DefaultValueFactory = _ => QuickSelectionOptions.Defaults.WeightDecay };

    internal Option<float> Dropout { get; } = new("--dropout") { HelpName = "RATE", Description = "Dropout rate of the hidden layer; in [0, 1).", DefaultValueFactory = _ => QuickSelectionOptions.Defaults.Dropout };

    internal Option<int> BatchSize { get; } = new("--batch-size") { HelpName = "N", Description = "Mini-batch size; ≥ 1.", DefaultValueFactory = _ => QuickSelectionOptions.Defaults.BatchSize };

    internal Option<int> Epochs { get; } = new("--epochs") { HelpName = "N", Description = "Training epochs; ≥ 1.", DefaultValueFactory = _ => QuickSelectionOptions.Defaults.Epochs };

    internal Option<ActivationKind?> OutputActivation { get; } = new("--output-activation")
    {
        HelpName = "identity|tanh",
        Description = "Activation of the reconstruction layer [default: identity]; the paper used tanh for Madelon.",
    };

    internal Option<bool> EvolveDecoder { get; } = new("--evolve-decoder") { Description = "Let SET evolve the decoder too, as the reference implementation does (default: encoder only)." };

    internal Option<double> RegrowthScale { get; } = new("--regrowth-scale")
    {
        HelpName = "S",
        Description = "Scale of regrown weights relative to initial ones, in [0, 1]; 0 starts them at zero.",
        DefaultValueFactory = _ => QuickSelectionOptions.Defaults.RegrowthWeightScale,
    };

    internal Option<ScalingKind?> Scaling { get; } = new("--scaling") { HelpName = "standardize|minmax|none", Description = "Feature scaling before training [default: standardize]." };

    internal Option<bool> DropConstant { get; } = new("--drop-constant") { Description = "Leave constant columns out (score 0) instead of stopping with an error." };

    internal Option<int> Seed { get; } = new("--seed") { HelpName = "N", Description = "Seed of the selection, the baselines and the evaluation; equal seeds give equal results.", DefaultValueFactory = _ => QuickSelectionOptions.Defaults.Seed };

    internal Option<string> Output { get; } = new("--output", "-o") { HelpName = "DIR", Description = "Folder for ranking.csv and evaluation.csv (created if missing).", DefaultValueFactory = _ => Path.Combine("runs", "select") };

    /// <summary>The QuickSelection options the command line asks for.</summary>
    internal QuickSelectionOptions SelectionOptions(SymbolResult parse) => new()
    {
        HiddenNeurons = parse.GetValue(HiddenNeurons),
        Epsilon = parse.GetValue(Epsilon),
        Zeta = parse.GetValue(Zeta),
        NoiseFactor = parse.GetValue(Noise),
        LearningRate = parse.GetValue(LearningRate),
        Momentum = parse.GetValue(Momentum),
        WeightDecay = parse.GetValue(WeightDecay),
        Dropout = parse.GetValue(Dropout),
        BatchSize = parse.GetValue(BatchSize),
        Epochs = parse.GetValue(Epochs),
        OutputActivation = parse.GetValue(OutputActivation) ?? ActivationKind.Identity,
        EvolveDecoder = parse.GetValue(EvolveDecoder),
        RegrowthWeightScale = parse.GetValue(RegrowthScale),
        Scaling = parse.GetValue(Scaling) ?? ScalingKind.Standardize,
        DropConstantFeatures = parse.GetValue(DropConstant),
        Seed = parse.GetValue(Seed),
    };

    private static int[]? ParseCounts(ArgumentResult result)
    {
        string text = string.Join(",", result.Tokens.Select(t => t.Value));
        var counts = new List<int>();
        foreach (string part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out int k) || k < 1)
            {
                result.AddError($"--k: '{part}' is not a feature count; give positive integers separated by commas, such as 20 or 50,100.");
                return [];
            }

            counts.Add(k);
        }

        if (counts.Count == 0)
        {
            result.AddError("--k: give the number of features to select, such as 20.");
        }

        return [.. counts.Distinct().Order()];
    }

    private void ValidateDataOptions(CommandResult result)
    {
        bool csv = result.GetValue(Csv) is not null;
        bool images = result.GetValue(Images) is not null;
        if (csv == images)
        {
            result.AddError("Give the data with either --csv or --images.");
        }

        if (result.GetValue(Labels) is not null && !images)
        {
            result.AddError("--labels belongs to --images.");
        }

        if ((result.GetValue(TestImages) is null) != (result.GetValue(TestLabels) is null))
        {
            result.AddError("--test-images and --test-labels go together: give both or neither.");
        }

        if (result.GetValue(TestCsv) is not null && result.GetValue(TestImages) is not null)
        {
            result.AddError("Give either --test-csv or --test-images, not both.");
        }

        if (result.GetValue(OutputActivation) is { } activation && activation is not (ActivationKind.Identity or ActivationKind.Tanh))
        {
            result.AddError("--output-activation must be identity or tanh.");
        }
    }

    private string? CheckRanges(QuickSelectionOptions options, SymbolResult parse)
    {
        if (parse.GetValue(Folds) < 2)
        {
            return $"{Folds.Name}: cross-validation needs at least 2 folds, such as 5.";
        }

        if (parse.GetValue(ClusteringRuns) < 1)
        {
            return $"{ClusteringRuns.Name}: run k-means at least once, such as 10 times.";
        }

        if (parse.GetValue(RandomRepeats) < 1)
        {
            return $"{RandomRepeats.Name}: average at least 1 random selection, such as 5.";
        }

        try
        {
            options.Validate();
            return null;
        }
        catch (ArgumentException ex)
        {
            string option = ex.ParamName switch
            {
                nameof(QuickSelectionOptions.HiddenNeurons) => HiddenNeurons.Name,
                nameof(QuickSelectionOptions.Epsilon) => Epsilon.Name,
                nameof(QuickSelectionOptions.Zeta) => Zeta.Name,
                nameof(QuickSelectionOptions.NoiseFactor) => Noise.Name,
                nameof(QuickSelectionOptions.LearningRate) => LearningRate.Name,
                nameof(QuickSelectionOptions.Momentum) => Momentum.Name,
                nameof(QuickSelectionOptions.WeightDecay) => WeightDecay.Name,
                nameof(QuickSelectionOptions.Dropout) => Dropout.Name,
                nameof(QuickSelectionOptions.BatchSize) => BatchSize.Name,
                nameof(QuickSelectionOptions.Epochs) => Epochs.Name,
                nameof(QuickSelectionOptions.RegrowthWeightScale) => RegrowthScale.Name,
                _ => Name,
            };
            return $"{option}: {WithoutParameterSuffix(ex.Message)}";
        }
    }

    private static string WithoutParameterSuffix(string message)
    {
        int cut = message.IndexOf(" (Parameter '", StringComparison.Ordinal);
        return cut >= 0 ? message[..cut] : message;
    }

    private int Execute(ParseResult parse, CancellationToken cancellationToken) => UserErrors.Run(_terminal, () =>
    {
        QuickSelectionOptions options = SelectionOptions(parse.CommandResult);
        if (CheckRanges(options, parse.CommandResult) is { } problem)
        {
            UserErrors.ReportUsage(_terminal, problem, Name);
            return UserErrors.UsageExitCode;
        }

        int[] counts = parse.GetValue(SelectedCounts)!;
        (float[] features, int featureCount, Dataset? labelled, IReadOnlyList<string> names, string source) = ReadData(parse);
        int largest = counts[^1];
        if (largest > featureCount)
        {
            throw new CliException($"--k {largest} asks for more features than '{source}' has ({featureCount}); give k between 1 and {featureCount}.");
        }

        Dataset? test = labelled is null || parse.GetValue(NoEvaluation) ? null : ReadTest(parse, labelled);
        string folder = parse.GetValue(Output)!;
        Directory.CreateDirectory(folder);
        _terminal.Out.MarkupLine(Markup.Escape(string.Create(
            CultureInfo.InvariantCulture,
            $"QuickSelection on {source}: {features.Length / featureCount} samples x {featureCount} features; autoencoder {featureCount}-{options.HiddenNeurons}-{featureCount}, ε {options.Epsilon}, ζ {options.Zeta}, noise {options.NoiseFactor}, {options.Epochs} epochs, seed {options.Seed}.")));

        var selection = new QuickSelection(options);
        selection.EpochCompleted += (_, m) =>
        {
            if (m.Epoch == 1 || m.Epoch % 10 == 0 || m.Epoch == options.Epochs)
            {
                _terminal.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  epoch {m.Epoch,4}/{options.Epochs}  reconstruction MSE {m.TrainLoss:F4}"));
            }
        };

        var clock = Stopwatch.StartNew();
        QuickSelectionResult result;
        try
        {
            result = selection.Fit(features, featureCount, largest, names, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            UserErrors.Report(_terminal, "Selection stopped; nothing was written.", "stopped");
            return UserErrors.CancelledExitCode;
        }
        catch (ArgumentException ex) when (ex is not ArgumentNullException)
        {
            // Data problems found by the engine (constant or missing columns): report them without .NET's " (Parameter 'features')" suffix.
            throw new CliException($"'{source}': {WithoutParameterSuffix(ex.Message)}", ex);
        }

        double seconds = clock.Elapsed.TotalSeconds;
        string rankingPath = Path.Combine(folder, "ranking.csv");
        WriteRanking(rankingPath, result.Selector, names);
        AutoencoderTopology topology = result.Topology;
        _terminal.Out.MarkupLine(Markup.Escape(string.Create(
            CultureInfo.InvariantCulture,
            $"Trained in {seconds:F2} s; encoder {topology.EncoderConnections} connections (density {topology.EncoderDensity:P2}), {topology.ConnectedInputs} of {topology.Features} inputs connected. Wrote {rankingPath}.")));
        _terminal.Out.MarkupLine(Markup.Escape($"Top {Math.Min(largest, 20)}: {string.Join(", ", result.SelectedIndicesByRank[..Math.Min(largest, 20)].ToArray().Select(j => names[j]))}"));

        if (labelled is null || parse.GetValue(NoEvaluation))
        {
            if (labelled is null)
            {
                _terminal.Out.MarkupLine(Markup.Escape("The data has no labels, so the selection is not evaluated."));
            }

            return 0;
        }

        var rows = Evaluate(parse, result.Selector, seconds, labelled, test, counts, cancellationToken);
        string evaluationPath = Path.Combine(folder, "evaluation.csv");
        WriteEvaluation(evaluationPath, rows);
        PrintTable(rows, test is null ? $"{parse.GetValue(Folds)}-fold stratified CV" : "held-out test set");
        _terminal.Out.MarkupLine(Markup.Escape($"Wrote {evaluationPath}."));
        return 0;
    });

    private List<EvaluationRow> Evaluate(
        ParseResult parse, FeatureSelector quick, double quickSeconds, Dataset data, Dataset? test, int[] counts, CancellationToken cancellationToken)
    {
        int seed = parse.GetValue(Seed);
        var evaluation = new SelectionEvaluationOptions { Folds = parse.GetValue(Folds), ClusteringRuns = parse.GetValue(ClusteringRuns), Seed = seed };
        var clock = Stopwatch.StartNew();
        FeatureSelector variance = VarianceSelection.Fit(data.Features, data.FeatureCount, counts[^1], data.FeatureNames);
        double varianceSeconds = clock.Elapsed.TotalSeconds;
        int repeats = parse.GetValue(RandomRepeats);
        var rows = new List<EvaluationRow>();
        foreach (int k in counts)
        {
            cancellationToken.ThrowIfCancellationRequested();
            _terminal.Out.MarkupLine(Markup.Escape($"Evaluating k = {k} …"));
            rows.Add(new EvaluationRow(SelectionEvaluator.Evaluate(quick.WithSelectedCount(k), data, test, evaluation), quickSeconds));
            rows.Add(new EvaluationRow(SelectionEvaluator.Evaluate(variance.WithSelectedCount(k), data, test, evaluation), varianceSeconds));
            var randomScores = new List<SelectionScore>();
            double randomSeconds = 0;
            for (int r = 0; r < repeats; r++)
            {
                clock.Restart();
                FeatureSelector random = RandomSelection.Fit(data.FeatureCount, k, seed + r, data.FeatureNames);
                randomSeconds += clock.Elapsed.TotalSeconds;
                randomScores.Add(SelectionEvaluator.Evaluate(random, data, test, evaluation));
            }

            rows.Add(new EvaluationRow(
                new SelectionScore(
                    repeats == 1 ? "Random" : string.Create(CultureInfo.InvariantCulture, $"Random (mean of {repeats})"),
                    k,
                    randomScores.Average(s => s.Accuracy),
                    StandardDeviation(randomScores.Select(s => s.Accuracy)),
                    randomScores.Average(s => s.ClusteringAccuracy),
                    StandardDeviation(randomScores.Select(s => s.ClusteringAccuracy)),
                    randomScores[0].Protocol),
                randomSeconds / repeats));
        }

        return rows;
    }

    /// <summary>Population standard deviation of the random selections' scores (MathNet.Numerics).</summary>
    private static double StandardDeviation(IEnumerable<double> values) => MathNet.Numerics.Statistics.Statistics.PopulationStandardDeviation(values);

    private void PrintTable(List<EvaluationRow> rows, string protocol)
    {
        var table = new Table().Border(TableBorder.Rounded).Title(Markup.Escape($"Downstream evaluation ({protocol}; extremely randomised trees, 50 trees; k-means clustering accuracy)"));
        table.AddColumns("Method", "k", "Accuracy", "Clustering accuracy", "Seconds");
        foreach (EvaluationRow row in rows)
        {
            SelectionScore s = row.Score;
            table.AddRow(
                Markup.Escape(s.Method),
                s.SelectedCount.ToString(CultureInfo.InvariantCulture),
                string.Create(CultureInfo.InvariantCulture, $"{s.Accuracy:F3} ± {s.AccuracyStdDev:F3}"),
                string.Create(CultureInfo.InvariantCulture, $"{s.ClusteringAccuracy:F3} ± {s.ClusteringStdDev:F3}"),
                string.Create(CultureInfo.InvariantCulture, $"{row.Seconds:F3}"));
        }

        _terminal.Out.Write(table);
    }

    /// <summary>Reads the data; feature names come from the CSV header, or are the column indices for IDX images.</summary>
    private (float[] Features, int FeatureCount, Dataset? Labelled, IReadOnlyList<string> Names, string Source) ReadData(ParseResult parse)
    {
        if (parse.GetValue(Csv) is { } csv)
        {
            string labelColumn = parse.GetValue(LabelColumn)!;
            if (DataLoading.CsvHasColumn(csv, labelColumn))
            {
                (Dataset data, _) = DataLoading.ReadLabelled(null, null, csv, labelColumn, null, null);
                return (data.Features.ToArray(), data.FeatureCount, data, data.FeatureNames ?? IndexNames(data.FeatureCount), csv);
            }

            (float[] features, string[] names) = DataLoading.ReadFeaturesOnly(csv);
            return (features, names.Length, null, names, csv);
        }

        string images = parse.GetValue(Images)!;
        if (parse.GetValue(Labels) is { } labels)
        {
            Dataset data = IdxReader.ReadDataset(images, labels, null);
            return (data.Features.ToArray(), data.FeatureCount, data, IndexNames(data.FeatureCount), images);
        }

        IdxImages read = IdxReader.ReadImages(images);
        return (read.Pixels, read.PixelsPerImage, null, IndexNames(read.PixelsPerImage), images);
    }

    private static string[] IndexNames(int featureCount) => Enumerable.Range(0, featureCount).Select(j => j.ToString(CultureInfo.InvariantCulture)).ToArray();

    private Dataset? ReadTest(ParseResult parse, Dataset data)
    {
        string? csv = parse.GetValue(TestCsv);
        string? images = parse.GetValue(TestImages);
        if (csv is null && images is null)
        {
            return null;
        }

        (Dataset test, _) = DataLoading.ReadLabelled(images, parse.GetValue(TestLabels), csv, parse.GetValue(LabelColumn)!, null, data.ClassCount);
        if (test.FeatureCount != data.FeatureCount)
        {
            throw new CliException($"The test data has {test.FeatureCount} features but the data has {data.FeatureCount}; both need the same columns.");
        }

        return test;
    }

    private static void WriteRanking(string path, FeatureSelector selector, IReadOnlyList<string> names)
    {
        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        using var csv = new CsvWriter(writer, CultureInfo.InvariantCulture);
        csv.WriteField("feature");
        csv.WriteField("score");
        csv.WriteField("rank");
        csv.NextRecord();
        ReadOnlySpan<int> ranking = selector.Ranking;
        for (int r = 0; r < ranking.Length; r++)
        {
            csv.WriteField(names[ranking[r]]);
            csv.WriteField(selector.Scores[ranking[r]].ToString("R", CultureInfo.InvariantCulture));
            csv.WriteField(r + 1);
            csv.NextRecord();
        }
    }

    private static void WriteEvaluation(string path, List<EvaluationRow> rows)
    {
        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        using var csv = new CsvWriter(writer, CultureInfo.InvariantCulture);
        foreach (string header in (string[])["method", "k", "protocol", "accuracy", "accuracy_sd", "clustering_accuracy", "clustering_sd", "seconds"])
        {
            csv.WriteField(header);
        }

        csv.NextRecord();
        foreach (EvaluationRow row in rows)
        {
            SelectionScore s = row.Score;
            csv.WriteField(s.Method);
            csv.WriteField(s.SelectedCount);
            csv.WriteField(s.Protocol);
            foreach (double value in (double[])[s.Accuracy, s.AccuracyStdDev, s.ClusteringAccuracy, s.ClusteringStdDev, row.Seconds])
            {
                csv.WriteField(value.ToString("R", CultureInfo.InvariantCulture));
            }

            csv.NextRecord();
        }
    }

    /// <summary>One line of the comparison: a method's scores at one k and the seconds its selection took.</summary>
    private sealed record EvaluationRow(SelectionScore Score, double Seconds);
}
