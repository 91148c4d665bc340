using System.CommandLine;
using System.CommandLine.Parsing;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using CsvHelper;
using Spectre.Console;
using SparseMlNet.Data;
using SparseMlNet.FeatureSelection;
using SparseMlNet.SelectionEvaluation;
using SparseMlNet.Cli.Options;
using SparseMlNet.Networks.Activations;

namespace SparseMlNet.Cli.Commands;

/// <summary>
/// <c>sparsemlnet select</c>: feature selection with QuickSelection (unsupervised; one autoencoder or an ensemble of R) or NeuroFS (supervised, <c>--method neurofs</c>) on a CSV or IDX file. Writes ranking.csv
/// (index, feature, score, rank, and frequency for ensembles; every feature, best first) and, when the data has labels, evaluates the selection against the
/// random, variance, Laplacian-score and mutual-information baselines with the engine's one protocol (<see cref="SelectionComparison"/>), printing a table and
/// writing evaluation.csv. The command only maps arguments to options; the selection and its evaluation live in the engine.
/// </summary>
internal sealed class SelectCommand : Command
{
    private readonly Terminal _terminal;

    public SelectCommand(Terminal terminal)
        : base("select", "Select the k most informative features: QuickSelection (default; unsupervised, a SET-trained sparse denoising autoencoder) or NeuroFS "
            + "(--method neurofs; supervised, a sparse MLP whose input layer evolves down to k neurons); features ranked by input-neuron strength. Writes ranking.csv "
            + "to --output; with labels, also scores the selection against the random, variance, Laplacian-score and mutual-information baselines (evaluation.csv).")
    {
        _terminal = terminal;
        foreach (Option option in (Option[])[
            Csv, Images, Labels, LabelColumn, TestCsv, TestImages, TestLabels, Method, SelectedCounts, Folds, CvRepeats, Forests, ClusteringRuns, NoEvaluation, Stability])
        {
            Options.Add(option);
        }

        foreach (Option option in Hyperparameters.All)
        {
            Options.Add(option);
        }

        Options.Add(Output);

        Validators.Add(ValidateDataOptions);
        SetAction((parse, cancellationToken) => Task.Run(() => Execute(parse, cancellationToken), CancellationToken.None));
    }

    internal Option<string?> Csv { get; } = new("--csv") { HelpName = "FILE", Description = "Data to select features from: CSV with a header row (gzip or plain). The label column is optional; without it nothing is evaluated." };

    internal Option<string?> Images { get; } = new("--images") { HelpName = "FILE", Description = "Data as IDX images (gzip or raw), one feature per pixel." };

    internal Option<string?> Labels { get; } = new("--labels") { HelpName = "FILE", Description = "Optional IDX labels of --images, for the evaluation." };

    internal Option<string> LabelColumn { get; } = new("--label-column")
    {
        HelpName = "NAME",
        Description = "Label column of the CSV files; never used for the selection itself. Without this option a missing 'label' column means unlabelled data; a named column that is missing is an error.",
        DefaultValueFactory = _ => "label",
    };

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

    internal Option<int> Folds { get; } = new("--folds") { HelpName = "N", Description = "Without held-out data (or with under 50 test rows): stratified cross-validation folds; ≥ 2.", DefaultValueFactory = _ => 5 };

    internal Option<int> CvRepeats { get; } = new("--cv-repeats")
    {
        HelpName = "N",
        Description = "Repetitions of the cross-validation, each with new folds; ≥ 1, or 0 for automatic (5 when a fold's test part is under 50 rows, else 1).",
        DefaultValueFactory = _ => 0,
    };

    internal Option<SelectionMethod> Method { get; } = new("--method")
    {
        HelpName = "quickselection|neurofs",
        Description = "quickselection: unsupervised, a SET-trained sparse denoising autoencoder (Atashgahi et al. 2022); neurofs: supervised, a sparse MLP on the labels "
            + "whose input layer evolves and shrinks to k neurons (Atashgahi et al., TMLR 2023). Features are ranked by input-neuron strength either way.",
        DefaultValueFactory = _ => SelectionMethod.QuickSelection,
    };

