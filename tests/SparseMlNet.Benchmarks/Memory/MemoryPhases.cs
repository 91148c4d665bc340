using System.Diagnostics;
using System.Globalization;
using SparseMlNet.Data;
using SparseMlNet.Networks;
using SparseMlNet.Networks.Layers;
using SparseMlNet.Randomness;
using SparseMlNet.Topology;
using SparseMlNet.Training;

namespace SparseMlNet.Benchmarks.Memory;

/// <summary>
/// <c>--memory-phases</c>: where the bytes go in a <c>train</c> run, phase by phase, in this process. Follows the CLI's pipeline
/// (read, stratified 20% hold-out or a test file, standardise, train with <see cref="MlpTrainer"/>), then times one more evaluation and one
/// more evolution step of every sparse layer on their own. Each row gives the managed heap retained after a full GC, the bytes allocated
/// during the phase (whole process) and the peak working set so far (<see cref="Process.PeakWorkingSet64"/>).
/// </summary>
internal static class MemoryPhases
{
    public const string Usage = """
          --memory-phases (--csv FILE | --images FILE --labels FILE [--test-images FILE --test-labels FILE]) [--hidden 1000,1000,1000]
                          [--epsilon 20] [--batch-size 128] [--epochs 1] [--learning-rate η] [--kind Set]
              where the bytes go in a train run: heap, allocation and peak working set after each phase.
        """;

    private const double Mb = 1e6;

    public static void Run(IReadOnlyList<string> args, TextWriter output)
    {
        var a = new Dictionary<string, string>(StringComparer.Ordinal);
        for (int i = 0; i < args.Count; i++)
        {
            if (args[i] == "--memory-phases")
            {
                continue;
            }

            if (i + 1 >= args.Count || !args[i].StartsWith("--", StringComparison.Ordinal))
            {
                throw new ArgumentException($"Option {args[i]} needs a value.\n{Usage}", nameof(args));
            }

            a[args[i]] = args[++i];
        }

        var options = new MlpTrainerOptions
        {
            HiddenLayerSizes = [.. Get(a, "--hidden", "1000,1000,1000").Split(',').Select(v => int.Parse(v, CultureInfo.InvariantCulture))],
            Epsilon = double.Parse(Get(a, "--epsilon", "20"), CultureInfo.InvariantCulture),
            BatchSize = int.Parse(Get(a, "--batch-size", "128"), CultureInfo.InvariantCulture),
            Epochs = int.Parse(Get(a, "--epochs", "1"), CultureInfo.InvariantCulture),
            Kind = Enum.Parse<NetworkKind>(Get(a, "--kind", "Set"), ignoreCase: true),
        };
        if (a.TryGetValue("--learning-rate", out string? eta))
        {
            options.LearningRate = float.Parse(eta, CultureInfo.InvariantCulture);
        }

        var table = new Phases(output);
        output.WriteLine(Invariant($"GC: {(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")}, latency mode {System.Runtime.GCSettings.LatencyMode}, {Environment.ProcessorCount} cores"));
        output.WriteLine();
        output.WriteLine("| phase | heap retained MB | allocated in phase MB | peak working set MB |");
        output.WriteLine("|---|---:|---:|---:|");
        table.Mark("start");

        var (train, test) = Load(a, options.Seed, table);
        table.Mark(a.ContainsKey("--test-images") ? "standardised in place" : "stratified 20% hold-out, standardised in place (the source released)");
        var trainer = new MlpTrainer(options);
        MultilayerPerceptron? network = null;
        trainer.TrainingStarted += (_, n) =>
        {
            network = n;
            table.Mark(Invariant($"network created ({n.ConnectionCount:N0} connections, {n.LayerSizes.Skip(1).SkipLast(1).Sum():N0} hidden neurons)"));
        };
        trainer.BatchCompleted += (_, p) =>
        {
            if (p.Batch == 1 && p.Epoch == 1)
            {
                table.Mark("first mini-batch (training buffers allocated)");
            }
        };
        trainer.EpochCompleted += (_, m) => table.Mark(Invariant($"epoch {m.Epoch}: train {m.TrainSeconds:F1} s, evaluation {m.EvaluationSeconds:F1} s, evolution {m.EvolutionSeconds:F2} s, loss {m.TrainLoss:F3}"));
        network = trainer.Train(train, test);

        _ = Evaluation.Classification(network, test);
        table.Mark("one more evaluation of the test set");
        if (options.ResolveEvolution() is { } evolution)
        {
            for (int step = 1; step <= 2; step++)
            {
                for (int l = 0; l < network.Layers.Count - 1; l++)
                {
                    if (network.Layers[l] is SparseLayer sparse)
                    {
                        evolution.Evolve(sparse, SeedStreams.CreateRandom(7, step, l, 3, 0));
                    }
                }

                table.Mark(Invariant($"evolution step {step} of the hidden layers alone"));
            }
        }

        long connections = network.ConnectionCount;
        output.WriteLine();
        output.WriteLine(Invariant($"Peak working set {table.Peak / Mb:F0} MB = {(double)table.Peak / connections:F1} bytes per connection ({connections:N0} connections)."));
        GC.KeepAlive(train);
        GC.KeepAlive(test);
    }

    /// <summary>Reads, splits and standardises as the CLI's <c>train</c> does (scaling in place).</summary>
    private static (Dataset Train, Dataset Test) Load(Dictionary<string, string> a, int seed, Phases table)
    {
        Dataset all;
        Dataset? testFile = null;
        if (a.TryGetValue("--csv", out string? csv))
        {
            all = CsvDatasetReader.Read(csv).Dataset;
        }
        else
        {
            all = IdxReader.ReadDataset(a["--images"], a["--labels"]);
            if (a.TryGetValue("--test-images", out string? ti))
            {
                testFile = IdxReader.ReadDataset(ti, a["--test-labels"], all.ClassCount);
            }
        }

        table.Mark(Invariant($"read data ({all.Count} x {all.FeatureCount}, float matrix {4.0 * all.Count * all.FeatureCount / Mb:F1} MB)"));
        var (train, test) = testFile is null ? DataSplit.StratifiedSplit(all, 0.2, seed) : (all, testFile);
        var scaler = FeatureScaler.Fit(train, ScalingKind.Standardize);
        scaler.TransformInPlace(train);
        scaler.TransformInPlace(test);
        return (train, test);
    }

    private static string Get(Dictionary<string, string> a, string name, string fallback) => a.TryGetValue(name, out string? v) ? v : fallback;

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private sealed class Phases(TextWriter output)
    {
        private long _allocated = GC.GetTotalAllocatedBytes(precise: true);

        public long Peak { get; private set; }

        public void Mark(string phase)
        {
            long allocated = GC.GetTotalAllocatedBytes(precise: true);
            long heap = GC.GetTotalMemory(forceFullCollection: true);
            using var process = Process.GetCurrentProcess();
            Peak = process.PeakWorkingSet64;
            output.WriteLine(Invariant($"| {phase} | {heap / Mb:F1} | {(allocated - _allocated) / Mb:F1} | {Peak / Mb:F0} |"));
            output.Flush();
            _allocated = GC.GetTotalAllocatedBytes(precise: true);
        }
    }
}
