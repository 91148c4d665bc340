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
using SparseMlNet.Networks.Activations;

namespace SparseMlNet.Cli.Commands;

/// <summary>
/// <c>sparsemlnet select</c>: unsupervised feature selection with QuickSelection (one autoencoder or an ensemble of R) on a CSV or IDX file. Writes ranking.csv
/// (index, feature, score, rank, and frequency for ensembles; every feature, best first) and, when the data has labels, evaluates the selection against the
/// random, variance, Laplacian-score and mutual-information baselines with the engine's one protocol (<see cref="SelectionComparison"/>), printing a table and
/// writing evaluation.csv. The command only maps arguments to options; the selection and its evaluation live in the engine.
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
            Csv, Images, Labels, LabelColumn, TestCsv, TestImages, TestLabels, SelectedCounts, Folds, CvRepeats, ClusteringRuns, NoEvaluation,
            Runs, Stability, HiddenNeurons, Epsilon, Zeta, Noise, LearningRate, Momentum, WeightDecay, Dropout, BatchSize, MinBatches, Epochs, OutputActivation,
            EvolveDecoder, RegrowthScale, Scaling, DropConstant, Seed, Output])
        {
            Options.Add(option);
        }

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

    internal Option<int> Runs { get; } = new("--runs")
    {
        HelpName = "R",
        Description = "Autoencoders of the QuickSelection ensemble (stability selection: derived seeds, z-scored strengths averaged, selection frequency per feature), trained in parallel; ≥ 1.",
        DefaultValueFactory = _ => QuickSelectionOptions.Defaults.Runs,
    };

    internal Option<bool> Stability { get; } = new("--stability") { Description = "Write stability.csv: how much the ensemble's runs agree on the top k (mean pairwise Jaccard, Kuncheva's index); needs --runs 2 or more." };

    internal Option<int> MinBatches { get; } = new("--min-batches")
    {
        HelpName = "N",
        Description = "Minimum mini-batches per epoch: the batch shrinks to ceil(n / N) on small data so training does not depend on n; 0 turns it off.",
        DefaultValueFactory = _ => QuickSelectionOptions.Defaults.MinimumBatchesPerEpoch,
    };

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
        MinimumBatchesPerEpoch = parse.GetValue(MinBatches),
        Runs = parse.GetValue(Runs),
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

        if (parse.GetValue(CvRepeats) < 0)
        {
            return $"{CvRepeats.Name}: repeat the cross-validation at least once, such as 5, or give 0 for automatic.";
        }

        if (parse.GetValue(Runs) < 1)
        {
            return $"{Runs.Name}: the ensemble needs at least 1 run (R ≥ 1); use 1 for a single autoencoder or, for example, 10 for a stable selection.";
        }

        if (parse.GetValue(Stability) && parse.GetValue(Runs) < 2)
        {
            return $"{Stability.Name} compares the runs of an ensemble, so it needs {Runs.Name} 2 or more (for example {Runs.Name} 10); there is 1 run.";
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
                nameof(QuickSelectionOptions.MinimumBatchesPerEpoch) => MinBatches.Name,
                nameof(QuickSelectionOptions.Runs) => Runs.Name,
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
        if (largest >= featureCount)
        {
            throw new CliException(
                $"--k {largest} asks for {(largest == featureCount ? "all" : "more than the")} {featureCount} features of '{source}', which selects nothing; give k between 1 and {featureCount - 1}.");
        }

        Dataset? test = labelled is null || parse.GetValue(NoEvaluation) ? null : ReadTest(parse, labelled);
        string folder = parse.GetValue(Output)!;
        Directory.CreateDirectory(folder);
        _terminal.Out.MarkupLine(Markup.Escape(string.Create(
            CultureInfo.InvariantCulture,
            $"QuickSelection on {source}: {features.Length / featureCount} samples x {featureCount} features; autoencoder {featureCount}-{options.HiddenNeurons}-{featureCount}, ε {options.Epsilon}, ζ {options.Zeta}, noise {options.NoiseFactor}, {options.Epochs} epochs, batch {options.EffectiveBatchSize(features.Length / featureCount)}, seed {options.Seed}{(options.Runs > 1 ? $", ensemble of {options.Runs} runs (progress of run 1)" : string.Empty)}.")));

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
        WriteRanking(rankingPath, result, names);
        AutoencoderTopology topology = result.Topology;
        _terminal.Out.MarkupLine(Markup.Escape(string.Create(
            CultureInfo.InvariantCulture,
            $"Trained in {seconds:F2} s; encoder {topology.EncoderConnections} connections (density {topology.EncoderDensity:P2}), {topology.ConnectedInputs} of {topology.Features} inputs connected. Wrote {rankingPath}.")));
        _terminal.Out.MarkupLine(Markup.Escape($"Top {Math.Min(largest, 20)}: {string.Join(", ", result.SelectedIndicesByRank[..Math.Min(largest, 20)].ToArray().Select(j => names[j]))}"));
        if (result.Runs > 1)
        {
            ReportRunStability(result, counts, featureCount, parse.GetValue(Stability) ? Path.Combine(folder, "stability.csv") : null);
        }

        if (labelled is null || parse.GetValue(NoEvaluation))
        {
            if (labelled is null)
            {
                _terminal.Out.MarkupLine(Markup.Escape("The data has no labels, so the selection is not evaluated."));
            }

            return 0;
        }

        IReadOnlyList<SelectionScore> rows = Evaluate(parse, seconds, labelled, test, counts, cancellationToken);
        string evaluationPath = Path.Combine(folder, "evaluation.csv");
        WriteEvaluation(evaluationPath, rows);
        PrintTable(rows, rows[0].Protocol);
        _terminal.Out.MarkupLine(Markup.Escape($"Wrote {evaluationPath}."));
        return 0;
    });

    /// <summary>QuickSelection with the command's options and the four baselines, through the engine's one evaluation protocol.</summary>
    private IReadOnlyList<SelectionScore> Evaluate(
        ParseResult parse, double quickSeconds, Dataset data, Dataset? test, int[] counts, CancellationToken cancellationToken)
    {
        var evaluation = new SelectionEvaluationOptions
        {
            Folds = parse.GetValue(Folds),
            Repeats = parse.GetValue(CvRepeats),
            ClusteringRuns = parse.GetValue(ClusteringRuns),
            Seed = parse.GetValue(Seed),
        };

        // A column that varies in the data may be constant on a training fold: there it scores 0 instead of stopping the evaluation.
        QuickSelectionOptions inFolds = SelectionOptions(parse.CommandResult);
        inFolds.DropConstantFeatures = true;
        IFeatureScorer[] scorers = [FeatureScorer.QuickSelection(inFolds), .. FeatureScorer.Baselines()];
        _terminal.Out.MarkupLine(Markup.Escape(string.Create(
            CultureInfo.InvariantCulture, $"Evaluating {scorers.Length} selectors (each refitted on every training part; QuickSelection took {quickSeconds:F1} s on all rows) …")));
        try
        {
            return SelectionComparison.Run(scorers, data, counts, test, evaluation, line => _terminal.Out.WriteLine("  " + line), cancellationToken);
        }
        catch (ArgumentException ex) when (ex is not ArgumentNullException)
        {
            throw new CliException($"Cannot evaluate the selection: {WithoutParameterSuffix(ex.Message)}", ex);
        }
    }

    private void ReportRunStability(QuickSelectionResult result, int[] counts, int featureCount, string? path)
    {
        var lines = new List<(int K, SelectionStability Stability)>();
        foreach (int k in counts)
        {
            int[][] tops = result.RunSelections.Select(run => run[..k]).ToArray();
            lines.Add((k, SelectionStability.Measure(tops, featureCount)));
        }

        foreach ((int k, SelectionStability stability) in lines)
        {
            _terminal.Out.MarkupLine(Markup.Escape(string.Create(
                CultureInfo.InvariantCulture,
                $"Stability of the top {k} over the {result.Runs} runs: mean pairwise Jaccard {stability.MeanJaccard:F3}, Kuncheva index {stability.MeanKuncheva:F3}.")));
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
                csv.WriteField(result.Runs);
                csv.WriteField(stability.MeanJaccard.ToString("R", CultureInfo.InvariantCulture));
                csv.WriteField(stability.MeanKuncheva.ToString("R", CultureInfo.InvariantCulture));
                csv.NextRecord();
            }

            _terminal.Out.MarkupLine(Markup.Escape($"Wrote {path}."));
        }
    }

    private void PrintTable(IReadOnlyList<SelectionScore> rows, string protocol)
    {
        var table = new Table().Border(TableBorder.Rounded).Title(Markup.Escape($"Downstream evaluation ({protocol}; extremely randomised trees, 50 trees; k-means clustering accuracy on the test parts)"));
        table.AddColumns("Method", "k", "Accuracy", "Clustering accuracy", "Jaccard / Kuncheva", "Seconds per fit");
        foreach (SelectionScore s in rows)
        {
            table.AddRow(
                Markup.Escape(s.Method),
                s.SelectedCount.ToString(CultureInfo.InvariantCulture),
                string.Create(CultureInfo.InvariantCulture, $"{s.Accuracy:F3} ± {s.AccuracyStdDev:F3}"),
                string.Create(CultureInfo.InvariantCulture, $"{s.ClusteringAccuracy:F3} ± {s.ClusteringStdDev:F3}"),
                s.Stability is { } st ? string.Create(CultureInfo.InvariantCulture, $"{st.MeanJaccard:F2} / {st.MeanKuncheva:F2}") : "-",
                string.Create(CultureInfo.InvariantCulture, $"{s.Seconds:F3}"));
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
    private static void WriteRanking(string path, QuickSelectionResult result, IReadOnlyList<string> names)
    {
        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        using var csv = new CsvWriter(writer, CultureInfo.InvariantCulture);
        bool ensemble = !result.Frequencies.IsEmpty;
        foreach (string header in ensemble ? (string[])["index", "feature", "score", "rank", "frequency"] : ["index", "feature", "score", "rank"])
        {
            csv.WriteField(header);
        }

        csv.NextRecord();
        FeatureSelector selector = result.Selector;
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
                csv.WriteField(result.Frequencies[j].ToString("R", CultureInfo.InvariantCulture));
            }

            csv.NextRecord();
        }
    }

    private static void WriteEvaluation(string path, IReadOnlyList<SelectionScore> rows)
    {
        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        using var csv = new CsvWriter(writer, CultureInfo.InvariantCulture);
        foreach (string header in (string[])["method", "k", "protocol", "accuracy", "accuracy_sd", "clustering_accuracy", "clustering_sd", "jaccard", "kuncheva", "seconds"])
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
            foreach (double value in (double[])[s.Accuracy, s.AccuracyStdDev, s.ClusteringAccuracy, s.ClusteringStdDev, jaccard, kuncheva, s.Seconds])
            {
                csv.WriteField(value.ToString("R", CultureInfo.InvariantCulture));
            }

            csv.NextRecord();
        }
    }
}