    /// <summary>
    /// The selectors' hyperparameters: one option per <see cref="QuickSelectionOptions"/> and <see cref="NeuroFSOptions"/> property, registered from
    /// the CLI's one table (shared names where the two share a property), with the engine's defaults.
    /// </summary>
    internal HyperparameterOptions Hyperparameters { get; } = new(
        [typeof(QuickSelectionOptions), typeof(NeuroFSOptions)],
        defaultNotes: new Dictionary<string, string>
        {
            [nameof(QuickSelectionOptions.BatchSize)] = $"quickselection: {QuickSelectionOptions.Defaults.BatchSize}; neurofs: chosen from n",
            [nameof(QuickSelectionOptions.Runs)] = string.Create(
                CultureInfo.InvariantCulture,
                $"quickselection: automatic, {QuickSelectionOptions.Defaults.AutomaticRuns} on data of at most {QuickSelectionOptions.Defaults.AutomaticEnsembleValues:N0} values (samples x features), else 1; neurofs: {NeuroFSOptions.Defaults.Runs}"),
        },
        typeNames: ["quickselection", "neurofs"]);

    internal Option<bool> Stability { get; } = new("--stability") { Description = "Write stability.csv: how much the ensemble's runs agree on the top k (mean pairwise Jaccard, Kuncheva's index); needs an ensemble: --runs 2 or more, or QuickSelection's automatic ensemble on small data." };

    internal Option<int> Forests { get; } = new("--forests")
    {
        HelpName = "N",
        Description = "Seeded forests of 50 extremely randomised trees averaged for the downstream accuracy on every test part; ≥ 1 (1: the QuickSelection paper's single forest).",
        DefaultValueFactory = _ => SelectionEvaluationOptions.DefaultForests,
    };

    internal Option<int> ClusteringRuns { get; } = new("--clustering-runs") { HelpName = "N", Description = "k-means clusterings (10 restarts each) averaged for the clustering accuracy; ≥ 1.", DefaultValueFactory = _ => 10 };

    internal Option<bool> NoEvaluation { get; } = new("--no-evaluate") { Description = "Only rank the features; skip the evaluation and baselines." };

    internal Option<string> Output { get; } = new("--output", "-o") { HelpName = "DIR", Description = "Folder for ranking.csv and evaluation.csv (created if missing).", DefaultValueFactory = _ => Path.Combine("runs", "select") };

    /// <summary>The QuickSelection options the command line asks for.</summary>
    internal QuickSelectionOptions SelectionOptions(SymbolResult parse) => Hyperparameters.Apply<QuickSelectionOptions>(parse);

    /// <summary>The NeuroFS options the command line asks for.</summary>
    internal NeuroFSOptions NeuroFSOptionsOf(SymbolResult parse) => Hyperparameters.Apply<NeuroFSOptions>(parse);

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

        if (result.GetValue((Option<ActivationKind?>)Hyperparameters[nameof(QuickSelectionOptions.OutputActivation)]) is { } activation && activation is not (ActivationKind.Identity or ActivationKind.Tanh))
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

        if (parse.GetValue(Forests) < 1)
        {
            return $"{Forests.Name}: average at least 1 forest, such as 5.";
        }

        if (parse.GetValue(ClusteringRuns) < 1)
        {
            return $"{ClusteringRuns.Name}: run k-means at least once, such as 10 times.";
        }

        if (parse.GetValue(CvRepeats) < 0)
        {
            return $"{CvRepeats.Name}: repeat the cross-validation at least once, such as 5, or give 0 for automatic.";
        }

        string runs = Hyperparameters.NameOf(nameof(QuickSelectionOptions.Runs));
        if (options.Runs is < 1)
        {
            return $"{runs}: the ensemble needs at least 1 run (R ≥ 1); use 1 for a single network or, for example, 10 for a stable selection.";
        }

        if (parse.GetValue(Stability) && options.Runs is 1)
        {
            return StabilityNeedsRuns("there is 1 run");
        }

        return Hyperparameters.RangeError(options.Validate);
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
        SelectionMethod method = parse.GetValue(Method);
        if (WrongMethodOptions(parse.CommandResult, method) is { } wrong)
        {
            UserErrors.ReportUsage(_terminal, wrong, Name);
            return UserErrors.UsageExitCode;
        }

