using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using SparseMlNet.Cli.Options;
using SparseMlNet.Data;
using SparseMlNet.IO;
using SparseMlNet.Networks;
using SparseMlNet.Networks.Activations;
using SparseMlNet.Training;

namespace SparseMlNet.Cli.Commands;

/// <summary>
/// <c>sparsemlnet train</c>: trains an MLP classifier (SET, FixProb or dense) on IDX or CSV data, or on the embedded Fashion-MNIST sample when no data
/// is given, and writes model.spmlnet, metrics.csv (one row per epoch, flushed as it goes) and run.json to the output folder; with --snapshot-every N
/// also snapshots/epoch-000.spmlnet (the initial topology) and a snapshot every N epochs, for <c>analyze --snapshots</c> and <c>compare</c>.
/// </summary>
internal sealed class TrainCommand : Command
{
    /// <summary>Epochs when training on the embedded 1000-image sample and --epochs is not given (the papers' 100 mostly overfit 800 images).</summary>
    public const int SampleEpochs = 20;

    /// <summary>Default fraction held out for testing when no test data is given.</summary>
    public const double DefaultTestFraction = 0.2;

    private readonly Terminal _terminal;

    public TrainCommand(Terminal terminal)
        : base("train", "Train a sparse (SET, FixProb) or dense MLP classifier. Without data options it trains on the embedded sample of 1000 Fashion-MNIST images. "
            + "Writes model.spmlnet, metrics.csv (one row per epoch) and run.json to --output.")
    {
        _terminal = terminal;
        foreach (Option option in (Option[])[TrainImages, TrainLabels, TrainCsv, TrainCifar, LabelColumn, TestImages, TestLabels, TestCsv, TestCifar, TestFraction, Scaling,
            AugmentShift, AugmentFlip, ImageShapeOption])
        {
            Options.Add(option);
        }

        foreach (Option option in Hyperparameters.All)
        {
            Options.Add(option);
        }

        Options.Add(Output);
        Options.Add(SnapshotEvery);

        Validators.Add(ValidateDataOptions);
        SetAction((parse, cancellationToken) => Task.Run(() => Execute(parse, cancellationToken), CancellationToken.None));
    }

    internal Option<string?> TrainImages { get; } = new("--train-images") { HelpName = "FILE", Description = "Training images, IDX format (gzip or raw); needs --train-labels." };

    internal Option<string?> TrainLabels { get; } = new("--train-labels") { HelpName = "FILE", Description = "Training labels, IDX format (gzip or raw)." };

    internal Option<string?> TrainCsv { get; } = new("--train-csv") { HelpName = "FILE", Description = "Training data as CSV with a header row (gzip or plain): one label column, every other column a numeric feature." };

    internal Option<string> LabelColumn { get; } = new("--label-column") { HelpName = "NAME", Description = "Label column of the CSV files.", DefaultValueFactory = _ => "label" };

