using System.Globalization;
using MathNet.Numerics.Statistics;
using SparseMlNet.Benchmarks.Epochs;
using SparseMlNet.Data;
using SparseMlNet.Networks;
using SparseMlNet.Topology;
using SparseMlNet.Training;

namespace SparseMlNet.Benchmarks.Policies;

/// <summary>
/// The <c>--policy-table</c> mode (issue 13): every dynamic-sparse-training policy next to FixProb and dense on the same engine, seed-averaged,
/// on full Fashion-MNIST (784-1000-1000-1000-10) and Madelon (500-400-100-400-2, the SET tutorial's): test accuracy after 10 epochs and at the
/// end, seconds per epoch in training and in evolution separately, and, for neuron pruning, the neurons left per layer and the training
/// seconds of the second epoch against the last. One process, runs in sequence, so the table is reproducible from its command line.
/// </summary>
internal static class PolicyTable
{
    public static void Run(PolicyTableOptions options, TextWriter output)
    {
        output.WriteLine(Invariant($"Dynamic sparse training policies, seeds {string.Join(",", options.Seeds)} (dense: {string.Join(",", options.DenseSeeds)})"));
        output.WriteLine(EpochTable.Environment());
        foreach (string set in options.Sets)
        {
            var (train, test, hidden, epochs, description) = Load(set, options);
            output.WriteLine();
            output.WriteLine(Invariant($"### {description}: {train.FeatureCount}-{string.Join('-', hidden)}-{train.ClassCount}, {train.Count} train / {test.Count} test, {epochs} epochs"));
            output.WriteLine();
            string later = epochs > 10 ? Invariant($" after {epochs} |") : "";
            output.WriteLine(Invariant($"| policy | seeds | nnz | test accuracy after {Math.Min(10, epochs)} epochs |{later} train s/epoch | evolution s/epoch | neurons left per layer | train s epoch 2 → {epochs} |"));
            output.WriteLine(epochs > 10 ? "|---|---:|---:|---:|---:|---:|---:|---|---:|" : "|---|---:|---:|---:|---:|---:|---|---:|");
            foreach (string policy in options.Policies)
            {
                var seeds = policy == "dense" ? options.DenseSeeds : options.Seeds;
                var runs = seeds.Select(seed => Measure(policy, seed, train, test, hidden, epochs, options, set)).ToList();
                output.WriteLine(Row(policy, runs, epochs, options, set));
                output.Flush();
            }
        }

        output.WriteLine();
        output.WriteLine("Accuracy: mean ± sample standard deviation over the seeds, on the whole test set after that epoch. Train s/epoch: median of");
        output.WriteLine("epochs 2..N per run, then the mean over seeds; evolution s/epoch: mean over all epochs of each run (0 where none evolves), then over seeds.");
    }

    /// <summary>The options of one policy on one data set.</summary>
    internal static MlpTrainerOptions OptionsFor(string policy, int seed, IReadOnlyList<int> hidden, int epochs, PolicyTableOptions table, string set)
    {
        var options = new MlpTrainerOptions { HiddenLayerSizes = hidden, Epochs = epochs, Seed = seed };
        switch (policy)
        {
            case "set":
                break;
            case "set-cosine":
                options.ZetaSchedule = ZetaSchedule.Cosine;
                break;
            case "rigl":
                options.Growth = GrowthKind.Gradient;
                break;
            case "rigl-dt":
                options.Growth = GrowthKind.Gradient;
                options.ZetaSchedule = ZetaSchedule.Cosine;
                options.EvolveEveryBatches = set == "madelon" ? table.MadelonDeltaT : table.DeltaT;
                break;
            case "set-prune":
                options.NeuronPruneThreshold = table.PruneThreshold;
                break;
            case "fixprob":
                options.Kind = NetworkKind.FixProb;
                break;
            case "dense":
                options.Kind = NetworkKind.Dense;
                options.LearningRate = MlpTrainerOptions.Defaults.DenseLearningRate;
                break;
            default:
                throw new ArgumentException($"Unknown policy '{policy}'; give one of {string.Join(", ", PolicyTableOptions.AllPolicies)}.", nameof(policy));
        }

        return options;
    }