        (float[] features, int featureCount, Dataset? labelled, IReadOnlyList<string> names, string source) = ReadData(parse);
        int largest = counts[^1];
        if (largest >= featureCount)
        {
            throw new CliException(
                $"--k {largest} asks for {(largest == featureCount ? "all" : "more than the")} {featureCount} features of '{source}', which selects nothing; give k between 1 and {featureCount - 1}.");
        }

        if (labelled is not null && labelled.ClassCounts().Count(c => c > 0) < 2 && (method == SelectionMethod.NeuroFS || !parse.GetValue(NoEvaluation)))
        {
            string label = parse.GetValue(Images) is null ? $"{LabelColumn.Name} '{parse.GetValue(LabelColumn)}'" : Labels.Name;
            throw new CliException(method == SelectionMethod.NeuroFS
                ? $"{label}: every row of '{source}' has class {labelled.Labels[0]}, and NeuroFS needs at least two classes to learn which features tell them apart; check the label column."
                : $"{label}: every row of '{source}' has class {labelled.Labels[0]}, and the evaluation's accuracy and clustering need at least two classes; check the label column, or pass {NoEvaluation.Name} to select without evaluating.");
        }

        Dataset? test = labelled is null || parse.GetValue(NoEvaluation) ? null : ReadTest(parse, labelled);
        string folder = parse.GetValue(Output)!;
        if (method == SelectionMethod.NeuroFS)
        {
            return RunNeuroFS(parse, labelled, source, names, counts, test, folder, cancellationToken);
        }

        int samples = features.Length / featureCount;
        options.Runs = options.RunsFor(samples, featureCount);
        if (parse.GetValue(Stability) && options.Runs < 2)
        {
            UserErrors.ReportUsage(
                _terminal,
                StabilityNeedsRuns(string.Create(
                    CultureInfo.InvariantCulture,
                    $"on {samples} x {featureCount} = {(long)samples * featureCount:N0} values, above the automatic ensemble's {QuickSelectionOptions.Defaults.AutomaticEnsembleValues:N0}, QuickSelection trains 1 autoencoder")),
                Name);
            return UserErrors.UsageExitCode;
        }

        Directory.CreateDirectory(folder);
        int epochs = options.Runs > 1 ? options.EnsembleEpochs : options.Epochs;
        _terminal.Out.MarkupLine(Markup.Escape(string.Create(
            CultureInfo.InvariantCulture,
            $"QuickSelection on {source}: {features.Length / featureCount} samples x {featureCount} features; autoencoder {featureCount}-{options.HiddenNeurons}-{featureCount}, ε {options.Epsilon}, ζ {options.Zeta}, noise {options.NoiseFactor}, {epochs} epochs{(options.Runs > 1 ? " per run" : string.Empty)}, scaling {FeatureScaler.Resolve(options.Scaling, features.Length / featureCount, featureCount)}, batch {options.EffectiveBatchSize(features.Length / featureCount)}, seed {options.Seed}{(options.Runs > 1 ? $", ensemble of {options.Runs} runs (progress of run 1)" : string.Empty)}.")));

        var selection = new QuickSelection(options);
        selection.EpochCompleted += (_, m) =>
        {
            if (m.Epoch == 1 || m.Epoch % 10 == 0 || m.Epoch == epochs)
            {
                _terminal.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  epoch {m.Epoch,4}/{epochs}  reconstruction MSE {m.TrainLoss:F4}"));
            }
        };

        var clock = Stopwatch.StartNew();
        QuickSelectionResult? result = FitOrStop(() => selection.Fit(features, featureCount, largest, names, cancellationToken), source, cancellationToken);
        if (result is null)
        {
            return UserErrors.CancelledExitCode;
        }

        double seconds = clock.Elapsed.TotalSeconds;
        string rankingPath = Path.Combine(folder, "ranking.csv");
        WriteRanking(rankingPath, result, names);
        AutoencoderTopology topology = result.Topology;
        _terminal.Out.MarkupLine(Markup.Escape(string.Create(
            CultureInfo.InvariantCulture,
            $"Trained in {seconds:F2} s; encoder {topology.EncoderConnections} connections (density {topology.EncoderDensity:P2}), {topology.ConnectedInputs} of {topology.Features} inputs connected. Wrote {rankingPath}.")));
        _terminal.Out.MarkupLine(Markup.Escape($"Top {Math.Min(largest, 20)}: {string.Join(", ", result.SelectedIndicesByRank[..Math.Min(largest, 20)].ToArray().Select(j => names[j]))}"));
        if (result.Runs > 1)
        {
            ReportRunStability(result.RunSelections, counts, featureCount, parse.GetValue(Stability) ? Path.Combine(folder, "stability.csv") : null);
        }

