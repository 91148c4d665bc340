using System.CommandLine;
using System.Globalization;
using SparseMlNet.Cli.Commands;
using SparseMlNet.IO;
using SparseMlNet.Networks;
using SparseMlNet.Networks.Activations;
using SparseMlNet.Training;

namespace SparseMlNet.Cli.Tests;

public sealed class TrainCommandTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("sparsemlnet-cli-tests-");

    public void Dispose() => _folder.Delete(recursive: true);

    [Fact]
    public void TrainerOptions_MapsEveryHyperparameterOption()
    {
        (TrainCommand command, ParseResult parse) = Parse(
            "--train-csv", "data.csv", "--kind", "fixprob", "--hidden-sizes", "300,100", "--epsilon", "11", "--zeta", "0.2", "--learning-rate", "0.05",
            "--momentum", "0.5", "--weight-decay", "0.001", "--dropout", "0.1", "--batch-size", "64", "--epochs", "7", "--activation", "allrelu",
            "--allrelu-alpha", "0.75", "--seed", "9", "--evolve-output", "--min-batches", "4", "--validation-fraction", "0.25", "--patience", "6",
            "--evolve-every", "2", "--evolution-stop", "5", "--zeta-schedule", "cosine");

        MlpTrainerOptions options = command.TrainerOptions(parse.CommandResult);

        Assert.Empty(parse.Errors);
        Assert.Equal(NetworkKind.FixProb, options.Kind);
        Assert.Equal([300, 100], options.HiddenLayerSizes);
        Assert.Equal(11, options.Epsilon);
        Assert.Equal(0.2, options.Zeta);
        Assert.Equal(0.05f, options.LearningRate);
        Assert.Equal(0.5f, options.Momentum);
        Assert.Equal(0.001f, options.WeightDecay);
        Assert.Equal(0.1f, options.Dropout);
        Assert.Equal(64, options.BatchSize);
        Assert.Equal(7, options.Epochs);
        Assert.Equal(ActivationKind.AllRelu, options.Activation);
        Assert.Equal(0.75f, options.AllReluAlpha);
        Assert.Equal(9, options.Seed);
        Assert.True(options.EvolveOutputLayer);
        Assert.Equal(4, options.MinimumBatchesPerEpoch);
        Assert.Equal(0.25, options.ValidationFraction);
        Assert.Equal(6, options.EarlyStoppingPatience);
        Assert.Equal(2, options.EvolveEvery);
        Assert.Equal(5, options.EvolutionStopEpoch);
        Assert.Equal(SparseMlNet.Topology.ZetaSchedule.Cosine, options.ZetaSchedule);
    }

    [Fact]
    public void EveryTrainerHyperparameterHasAnOptionFromTheOneTable()
    {
        var (command, _) = Parse();
        foreach (var property in typeof(MlpTrainerOptions).GetProperties().Where(p => p.CanWrite && p.Name is not (nameof(MlpTrainerOptions.Evolution) or nameof(MlpTrainerOptions.Augmentation))))
        {
            var row = SparseMlNet.Cli.Options.HyperparameterTable.For(property.Name);
            Assert.True(row is not null, $"MlpTrainerOptions.{property.Name} has no row in the CLI's hyperparameter table.");
            Assert.Contains(command.Options, o => o.Name == row.Option);
        }
    }

    [Fact]
    public void Train_Cifar10FilesWithAugmentation_TrainsAndSavesAModel()
    {
        string a = SparseMlNet.Tests.Data.Cifar10ReaderTestsFiles.Write(Path.Combine(_folder.FullName, "data_batch_1.bin"), 40);
        string t = SparseMlNet.Tests.Data.Cifar10ReaderTestsFiles.Write(Path.Combine(_folder.FullName, "test_batch.bin"), 20);
        string output = Path.Combine(_folder.FullName, "cifar");

        CliRun run = CliRun.Of("train", "--train-cifar", a, "--test-cifar", t, "--hidden-sizes", "32", "--epsilon", "4", "--epochs", "2",
            "--augment-shift", "0.1", "--augment-flip", "-o", output);

        Assert.True(run.ExitCode == 0, run.Error + run.Output);
        Assert.True(File.Exists(Path.Combine(output, "model.spmlnet")));
        Assert.Contains("3072", run.Output);
    }

    [Fact]
    public void Train_Cifar10FileOfTheWrongSize_IsAOneLineErrorNamingTheRecordSize()
    {
        string bad = Path.Combine(_folder.FullName, "bad.bin");
        File.WriteAllBytes(bad, new byte[5000]);

        CliRun run = CliRun.Of("train", "--train-cifar", bad, "--epochs", "1", "-o", Path.Combine(_folder.FullName, "bad"));

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("3073", run.Error);
    }

    [Fact]
    public void Train_PatienceStopsEarlyAndTheSummarySaysWhichEpochWasKept()
    {
        string output = Path.Combine(_folder.FullName, "early");
        CliRun run = CliRun.Of("train", "--train-csv", CliRun.Digits, "--hidden-sizes", "32", "--epsilon", "4", "--epochs", "60", "--learning-rate", "0.3",
            "--validation-fraction", "0.3", "--patience", "2", "-o", output);

        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Contains("Early stopping", run.Output);
        var log = SparseMlNet.IO.MetricsCsv.Read(Path.Combine(output, "metrics.csv"));
        Assert.True(log.Epochs.Count < 60, $"{log.Epochs.Count} epochs ran");
    }

    [Fact]
    public void TrainerOptions_WithoutOptions_AreTheEngineDefaultsWithSampleEpochs()
    {
        (TrainCommand command, ParseResult parse) = Parse();
        MlpTrainerOptions options = command.TrainerOptions(parse.CommandResult);
        var defaults = new MlpTrainerOptions();

        Assert.True(command.UsesSample(parse.CommandResult));
        Assert.Equal(defaults.Kind, options.Kind);
        Assert.Equal(defaults.HiddenLayerSizes, options.HiddenLayerSizes);
        Assert.Equal(defaults.Epsilon, options.Epsilon);
        Assert.Equal(defaults.Zeta, options.Zeta);
        Assert.Equal(defaults.LearningRate, options.LearningRate);
        Assert.Equal(defaults.Momentum, options.Momentum);
        Assert.Equal(defaults.WeightDecay, options.WeightDecay);
        Assert.Equal(defaults.Dropout, options.Dropout);
        Assert.Equal(defaults.BatchSize, options.BatchSize);
        Assert.Equal(defaults.Activation, options.Activation);
        Assert.Equal(defaults.AllReluAlpha, options.AllReluAlpha);
        Assert.Equal(defaults.Seed, options.Seed);
        Assert.Equal(defaults.EvolveOutputLayer, options.EvolveOutputLayer);
        Assert.False(options.EvolveOutputLayer);
        Assert.Equal(TrainCommand.SampleEpochs, options.Epochs);
        Assert.Equal(Path.Combine("runs", "set"), command.OutputFolder(parse.CommandResult));
    }

    [Fact]
    public void TrainerOptions_WithDataFiles_LeavesEpochsToTheDataRule()
    {
        (TrainCommand command, ParseResult parse) = Parse("--train-csv", "data.csv", "--kind", "dense");

        Assert.False(command.UsesSample(parse.CommandResult));
        MlpTrainerOptions options = command.TrainerOptions(parse.CommandResult);
        Assert.Null(options.Epochs);
        Assert.Equal(MlpTrainerOptions.Defaults.Epochs, options.EffectiveEpochs(60000));
        Assert.Equal(600, options.EffectiveEpochs(30));
        Assert.Equal(Path.Combine("runs", "dense"), command.OutputFolder(parse.CommandResult));
    }

    [Fact]
    public void Hidden_None_MeansNoHiddenLayer()
    {
        (TrainCommand command, ParseResult parse) = Parse("--hidden-sizes", "none");

        Assert.Empty(command.TrainerOptions(parse.CommandResult).HiddenLayerSizes);
    }

    [Theory]
    [InlineData("--hidden-sizes", "100,x")]
    [InlineData("--hidden-sizes", "0")]
    [InlineData("--kind", "sparse")]
    [InlineData("--train-images", "a.gz")]
    [InlineData("--train-csv", "a.csv", "--train-images", "b.gz", "--train-labels", "c.gz")]
    [InlineData("--test-csv", "t.csv")]
    [InlineData("--train-csv", "a.csv", "--test-csv", "t.csv", "--test-fraction", "0.3")]
    [InlineData("--test-fraction", "1.5")]
    [InlineData("--epochs", "0")]
    [InlineData("--zeta", "1")]
    [InlineData("--learning-rate", "-0.1")]
    [InlineData("--no-such-option")]
    public void Run_UsageError_ExitsWithTwoAndPointsToHelp(params string[] args)
    {
        CliRun run = CliRun.Of(["train", .. args]);

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("error: ", run.Error, StringComparison.Ordinal);
        Assert.Contains("Run 'sparsemlnet train --help' for usage.", run.Error, StringComparison.Ordinal);
        Assert.Empty(run.Output);
    }

    [Fact]
    public void TrainerOptions_EvolveEveryBatches_MapsAndExcludesEvolveEvery()
    {
        (TrainCommand command, ParseResult parse) = Parse("--train-csv", "data.csv", "--evolve-every-batches", "100", "--growth", "gradient");
        MlpTrainerOptions options = command.TrainerOptions(parse.CommandResult);
        Assert.Equal(100, options.EvolveEveryBatches);
        Assert.Null(command.CheckRanges(options));

        (command, parse) = Parse("--train-csv", "data.csv", "--evolve-every-batches", "100", "--evolve-every", "2");
        string? error = command.CheckRanges(command.TrainerOptions(parse.CommandResult));
        Assert.NotNull(error);
        Assert.StartsWith("--evolve-every-batches: ", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_RangeError_NamesTheOptionNotTheProperty()
    {
        CliRun run = CliRun.Of("train", "--batch-size", "0");

        Assert.StartsWith("error: --batch-size: ", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_MissingTrainingFile_IsAOneLineUserError()
    {
        string missing = Path.Combine(_folder.FullName, "missing.csv");

        CliRun run = CliRun.Of("train", "--train-csv", missing, "-o", _folder.FullName);

        Assert.Equal(1, run.ExitCode);
        Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("missing.csv", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_TrainOnCsv_WritesModelMetricsAndRunDescription()
    {
        string output = Path.Combine(_folder.FullName, "run");

        CliRun run = CliRun.Of("train", "--train-csv", CliRun.Digits, "--hidden-sizes", "32", "--epsilon", "4", "--epochs", "3", "--batch-size", "64", "-o", output);

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("Test accuracy", run.Output, StringComparison.Ordinal);
        string[] metrics = File.ReadAllLines(Path.Combine(output, "metrics.csv"));
        Assert.Equal(4, metrics.Length);
        Assert.StartsWith("epoch,train_loss,train_accuracy,test_loss,test_accuracy,", metrics[0], StringComparison.Ordinal);
        Assert.EndsWith("nnz_l1,nnz_l2,density_l1,density_l2,neurons_h1", metrics[0], StringComparison.Ordinal);
        Assert.EndsWith(",32", metrics[3], StringComparison.Ordinal);
        Assert.StartsWith("3,", metrics[3], StringComparison.Ordinal);

        ModelBundle model = ModelSerializer.Load(Path.Combine(output, "model.spmlnet"));
        Assert.Equal([64, 32, 10], model.Network.LayerSizes);
        Assert.Equal(NetworkKind.Set, model.Network.Kind);
        Assert.NotNull(model.Scaler);
        Assert.Equal(64, model.FeatureNames!.Count);
        Assert.Equal("9", model.ClassName(9));
        Assert.Equal(new TrainingPolicy(SparseMlNet.Topology.GrowthKind.Random, 0.3, SparseMlNet.Topology.ZetaSchedule.Constant, 1, null, null, null, false, [0]), model.Policy);
        Assert.Contains("\"epochs\": 3", File.ReadAllText(Path.Combine(output, "run.json")), StringComparison.Ordinal);
    }

    [Fact]
    public void Run_TrainWithRigLPolicy_RecordsItInTheModel()
    {
        string output = Path.Combine(_folder.FullName, "rigl");

        CliRun run = CliRun.Of(
            "train", "--train-csv", CliRun.Digits, "--hidden-sizes", "32", "--epsilon", "4", "--epochs", "3", "--batch-size", "64",
            "--growth", "gradient", "--zeta-schedule", "cosine", "--evolve-every-batches", "5", "--evolution-stop", "2", "-o", output);

        Assert.True(run.ExitCode == 0, run.Error);
        var policy = ModelSerializer.Load(Path.Combine(output, "model.spmlnet")).Policy!;
        Assert.Equal((SparseMlNet.Topology.GrowthKind.Gradient, SparseMlNet.Topology.ZetaSchedule.Cosine, (int?)5, (int?)2), (policy.Growth, policy.ZetaSchedule, policy.EvolveEveryBatches, policy.EvolutionStopEpoch));
    }

    [Fact]
    public void Run_TrainWithNeuronPruning_MetricsShowTheShrinkingLayersOfTheModel()
    {
        string output = Path.Combine(_folder.FullName, "pruned");

        CliRun run = CliRun.Of(
            "train", "--train-csv", CliRun.Digits, "--hidden-sizes", "48,40", "--epsilon", "4", "--epochs", "4", "--batch-size", "32", "--prune-neurons", "0.8", "-o", output);

        Assert.True(run.ExitCode == 0, run.Error);
        string[] lines = File.ReadAllLines(Path.Combine(output, "metrics.csv"));
        string[] header = lines[0].Split(',');
        int[][] neurons = [.. lines.Skip(1).Select(line => line.Split(',')).Select(cells => new[]
        {
            int.Parse(cells[Array.IndexOf(header, "neurons_h1")], CultureInfo.InvariantCulture),
            int.Parse(cells[Array.IndexOf(header, "neurons_h2")], CultureInfo.InvariantCulture),
        })];
        Assert.Equal(4, neurons.Length);
        for (int e = 1; e < neurons.Length; e++)
        {
            Assert.True(neurons[e][0] <= neurons[e - 1][0] && neurons[e][1] <= neurons[e - 1][1], $"epoch {e + 1}: {neurons[e][0]}-{neurons[e][1]} after {neurons[e - 1][0]}-{neurons[e - 1][1]}");
        }

        ModelBundle model = ModelSerializer.Load(Path.Combine(output, "model.spmlnet"));
        Assert.Equal([64, neurons[^1][0], neurons[^1][1], 10], model.Network.LayerSizes);
        Assert.True(neurons[^1][0] + neurons[^1][1] < 48 + 40, "pruning at τ = 0.8 removed no neuron");
        Assert.Equal([48 - neurons[^1][0], 40 - neurons[^1][1]], model.Policy!.NeuronsRemoved!);
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"neurons {neurons[^1][0]}-{neurons[^1][1]}"), run.Output, StringComparison.Ordinal);
        Assert.Contains("(removed ", run.Output, StringComparison.Ordinal);
    }

    private static (TrainCommand Command, ParseResult Parse) Parse(params string[] args)
    {
        using var output = new StringWriter();
        var command = new TrainCommand(Terminal.Plain(output, output));
        var root = new RootCommand { command };
        return (command, root.Parse(["train", .. args]));
    }
}