    internal Option<string[]?> TrainCifar { get; } = new("--train-cifar")
    {
        HelpName = "FILES",
        Description = "Training data as CIFAR-10 binary files (data_batch_1.bin …, comma-separated or repeated; gzip or raw): 1 label byte + 3,072 pixel bytes per record.",
        AllowMultipleArgumentsPerToken = true,
        CustomParser = r => [.. r.Tokens.SelectMany(t => t.Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))],
    };

    internal Option<string?> TestCifar { get; } = new("--test-cifar") { HelpName = "FILE", Description = "Test data as a CIFAR-10 binary file (test_batch.bin)." };

    internal Option<double?> AugmentShift { get; } = new("--augment-shift")
    {
        HelpName = "FRACTION",
        Description = "On-the-fly augmentation of image inputs: shift every training sample by up to this fraction of width and height, in [0, 1) (Keras' 0.1); needs an image shape.",
    };

    internal Option<bool> AugmentFlip { get; } = new("--augment-flip") { Description = "On-the-fly augmentation: mirror training images left-right with probability 1/2; needs an image shape." };

    internal Option<string?> ImageShapeOption { get; } = new("--image-shape")
    {
        HelpName = "HxW[xC]",
        Description = "Layout of the inputs as an image, channels innermost, for augmentation [default: 32x32x3 with CIFAR-10 data, 28x28 with IDX images].",
    };

    internal Option<string?> TestImages { get; } = new("--test-images") { HelpName = "FILE", Description = "Test images, IDX format; needs --test-labels." };

    internal Option<string?> TestLabels { get; } = new("--test-labels") { HelpName = "FILE", Description = "Test labels, IDX format." };

    internal Option<string?> TestCsv { get; } = new("--test-csv") { HelpName = "FILE", Description = "Test data as CSV, with the training file's columns." };

    internal Option<double?> TestFraction { get; } = new("--test-fraction")
    {
        HelpName = "FRACTION",
        Description = "Without test data: the fraction of the data held out for testing, stratified by class, in (0, 1) [default: 0.2].",
    };

    internal Option<ScalingKind?> Scaling { get; } = new("--scaling")
    {
        HelpName = "standardize|minmax|none",
        Description = "Feature scaling, fitted on the training data only and saved with the model [default: standardize].",
    };

    /// <summary>
    /// The classifier's hyperparameters, one option per <see cref="MlpTrainerOptions"/> property, registered from the CLI's one table
    /// (<see cref="HyperparameterTable"/>) with the engine's defaults.
    /// </summary>
    internal HyperparameterOptions Hyperparameters { get; } = new(
        [typeof(MlpTrainerOptions)],
        defaultNotes: new Dictionary<string, string>
        {
            [nameof(MlpTrainerOptions.LearningRate)] = $"{MlpTrainerOptions.Defaults.LearningRate} for set and fixprob, {MlpTrainerOptions.Defaults.DenseLearningRate} for dense",
            [nameof(MlpTrainerOptions.Epochs)] = $"{MlpTrainerOptions.Defaults.Epochs} (on data with under 6 batches per epoch, enough for {MlpTrainerOptions.Defaults.MinimumSteps} SGD steps), or {SampleEpochs} on the embedded sample",
        });

    internal Option<string?> Output { get; } = new("--output", "-o") { HelpName = "DIR", Description = "Folder for model.spmlnet, metrics.csv and run.json (created if missing) [default: runs/<kind>]." };

    internal Option<int?> SnapshotEvery { get; } = new("--snapshot-every")
    {
        HelpName = "N",
        Description = "Save the network to OUTPUT/snapshots/epoch-XXX.spmlnet before training (epoch-000) and after every N-th and the last epoch "
            + "(after that epoch's topology evolution), for analyze --snapshots and compare; ≥ 1.",
    };

    /// <summary>File name (without extension) of the snapshot taken after <paramref name="epoch"/> (0: before training).</summary>
    internal static string SnapshotName(int epoch) => string.Create(CultureInfo.InvariantCulture, $"epoch-{epoch:D3}");

    /// <summary>Whether the command line names no training data, so the embedded Fashion-MNIST sample is used.</summary>
    internal bool UsesSample(SymbolResult parse) => parse.GetValue(TrainCsv) is null && parse.GetValue(TrainImages) is null && parse.GetValue(TrainCifar) is not { Length: > 0 };

    /// <summary>The trainer options the command line asks for (checked against their ranges by the command's validator).</summary>
    /// <param name="parse">The parsed train command (<c>ParseResult.CommandResult</c>).</param>
    internal MlpTrainerOptions TrainerOptions(SymbolResult parse)
    {
        MlpTrainerOptions options = Hyperparameters.Apply<MlpTrainerOptions>(parse);
        if (!Hyperparameters.IsGiven(parse, nameof(MlpTrainerOptions.Epochs)) && UsesSample(parse))
        {
            options.Epochs = SampleEpochs;
        }

        if (parse.GetValue(AugmentShift) is not null || parse.GetValue(AugmentFlip))
        {
            options.Augmentation = new ImageAugmentation(ImageShapeOf(parse), parse.GetValue(AugmentShift) ?? 0, parse.GetValue(AugmentFlip));
        }

        return options;
    }

    /// <summary>The inputs' image layout: --image-shape, else CIFAR-10's 32x32x3, else 28x28 (IDX images and the embedded sample).</summary>
    /// <exception cref="CliException">No shape can be inferred (CSV data without --image-shape), or the text is not a shape.</exception>
    private ImageShape ImageShapeOf(SymbolResult parse)
    {
        if (parse.GetValue(ImageShapeOption) is { } text)
        {
            try
            {
                return ImageShape.Parse(text);
            }
            catch (ArgumentException ex)
            {
                throw new CliException($"{ImageShapeOption.Name}: {UserErrors.WithoutParameterSuffix(ex.Message)}");
            }
        }

        if (parse.GetValue(TrainCifar) is { Length: > 0 })
        {
            return Cifar10Reader.Shape;
        }

        return parse.GetValue(TrainCsv) is null ? new ImageShape(28, 28)
            : throw new CliException($"Augmentation of CSV data needs the image layout: give {ImageShapeOption.Name}, for example 28x28 or 32x32x3.");
    }

    /// <summary>The output folder: --output, or runs/&lt;kind&gt; under the current directory.</summary>
    internal string OutputFolder(SymbolResult parse) =>
        parse.GetValue(Output) ?? Path.Combine("runs", Hyperparameters.Apply<MlpTrainerOptions>(parse).Kind.ToString().ToLowerInvariant());

    private static string HoldOut(double fraction, int seed) =>
        string.Create(CultureInfo.InvariantCulture, $"a stratified {fraction * 100:0.#}% hold-out, seed {seed}");

    private void ValidateDataOptions(CommandResult result)
    {
        RequirePair(result, TrainImages, TrainLabels);
        RequirePair(result, TestImages, TestLabels);
        Exclusive(result, TrainCsv, TrainImages);
        if (result.GetValue(TrainCifar) is { Length: > 0 } && (result.GetValue(TrainCsv) is not null || result.GetValue(TrainImages) is not null))
        {
            result.AddError($"Give one kind of training data: {TrainCifar.Name}, {TrainCsv.Name} or {TrainImages.Name}.");
        }

        if (result.GetValue(TestCifar) is not null && result.GetValue(TrainCifar) is not { Length: > 0 })
        {
            result.AddError($"{TestCifar.Name} goes with {TrainCifar.Name}.");
        }

        if (result.GetValue(AugmentShift) is { } shift && !(shift >= 0 && shift < 1))
        {
            result.AddError($"{AugmentShift.Name} is {shift.ToString(CultureInfo.InvariantCulture)}; give a fraction in [0, 1), such as 0.1.");
        }
        Exclusive(result, TestCsv, TestImages);
        bool train = result.GetValue(TrainCsv) is not null || result.GetValue(TrainImages) is not null || result.GetValue(TrainCifar) is { Length: > 0 };
        bool test = result.GetValue(TestCsv) is not null || result.GetValue(TestImages) is not null || result.GetValue(TestCifar) is not null;
        if (test && !train)
        {
            result.AddError("Test data needs training data: give --train-csv or --train-images/--train-labels too (without data options, train uses the embedded sample and holds out --test-fraction of it).");
        }

        if (test && result.GetValue(TestFraction) is not null)
        {
            result.AddError("--test-fraction holds out part of the training data when no test data is given; drop it or the test data options.");
        }

        if (result.GetValue(TestFraction) is { } fraction && !(fraction > 0 && fraction < 1))
        {
            result.AddError($"--test-fraction is {fraction.ToString(CultureInfo.InvariantCulture)}; it must lie strictly between 0 and 1, such as 0.2.");
        }

        if (result.GetValue(SnapshotEvery) is { } every && every < 1)
        {
            result.AddError($"--snapshot-every is {every}; give a number of epochs of at least 1, such as 10.");
        }

        if (result.GetValue((Option<ActivationKind?>)Hyperparameters[nameof(MlpTrainerOptions.Activation)]) is ActivationKind.Identity)
        {
            result.AddError("--activation identity would make the hidden layers linear; choose relu, allrelu, sigmoid or tanh.");
        }
    }

    /// <summary>Checks the hyperparameters with the engine's own rules (<see cref="MlpTrainerOptions.Validate"/>), naming the option rather than the property.</summary>
    /// <returns>The message of the first value out of range, or null.</returns>
    internal string? CheckRanges(MlpTrainerOptions options) => Hyperparameters.RangeError(options.Validate);

    private static void RequirePair(CommandResult result, Option<string?> images, Option<string?> labels)
    {
        bool hasImages = result.GetValue(images) is not null;
        bool hasLabels = result.GetValue(labels) is not null;
        if (hasImages != hasLabels)
        {
            result.AddError($"{images.Name} and {labels.Name} go together: give both or neither.");
        }
    }

    private static void Exclusive(CommandResult result, Option<string?> csv, Option<string?> images)
    {
        if (result.GetValue(csv) is not null && result.GetValue(images) is not null)
        {
            result.AddError($"Give either {csv.Name} or {images.Name}, not both.");
        }
    }

    private int Execute(ParseResult parse, CancellationToken cancellationToken) => UserErrors.Run(_terminal, () =>
    {
        MlpTrainerOptions options = TrainerOptions(parse.CommandResult);
        if (CheckRanges(options) is { } problem)
        {
            UserErrors.ReportUsage(_terminal, problem, Name);
            return UserErrors.UsageExitCode;
        }

        TrainTestSets data = LoadData(parse, options.Seed);
        // Resolved once from the training rows, so the report, run.json, the snapshots and the trainer agree on the number of epochs.
        options.Epochs ??= options.EffectiveEpochs(data.Train.Count);
        ScalingKind scaling = parse.GetValue(Scaling) ?? ScalingKind.Standardize;
        FeatureScaler? scaler = scaling == ScalingKind.None ? null : FeatureScaler.Fit(data.Train, scaling);
        // The data was just read (or split off) for this run alone: scaled in place, so the raw and the scaled matrix never coexist.
        Dataset train = scaler?.TransformInPlace(data.Train) ?? data.Train;
        Dataset test = scaler?.TransformInPlace(data.Test) ?? data.Test;

        string folder = OutputFolder(parse.CommandResult);
        using RunFolder run = RunFolder.Open(folder, "model" + ModelSerializer.FileExtension);
        string modelPath = Path.Combine(folder, "model" + ModelSerializer.FileExtension);
        string metricsPath = Path.Combine(folder, "metrics.csv");
        RunDescription.Write(Path.Combine(folder, "run.json"), options, scaling, data);

        var report = new TrainingReport(_terminal.Out, options, data);
        report.PrintStart(folder);
        var trainer = new MlpTrainer(options);
        if (parse.GetValue(SnapshotEvery) is { } every)
        {
            SaveSnapshots(trainer, every, options, Path.Combine(folder, "snapshots"), scaler, data);
        }

        MultilayerPerceptron network;
        using (var metrics = new MetricsCsvWriter(metricsPath, options.HiddenLayerSizes.Count + 1))
        {
            trainer.EpochCompleted += (_, m) => metrics.Write(m);
            try
            {
                network = report.Run(trainer, train, test, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                UserErrors.Report(_terminal, $"Training stopped after {report.Epochs.Count} finished epoch(s); they are in {metricsPath}. No model was saved.", "stopped");
                return UserErrors.CancelledExitCode;
            }
        }

        ModelSerializer.Save(new ModelBundle(network, scaler, data.ClassNames, data.Train.FeatureNames, TrainingPolicy.From(options, network)), modelPath);
        run.Complete();
        report.PrintSummary(network, modelPath, metricsPath);
        return 0;
    });

    /// <summary>Saves the network as it starts (epoch 0) and after every <paramref name="every"/>-th and the last epoch, with the run's scaler and names.</summary>
    private static void SaveSnapshots(MlpTrainer trainer, int every, MlpTrainerOptions options, string folder, FeatureScaler? scaler, TrainTestSets data)
    {
        Directory.CreateDirectory(folder);
        int epochs = options.EffectiveEpochs(data.Train.Count);
        MultilayerPerceptron? network = null;
        void Save(int epoch) =>
            ModelSerializer.Save(
                new ModelBundle(network!, scaler, data.ClassNames, data.Train.FeatureNames, TrainingPolicy.From(options, network!)),
                Path.Combine(folder, SnapshotName(epoch) + ModelSerializer.FileExtension));

        trainer.TrainingStarted += (_, started) =>
        {
            network = started;
            Save(0);
        };
        trainer.EpochCompleted += (_, m) =>
        {
            if (m.Epoch % every == 0 || m.Epoch == epochs)
            {
                Save(m.Epoch);
            }
        };
    }

    private TrainTestSets LoadData(ParseResult parse, int seed)
    {
        string labelColumn = parse.GetValue(LabelColumn)!;
        double fraction = parse.GetValue(TestFraction) ?? DefaultTestFraction;
        if (UsesSample(parse.CommandResult))
        {
            (Dataset sampleTrain, Dataset sampleTest) = DataSplit.StratifiedSplit(SampleData.FashionMnist1k(), fraction, seed);
            return new TrainTestSets(sampleTrain, sampleTest, SampleData.FashionMnistClassNames,
                "embedded sample: 1000 Fashion-MNIST test images",
                HoldOut(fraction, seed));
        }

        if (parse.GetValue(TrainCifar) is { Length: > 0 } cifar)
        {
            Dataset cifarTrain = Cifar10Reader.Read(cifar);
            string cifarSource = string.Join(", ", cifar);
            if (parse.GetValue(TestCifar) is { } cifarTest)
            {
                return new TrainTestSets(cifarTrain, Cifar10Reader.Read([cifarTest]), Cifar10Reader.ClassNames, cifarSource, cifarTest);
            }

            (Dataset ct, Dataset cv) = DataSplit.StratifiedSplit(cifarTrain, fraction, seed);
            return new TrainTestSets(ct, cv, Cifar10Reader.ClassNames, cifarSource, HoldOut(fraction, seed));
        }

        string? trainCsv = parse.GetValue(TrainCsv);
        string? trainImages = parse.GetValue(TrainImages);
        (Dataset all, IReadOnlyList<string>? classNames) = DataLoading.ReadLabelled(trainImages, parse.GetValue(TrainLabels), trainCsv, labelColumn, null, null);
        string trainSource = trainCsv ?? $"{trainImages} + {parse.GetValue(TrainLabels)}";
        string? testCsv = parse.GetValue(TestCsv);
        string? testImages = parse.GetValue(TestImages);
        if (testCsv is null && testImages is null)
        {
            (Dataset train, Dataset test) = DataSplit.StratifiedSplit(all, fraction, seed);
            return new TrainTestSets(train, test, classNames, trainSource, HoldOut(fraction, seed));
        }

        (Dataset testData, _) = DataLoading.ReadLabelled(testImages, parse.GetValue(TestLabels), testCsv, labelColumn, classNames, all.ClassCount);
        if (testData.FeatureCount != all.FeatureCount)
        {
            throw new CliException($"The test data has {testData.FeatureCount} features but the training data has {all.FeatureCount}; both need the same columns.");
        }

        return new TrainTestSets(all, testData, classNames, trainSource, testCsv ?? $"{testImages} + {parse.GetValue(TestLabels)}");
    }
}