        if (labelled is null || parse.GetValue(NoEvaluation))
        {
            if (labelled is null)
            {
                _terminal.Out.MarkupLine(Markup.Escape("The data has no labels, so the selection is not evaluated."));
            }

            return 0;
        }

        IReadOnlyList<SelectionScore> rows = Evaluate(parse, options.Runs.Value, seconds, labelled, test, counts, cancellationToken);
        string evaluationPath = Path.Combine(folder, "evaluation.csv");
        WriteEvaluation(evaluationPath, rows);
        PrintTable(rows, rows[0].Protocol, parse.GetValue(Forests));
        _terminal.Out.MarkupLine(Markup.Escape($"Wrote {evaluationPath}."));
        return 0;
    });

    /// <summary>The usage error of --stability without an ensemble, ending with why there is one run.</summary>
    private string StabilityNeedsRuns(string why)
    {
        string runs = Hyperparameters.NameOf(nameof(QuickSelectionOptions.Runs));
        return $"{Stability.Name} compares the runs of an ensemble, so it needs {runs} 2 or more (for example {runs} 10); {why}.";
    }

    /// <summary>Runs a selector's fit: null (after reporting) when Ctrl+C stopped it; data problems found by the engine become one-line user errors.</summary>
    private T? FitOrStop<T>(Func<T> fit, string source, CancellationToken cancellationToken)
        where T : class
    {
        try
        {
            return fit();
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            UserErrors.Report(_terminal, "Selection stopped; nothing was written.", "stopped");
            return null;
        }
        catch (ArgumentException ex) when (ex is not ArgumentNullException)
        {
            // Constant or missing columns, a single class: reported without .NET's " (Parameter 'features')" suffix.
            throw new CliException($"'{source}': {UserErrors.WithoutParameterSuffix(ex.Message)}", ex);
        }
    }

    /// <summary>The options given for the other method (QuickSelection's with --method neurofs and the reverse): a usage error naming them, or null.</summary>
    private string? WrongMethodOptions(SymbolResult parse, SelectionMethod method)
    {
        var foreign = (method == SelectionMethod.NeuroFS ? Hyperparameters.GivenButNotIn<NeuroFSOptions>(parse) : Hyperparameters.GivenButNotIn<QuickSelectionOptions>(parse)).ToList();

        return foreign.Count == 0 ? null
            : $"{string.Join(", ", foreign)} {(foreign.Count == 1 ? "belongs" : "belong")} to --method {(method == SelectionMethod.NeuroFS ? "quickselection" : "neurofs")}; drop {(foreign.Count == 1 ? "it" : "them")} or choose that method.";
    }

    /// <summary>select --method neurofs: supervised selection on the labelled data, then the same ranking file and evaluation as QuickSelection.</summary>
    private int RunNeuroFS(ParseResult parse, Dataset? labelled, string source, IReadOnlyList<string> names, int[] counts, Dataset? test, string folder, CancellationToken cancellationToken)
    {
        if (labelled is null)
        {
            throw new CliException($"--method neurofs is supervised: '{source}' has no labels. Name the label column with {LabelColumn.Name} (CSV) or give {Labels.Name} (IDX), or use --method quickselection.");
        }

        NeuroFSOptions options = NeuroFSOptionsOf(parse.CommandResult);
        if (Hyperparameters.RangeError(options.Validate) is { } problem)
        {
            UserErrors.ReportUsage(_terminal, problem, Name);
            return UserErrors.UsageExitCode;
        }

        if (parse.GetValue(Stability) && options.Runs < 2)
        {
            UserErrors.ReportUsage(_terminal, StabilityNeedsRuns("NeuroFS fits 1 network by default"), Name);
            return UserErrors.UsageExitCode;
        }

        Directory.CreateDirectory(folder);
        int largest = counts[^1];
        _terminal.Out.MarkupLine(Markup.Escape(string.Create(
            CultureInfo.InvariantCulture,
            $"NeuroFS on {source}: {labelled.Count} samples x {labelled.FeatureCount} features, {labelled.ClassCount} classes; {options.HiddenLayers} hidden layers of {options.HiddenNeurons}, ε {options.Epsilon}, input ζ {options.InputZeta}, {options.Epochs} epochs, seed {options.Seed}; input neurons removed down to {largest}{(options.Runs > 1 ? $"; ensemble of {options.Runs} fits (progress of fit 1)" : string.Empty)}.")));
        var clock = Stopwatch.StartNew();
        var neuroFS = new NeuroFS(options);
        neuroFS.EpochCompleted += (_, m) =>
        {
            if (m.Epoch == 1 || m.Epoch % 10 == 0 || m.Epoch == options.Epochs)
            {
                _terminal.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  epoch {m.Epoch,4}/{options.Epochs}  loss {m.TrainLoss:F4}  accuracy {m.TrainAccuracy:P1}"));
            }
        };
        NeuroFSResult? result = FitOrStop(() => neuroFS.Fit(labelled, largest, cancellationToken), source, cancellationToken);
        if (result is null)
        {
            return UserErrors.CancelledExitCode;
        }

        double seconds = clock.Elapsed.TotalSeconds;
        string rankingPath = Path.Combine(folder, "ranking.csv");
        WriteRanking(rankingPath, result.Selector, result.Frequencies, names);
        _terminal.Out.MarkupLine(Markup.Escape(string.Create(CultureInfo.InvariantCulture, $"Trained in {seconds:F2} s. Wrote {rankingPath}.")));
        _terminal.Out.MarkupLine(Markup.Escape($"Top {Math.Min(largest, 20)}: {string.Join(", ", result.SelectedIndicesByRank[..Math.Min(largest, 20)].ToArray().Select(j => names[j]))}"));
        if (result.Runs > 1)
        {
            ReportRunStability(result.RunSelections, counts, labelled.FeatureCount, parse.GetValue(Stability) ? Path.Combine(folder, "stability.csv") : null);
        }

        if (parse.GetValue(NoEvaluation))
        {
            return 0;
        }

        IReadOnlyList<SelectionScore> rows = Evaluate(parse, FeatureScorer.NeuroFS(options), "NeuroFS", seconds, labelled, test, counts, cancellationToken);
        string evaluationPath = Path.Combine(folder, "evaluation.csv");
        WriteEvaluation(evaluationPath, rows);
        PrintTable(rows, rows[0].Protocol, parse.GetValue(Forests));
        _terminal.Out.MarkupLine(Markup.Escape($"Wrote {evaluationPath}."));
        return 0;
    }

    /// <summary>
    /// QuickSelection with the command's options and the four baselines, through the engine's one evaluation protocol; every training part trains the
    /// <paramref name="runs"/> autoencoders chosen for the whole data, so the evaluated method is the one that made the ranking.
    /// </summary>
    private IReadOnlyList<SelectionScore> Evaluate(
        ParseResult parse, int runs, double quickSeconds, Dataset data, Dataset? test, int[] counts, CancellationToken cancellationToken)
    {
        // A column that varies in the data may be constant on a training fold: there it scores 0 instead of stopping the evaluation.
        QuickSelectionOptions inFolds = SelectionOptions(parse.CommandResult);
        inFolds.DropConstantFeatures = true;
        inFolds.Runs = runs;
        return Evaluate(parse, FeatureScorer.QuickSelection(inFolds), "QuickSelection", quickSeconds, data, test, counts, cancellationToken);
    }

    /// <summary>A selector with the command's options and the four baselines, through the engine's one evaluation protocol.</summary>
    private IReadOnlyList<SelectionScore> Evaluate(
        ParseResult parse, IFeatureScorer selector, string name, double fitSeconds, Dataset data, Dataset? test, int[] counts, CancellationToken cancellationToken)
    {
        var evaluation = new SelectionEvaluationOptions
        {
            Folds = parse.GetValue(Folds),
            Repeats = parse.GetValue(CvRepeats),
            Forests = parse.GetValue(Forests),
            ClusteringRuns = parse.GetValue(ClusteringRuns),
            Seed = SelectionOptions(parse.CommandResult).Seed,
        };

        IFeatureScorer[] scorers = [selector, .. FeatureScorer.Baselines()];
        _terminal.Out.MarkupLine(Markup.Escape(string.Create(
            CultureInfo.InvariantCulture, $"Evaluating {scorers.Length} selectors (each refitted on every training part; {name} took {fitSeconds:F1} s on all rows) …")));
        try
        {
            return SelectionComparison.Run(scorers, data, counts, test, evaluation, line => _terminal.Out.WriteLine("  " + line), cancellationToken);
        }
        catch (ArgumentException ex) when (ex is not ArgumentNullException)
        {
            throw new CliException($"Cannot evaluate the selection: {UserErrors.WithoutParameterSuffix(ex.Message)}", ex);
        }
    }

    /// <summary>The stability of an ensemble's runs at every k (console, and stability.csv when <paramref name="path"/> is set).</summary>
    private void ReportRunStability(IReadOnlyList<int[]> runSelections, int[] counts, int featureCount, string? path)
    {
        int runs = runSelections.Count;
        var lines = new List<(int K, SelectionStability Stability)>();
        foreach (int k in counts)
        {
            int[][] tops = runSelections.Select(run => run[..k]).ToArray();
            lines.Add((k, SelectionStability.Measure(tops, featureCount)));
        }

        foreach ((int k, SelectionStability stability) in lines)
        {
            _terminal.Out.MarkupLine(Markup.Escape(string.Create(
                CultureInfo.InvariantCulture,
                $"Stability of the top {k} over the {runs} runs: mean pairwise Jaccard {stability.MeanJaccard:F3}, Kuncheva index {stability.MeanKuncheva:F3}.")));
        }

        if (path is not null)
        {
            using var writer = new StreamWriter(path, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            using var csv = new CsvWriter(writer, CultureInfo.InvariantCulture);
            foreach (string header in (string[])["k", "runs", "jaccard", "kuncheva"])
            {
                csv.WriteField(header);
            }

            csv.NextRecord();
            foreach ((int k, SelectionStability stability) in lines)
            {
                csv.WriteField(k);
                csv.WriteField(runs);
                csv.WriteField(stability.MeanJaccard.ToString("R", CultureInfo.InvariantCulture));
                csv.WriteField(stability.MeanKuncheva.ToString("R", CultureInfo.InvariantCulture));
                csv.NextRecord();
            }

            _terminal.Out.MarkupLine(Markup.Escape($"Wrote {path}."));
        }
    }

    private void PrintTable(IReadOnlyList<SelectionScore> rows, string protocol, int forests)
    {
        string trees = forests == 1 ? "one forest of 50 extremely randomised trees" : string.Create(CultureInfo.InvariantCulture, $"extremely randomised trees, the mean of {forests} forests of 50");
        var table = new Table().Border(TableBorder.Rounded).Title(Markup.Escape($"Downstream evaluation ({protocol}; {trees}; k-means clustering accuracy on the test parts; p: corrected repeated-CV t-test)"));
        table.AddColumns("Method", "k", "Accuracy", "Clustering accuracy", "Jaccard / Kuncheva", "Seconds per fit", $"{rows[0].Method} − this (p)");
        foreach (SelectionScore s in rows)
        {
            (double advantage, double p) = VersusSelector(rows, s);
            table.AddRow(
                Markup.Escape(s.Method),
                s.SelectedCount.ToString(CultureInfo.InvariantCulture),
                string.Create(CultureInfo.InvariantCulture, $"{s.Accuracy:F3} ± {s.AccuracyStdDev:F3}"),
                string.Create(CultureInfo.InvariantCulture, $"{s.ClusteringAccuracy:F3} ± {s.ClusteringStdDev:F3}"),
                s.Stability is { } st ? string.Create(CultureInfo.InvariantCulture, $"{st.MeanJaccard:F2} / {st.MeanKuncheva:F2}") : "-",
                string.Create(CultureInfo.InvariantCulture, $"{s.Seconds:F3}"),
                double.IsNaN(advantage) ? "-" : string.Create(CultureInfo.InvariantCulture, $"{advantage:+0.000;-0.000;0.000} ({(double.IsNaN(p) ? "-" : p.ToString("F2", CultureInfo.InvariantCulture))})"));
        }

        _terminal.Out.Write(table);
    }

    /// <summary>
    /// The selector's accuracy minus <paramref name="score"/>'s at the same k, and the two-sided p-value of the corrected repeated-CV t-test on the same test
    /// parts (<see cref="PairedComparison"/>); NaN and NaN on the selector's own rows, the difference and NaN under the holdout protocol.
    /// </summary>
    private static (double Advantage, double PValue) VersusSelector(IReadOnlyList<SelectionScore> rows, SelectionScore score)
    {
        if (score.Method == rows[0].Method)
        {
            return (double.NaN, double.NaN);
        }

        SelectionScore selector = rows.First(r => r.Method == rows[0].Method && r.SelectedCount == score.SelectedCount);
        return PairedComparison.Of(selector, score) is { } test ? (test.MeanDifference, test.PValue) : (selector.Accuracy - score.Accuracy, double.NaN);
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

            bool named = parse.GetResult(LabelColumn) is { Implicit: false };
            if (named || parse.GetValue(TestCsv) is not null)
            {
                string[] columns = DataLoading.CsvHeader(csv);
                string listed = string.Join(", ", columns.Take(12).Select(c => $"'{c}'")) + (columns.Length > 12 ? $", … ({columns.Length} columns)" : string.Empty);
                throw new CliException(named
                    ? $"{LabelColumn.Name} '{labelColumn}': '{csv}' has no such column; its columns are {listed}. Name one of them, or leave {LabelColumn.Name} out for unlabelled data."
                    : $"{TestCsv.Name} needs labels, but '{csv}' has no '{labelColumn}' column; its columns are {listed}. Name the label column with {LabelColumn.Name}.");
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

    /// <summary>ranking.csv: every feature best first; index is the 0-based position among the feature columns (label excluded); frequency only for ensembles.</summary>
    private static void WriteRanking(string path, QuickSelectionResult result, IReadOnlyList<string> names) =>
        WriteRanking(path, result.Selector, result.Frequencies, names);

    /// <summary>ranking.csv: index, feature, score, rank (and frequency for ensembles), best first.</summary>
    private static void WriteRanking(string path, FeatureSelector selector, ReadOnlySpan<double> frequencies, IReadOnlyList<string> names)
    {
        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        using var csv = new CsvWriter(writer, CultureInfo.InvariantCulture);
        bool ensemble = !frequencies.IsEmpty;
        foreach (string header in ensemble ? (string[])["index", "feature", "score", "rank", "frequency"] : ["index", "feature", "score", "rank"])
        {
            csv.WriteField(header);
        }

        csv.NextRecord();
        ReadOnlySpan<int> ranking = selector.Ranking;
        for (int r = 0; r < ranking.Length; r++)
        {
            int j = ranking[r];
            csv.WriteField(j);
            csv.WriteField(names[j]);
            csv.WriteField(selector.Scores[j].ToString("R", CultureInfo.InvariantCulture));
            csv.WriteField(r + 1);
            if (ensemble)
            {
                csv.WriteField(frequencies[j].ToString("R", CultureInfo.InvariantCulture));
            }

            csv.NextRecord();
        }
    }

    private static void WriteEvaluation(string path, IReadOnlyList<SelectionScore> rows)
    {
        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        using var csv = new CsvWriter(writer, CultureInfo.InvariantCulture);
        foreach (string header in (string[])["method", "k", "protocol", "accuracy", "accuracy_sd", "clustering_accuracy", "clustering_sd", "jaccard", "kuncheva", "seconds", "selector_advantage", "p_value"])
        {
            csv.WriteField(header);
        }

        csv.NextRecord();
        foreach (SelectionScore s in rows)
        {
            csv.WriteField(s.Method);
            csv.WriteField(s.SelectedCount);
            csv.WriteField(s.Protocol);
            double jaccard = s.Stability?.MeanJaccard ?? double.NaN;
            double kuncheva = s.Stability?.MeanKuncheva ?? double.NaN;
            (double advantage, double p) = VersusSelector(rows, s);
            foreach (double value in (double[])[s.Accuracy, s.AccuracyStdDev, s.ClusteringAccuracy, s.ClusteringStdDev, jaccard, kuncheva, s.Seconds, advantage, p])
            {
                csv.WriteField(value.ToString("R", CultureInfo.InvariantCulture));
            }

            csv.NextRecord();
        }
    }
}
