using System.Globalization;
using MathNet.Numerics.Statistics;
using SparseMlNet.Data;
using SparseMlNet.Kernels;
using SparseMlNet.Networks;
using SparseMlNet.Training;

namespace SparseMlNet.Benchmarks.Epochs;

/// <summary>
/// The <c>--epoch-table</c> mode: trains each configuration for a few epochs with <see cref="MlpTrainer"/> (the papers' hyperparameters)
/// and prints a markdown table of the median seconds per epoch over epochs 2..N (epoch 1 carries JIT and first-touch warm-up), so the
/// density at which sparse training overtakes dense is visible. Far cheaper than BenchmarkDotNet for whole epochs × many configurations.
/// </summary>
internal static class EpochTable
{
    public static void Run(ModeOptions options, TextWriter output)
    {
        int samples = options.Samples ?? BenchmarkData.SamplesFromEnvironment();
        var (data, source) = BenchmarkData.Load(samples);
        var configurations = EpochConfiguration.Build(options.Kinds, options.Epsilons);
        output.WriteLine(Invariant($"Epoch time of {data.FeatureCount}-{string.Join('-', BenchmarkData.HiddenLayers)}-{data.ClassCount}, batch {MlpTrainerOptions.Defaults.BatchSize}, {options.Epochs} epochs per configuration"));
        output.WriteLine(Invariant($"Data: {source}"));
        output.WriteLine(Environment());
        output.WriteLine();

        var rows = new List<Row>();
        foreach (var configuration in configurations)
        {
            Console.Error.WriteLine(Invariant($"training {configuration} ..."));
            rows.Add(Measure(configuration, data, options.Epochs));
        }

        double? dense = rows.FirstOrDefault(r => r.Configuration.Kind == NetworkKind.Dense)?.TotalSeconds;
        output.WriteLine("| network | ε | density per layer | nnz | train s/epoch | evolution s/epoch | total s/epoch | speed-up vs dense | train accuracy (last epoch) |");
        output.WriteLine("|---|---:|---|---:|---:|---:|---:|---:|---:|");
        foreach (var r in rows)
        {
            string epsilon = r.Configuration.Kind == NetworkKind.Dense ? "–" : Invariant($"{r.Configuration.Epsilon:G}");
            string densities = string.Join(" / ", r.Last.Layers.Select(l => FormatPercent(l.Density)));
            long nnz = r.Last.Layers.Sum(l => l.Nnz);
            string speedUp = dense is { } d ? Invariant($"{d / r.TotalSeconds:F2}×") : "–";
            output.WriteLine(Invariant(
                $"| {r.Configuration.KindName} | {epsilon} | {densities} | {nnz:N0} | {r.TrainSeconds:F3} | {r.EvolutionSeconds:F3} | {r.TotalSeconds:F3} | {speedUp} | {r.Last.TrainAccuracy * 100:F1}% |"));
        }

        output.WriteLine();
        output.WriteLine(Invariant(
            $"Median over epochs 2..{options.Epochs} (all epochs when fewer than 2). Evolution: median over the epochs that evolved (SET evolves after every epoch but the last)."));
    }

    /// <summary>One line describing the cores, SIMD path and dense BLAS in use.</summary>
    public static string Environment()
    {
        string simd = SparseKernels.ActiveVectorBits switch
        {
            512 => "AVX-512 kernels",
            256 => "AVX2+FMA kernels",
            128 => "Vector128 kernels",
            _ => "scalar kernels",
        };
        return Invariant($"Machine: {System.Environment.ProcessorCount} cores, {simd}, dense GEMM: {(Gemm.UsesOpenBlas ? "OpenBLAS" : "managed fallback")}, .NET {System.Environment.Version}");
    }

    public static string FormatPercent(double fraction) => fraction switch
    {
        >= 0.1 => Invariant($"{fraction * 100:F0}%"),
        >= 0.01 => Invariant($"{fraction * 100:F1}%"),
        _ => Invariant($"{fraction * 100:F2}%"),
    };

    private static Row Measure(EpochConfiguration configuration, Dataset data, int epochs)
    {
        var trainer = new MlpTrainer(new MlpTrainerOptions
        {
            Kind = configuration.Kind,
            Epsilon = configuration.Kind == NetworkKind.Dense ? MlpTrainerOptions.Defaults.Epsilon : configuration.Epsilon,
            Epochs = epochs,
        });
        var metrics = new List<EpochMetrics>();
        trainer.EpochCompleted += (_, m) => metrics.Add(m);
        trainer.Train(data);

        var measured = metrics.Count > 1 ? metrics.Skip(1).ToList() : metrics;
        var evolved = metrics.Take(metrics.Count - 1).Where(m => m.EvolutionSeconds > 0).ToList();
        if (evolved.Count > 1)
        {
            evolved.RemoveAt(0);
        }

        double train = measured.Select(m => m.TrainSeconds).Median();
        double evolution = evolved.Count == 0 ? 0 : evolved.Select(m => m.EvolutionSeconds).Median();
        return new Row(configuration, train, evolution, metrics[^1]);
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private sealed record Row(EpochConfiguration Configuration, double TrainSeconds, double EvolutionSeconds, EpochMetrics Last)
    {
        public double TotalSeconds => TrainSeconds + EvolutionSeconds;
    }
}