    private static RunResult Measure(string policy, int seed, Dataset train, Dataset test, IReadOnlyList<int> hidden, int epochs, PolicyTableOptions table, string set)
    {
        var options = OptionsFor(policy, seed, hidden, epochs, table, set);
        var metrics = new List<EpochMetrics>();
        var trainer = new MlpTrainer(options);
        trainer.EpochCompleted += (_, m) =>
        {
            metrics.Add(m);
            Console.Error.WriteLine(Invariant($"  {set} {policy} seed {seed} epoch {m.Epoch}: test {m.TestAccuracy * 100:F2}%, train {m.TrainSeconds:F2} s, evolution {m.EvolutionSeconds:F3} s"));
        };
        MultilayerPerceptron network = trainer.Train(train, test);
        return new RunResult(metrics, network.Layers.Take(network.Layers.Count - 1).Select(l => l.Outputs).ToArray(), network.Layers.Sum(l => l.ConnectionCount));
    }

    private static string Row(string policy, List<RunResult> runs, int epochs, PolicyTableOptions options, string set)
    {
        string Accuracy(int epoch)
        {
            var values = runs.Select(r => r.Metrics[Math.Min(epoch, r.Metrics.Count) - 1].TestAccuracy * 100).ToArray();
            return values.Length > 1 ? Invariant($"{values.Mean():F2} ± {values.StandardDeviation():F2}%") : Invariant($"{values[0]:F2}%");
        }

        double train = runs.Select(r => r.Metrics.Skip(r.Metrics.Count > 1 ? 1 : 0).Select(m => m.TrainSeconds).Median()).Mean();
        double evolution = runs.Select(r => r.Metrics.Average(m => m.EvolutionSeconds)).Mean();
        string neurons = policy == "set-prune" ? string.Join("; ", runs.Select(r => string.Join("-", r.NeuronsLeft))) : "–";
        string startEnd = policy == "set-prune" && epochs > 1
            ? Invariant($"{runs.Select(r => r.Metrics[1].TrainSeconds).Mean():F2} → {runs.Select(r => r.Metrics[^1].TrainSeconds).Mean():F2}")
            : "–";
        string name = policy switch
        {
            "set" => "SET (ζ = 0.3)",
            "set-cosine" => "SET + cosine ζ",
            "rigl" => "gradient regrowth (RigL growth, per epoch)",
            "rigl-dt" => Invariant($"RigL (gradient, cosine ζ, ΔT = {(set == "madelon" ? options.MadelonDeltaT : options.DeltaT)} batches)"),
            "set-prune" => Invariant($"SET + neuron pruning (τ = {options.PruneThreshold:G})"),
            "fixprob" => "FixProb",
            "dense" => "dense",
            _ => policy,
        };
        string nnz = Invariant($"{runs.Select(r => r.Nnz).Average():N0}");
        string later = epochs > 10 ? Invariant($" {Accuracy(epochs)} |") : "";
        return Invariant($"| {name} | {runs.Count} | {nnz} | {Accuracy(Math.Min(10, epochs))} |{later} {train:F3} | {evolution:F3} | {neurons} | {startEnd} |");
    }

    private static (Dataset Train, Dataset Test, IReadOnlyList<int> Hidden, int Epochs, string Description) Load(string set, PolicyTableOptions options)
    {
        Dataset train, test;
        if (set == "fmnist")
        {
            string d = options.FashionMnistDirectory;
            train = IdxReader.ReadDataset(Path.Combine(d, "train-images-idx3-ubyte.gz"), Path.Combine(d, "train-labels-idx1-ubyte.gz"), 10);
            test = IdxReader.ReadDataset(Path.Combine(d, "t10k-images-idx3-ubyte.gz"), Path.Combine(d, "t10k-labels-idx1-ubyte.gz"), 10);
            if (options.Samples is int n && n < train.Count)
            {
                train = train.Subset(Enumerable.Range(0, n).ToArray());
            }
        }
        else
        {
            var trainFile = CsvDatasetReader.Read(Path.Combine(options.DataDirectory, "madelon_train.csv.gz"));
            var testFile = CsvDatasetReader.Read(Path.Combine(options.DataDirectory, "madelon_valid.csv.gz"));
            if (!trainFile.ClassNames.SequenceEqual(testFile.ClassNames))
            {
                throw new InvalidDataException("Madelon's train and valid files name their classes differently.");
            }

            (train, test) = (trainFile.Dataset, testFile.Dataset);
        }

        var scaler = FeatureScaler.Fit(train, ScalingKind.Standardize);
        return set == "fmnist"
            ? (scaler.Transform(train), scaler.Transform(test), BenchmarkData.HiddenLayers, options.Epochs, "Fashion-MNIST")
            : (scaler.Transform(train), scaler.Transform(test), [400, 100, 400], options.MadelonEpochs, "Madelon (train / valid)");
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private sealed record RunResult(List<EpochMetrics> Metrics, int[] NeuronsLeft, long Nnz);
}
