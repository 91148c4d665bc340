using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using MathNet.Numerics.Statistics;
using SparseMlNet.Data;
using SparseMlNet.Networks;
using SparseMlNet.Sparse;
using SparseMlNet.Training;

namespace SparseMlNet.Benchmarks.Scale;

/// <summary>What one child run of <c>--scale-table</c> measured (or why it did not train), sent to the parent as one JSON line.</summary>
internal sealed class ScaleResult
{
    public int Size { get; set; }

    public int Width { get; set; }

    public long Neurons { get; set; }

    /// <summary>Connections of the Erdős–Rényi expectation (before building) or of the trained network.</summary>
    public double Connections { get; set; }

    public double EstimateBytes { get; set; }

    public double LimitBytes { get; set; }

    public int TrainSamples { get; set; }

    public int TestSamples { get; set; }

    public double SecondsPerEpoch { get; set; }

    public double EvolutionSeconds { get; set; }

    public double PeakWorkingSetBytes { get; set; }

    public double TestAccuracy { get; set; }

    public double Chance { get; set; }

    public double[] TrainLosses { get; set; } = [];

    public List<KernelResult> Kernels { get; set; } = [];

    /// <summary>The one-minute load average when the kernels had been timed (Linux; NaN elsewhere).</summary>
    public double LoadAverage { get; set; } = double.NaN;

    /// <summary>Why the run did not train: refused by the memory estimate, out of memory under the heap limit, or diverged; null when it trained.</summary>
    public string? Failure { get; set; }
}

/// <summary>The child side of <c>--scale-table</c>: trains one size and prints <see cref="ResultPrefix"/> + JSON on stdout (progress goes to stderr).</summary>
internal static class ScaleRun
{
    public const string ResultPrefix = "SCALE-RESULT ";

    /// <summary>NaN (no test accuracy, no load average) travels as "NaN".</summary>
    public static readonly JsonSerializerOptions Json = new() { NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals };

    public static int Run(ScaleTableOptions o, TextWriter output)
    {
        int size = o.Sizes[0];
        int width = Math.Max(1, (int)Math.Round(size / 3.0));
        int[] layers = [o.Features, width, width, width, o.Classes];
        var result = new ScaleResult
        {
            Size = size,
            Width = width,
            Neurons = layers.Sum(n => (long)n),
            Connections = ExpectedConnections(layers, o.Epsilon),
            EstimateBytes = MemoryEstimate.TrainingBytes(NetworkKind.Set, layers, o.Epsilon, Math.Min(o.BatchSize, o.TrainSamples), o.TestSamples),
            LimitBytes = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes,
            TrainSamples = o.TrainSamples,
            TestSamples = o.TestSamples,
            Chance = 1.0 / o.Classes,
        };

        try
        {
            Console.Error.WriteLine(Invariant($"[{Label(size)}] generating {o.Samples} x {o.Features} samples ({o.InformativeCount} informative, {o.Classes} classes) ..."));
            var (train, test) = SyntheticExpression.Generate(o.TrainSamples, o.TestSamples, o.Features, o.Classes, o.InformativeCount, o.Effect, o.Seed);
            int largestClass = Enumerable.Range(0, o.Classes).Max(k => test.Labels.ToArray().Count(y => y == k));
            result.Chance = (double)largestClass / test.Count;
            var options = new MlpTrainerOptions
            {
                HiddenLayerSizes = [width, width, width],
                Epsilon = o.Epsilon,
                BatchSize = o.BatchSize,
                Epochs = o.Epochs,
                Seed = o.Seed,
            };
            var metrics = new List<EpochMetrics>();
            var trainer = new MlpTrainer(options);
            trainer.EpochCompleted += (_, m) =>
            {
                metrics.Add(m);
                Console.Error.WriteLine(Invariant(
                    $"[{Label(size)}] epoch {m.Epoch}: loss {m.TrainLoss:F3}, test accuracy {m.TestAccuracy:P1}, {m.TrainSeconds:F1} s + {m.EvolutionSeconds:F1} s evolution, peak {m.PeakWorkingSetBytes / (double)(1L << 30):F2} GiB"));
            };
            trainer.TrainingStarted += (_, network) =>
                Console.Error.WriteLine(Invariant($"[{Label(size)}] training {string.Join('-', layers)}: {network.ConnectionCount:N0} connections ..."));

            MultilayerPerceptron model = trainer.Train(train, test);
            result.PeakWorkingSetBytes = Process.GetCurrentProcess().PeakWorkingSet64;
            result.Connections = model.ConnectionCount;
            var measured = metrics.Count > 1 ? metrics.Skip(1).ToList() : metrics;
            result.SecondsPerEpoch = measured.Select(m => m.TrainSeconds).Median();
            var evolved = metrics.Where(m => m.EvolutionSeconds > 0).ToList();
            result.EvolutionSeconds = evolved.Count == 0 ? 0 : evolved.Select(m => m.EvolutionSeconds).Median();
            result.TestAccuracy = metrics[^1].TestAccuracy;
            result.TrainLosses = [.. metrics.Select(m => m.TrainLoss)];

            Console.Error.WriteLine(Invariant($"[{Label(size)}] timing the kernels ({o.KernelRepeats} repetitions per layer) ..."));
            result.Kernels = [.. KernelTiming.Measure(model, Math.Min(o.BatchSize, o.TrainSamples), o.KernelRepeats)];
            result.LoadAverage = LoadAverage();
        }
        catch (InsufficientMemoryException e)
        {
            result.Failure = "refused: " + e.Message;
        }
        catch (OutOfMemoryException)
        {
            result.Failure = Invariant($"out of memory under the {result.LimitBytes / (1L << 30):F1} GiB heap limit (the engine's estimate was {result.EstimateBytes / (1L << 30):F1} GiB)");
        }
        catch (TrainingDivergedException e)
        {
            result.Failure = "diverged: " + e.Message;
        }

        output.WriteLine(ResultPrefix + JsonSerializer.Serialize(result, Json));
        return 0;
    }

    /// <summary>The one-minute load average of /proc/loadavg, or NaN.</summary>
    public static double LoadAverage()
    {
        try
        {
            string text = File.ReadAllText("/proc/loadavg");
            return double.Parse(text.Split(' ')[0], CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return double.NaN;
        }
        catch (UnauthorizedAccessException)
        {
            return double.NaN;
        }
    }

    /// <summary>Σ p·n_in·n_out over the layers, as <see cref="MemoryEstimate"/> counts them.</summary>
    public static double ExpectedConnections(IReadOnlyList<int> layers, double epsilon)
    {
        double total = 0;
        for (int l = 1; l < layers.Count; l++)
        {
            total += (double)layers[l - 1] * layers[l] * ErdosRenyi.Probability(epsilon, layers[l - 1], layers[l]);
        }

        return total;
    }

    public static string Label(int size) => size switch
    {
        >= 1_000_000 => Invariant($"{size / 1e6:0.##}M"),
        >= 1_000 => Invariant($"{size / 1e3:0.##}K"),
        _ => Invariant($"{size}"),
    };

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
