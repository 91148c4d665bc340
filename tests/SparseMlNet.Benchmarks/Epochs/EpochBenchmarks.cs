using BenchmarkDotNet.Attributes;
using SparseMlNet.Data;
using SparseMlNet.Networks;
using SparseMlNet.Networks.Activations;
using SparseMlNet.Networks.Layers;
using SparseMlNet.Networks.Losses;
using SparseMlNet.Topology;
using SparseMlNet.Training;

namespace SparseMlNet.Benchmarks.Epochs;

/// <summary>
/// One training epoch of the SET papers' Fashion-MNIST network 784-1000-1000-1000-10 (batch 128, dropout 0.3, momentum SGD) for SET and FixProb
/// at ε from 0.5 to 500 (hidden-layer density 0.1 % to 100 %) and for the dense baseline. A SET epoch includes its topology evolution (ζ = 0.3).
/// </summary>
/// <remarks>
/// Each iteration is a whole epoch (seconds), so whatever job runs (the default, <c>--job short</c>, …) is narrowed to one process,
/// one warm-up epoch and three measured ones, one invocation each, without overhead evaluation.
/// The Allocated column includes the mini-batch buffers and weight-gradient arrays (O(neurons·batch + nnz); about 6 MB + 4 bytes per connection here)
/// that the engine's epoch loop allocates once per training run, here once per measured epoch; SET's evolution adds its rebuilt topology arrays.
/// The sample count is <see cref="BenchmarkData.SamplesVariable"/> (default 60000). For a full table over many configurations,
/// <c>--epoch-table</c> is much cheaper than BenchmarkDotNet.
/// </remarks>
[ProcessCount(1)]
[WarmupCount(1)]
[IterationCount(3)]
[RunOncePerIteration]
[EvaluateOverhead(false)]
public class EpochBenchmarks
{
    private MultilayerPerceptron _network = null!;
    private ClassificationObjective _batches = null!;
    private TrainingSettings _settings = null!;
    private TopologyEvolution? _evolution;
    private int _epoch;

    /// <summary>The network kind and ε.</summary>
    [ParamsSource(nameof(Configurations))]
    public EpochConfiguration Configuration { get; set; } = EpochConfiguration.Defaults[0];

    /// <summary>SET and FixProb at every default ε, then dense.</summary>
    public static IEnumerable<EpochConfiguration> Configurations => EpochConfiguration.Defaults;

    /// <summary>Loads the data and creates the network.</summary>
    [GlobalSetup]
    public void Setup()
    {
        Dataset data = BenchmarkData.Load(BenchmarkData.SamplesFromEnvironment()).Data;
        int[] sizes = [data.FeatureCount, .. BenchmarkData.HiddenLayers, data.ClassCount];
        var kind = Configuration.Kind;
        double epsilon = kind == NetworkKind.Dense ? MlpTrainerOptions.Defaults.Epsilon : Configuration.Epsilon;
        _network = MultilayerPerceptron.Create(
            kind, sizes, epsilon, ActivationKind.Relu, ActivationKind.Identity, LossKind.SoftmaxCrossEntropy, MlpTrainerOptions.Defaults.Seed);
        _batches = new ClassificationObjective(data);
        _settings = new TrainingSettings(
            MlpTrainerOptions.Defaults.LearningRateFor(kind),
            MlpTrainerOptions.Defaults.Momentum,
            MlpTrainerOptions.Defaults.WeightDecay,
            MlpTrainerOptions.Defaults.Dropout,
            MlpTrainerOptions.Defaults.BatchSize,
            Epochs: 1,
            MlpTrainerOptions.Defaults.Seed);
        _evolution = kind == NetworkKind.Set ? TopologyEvolution.Set(MlpTrainerOptions.Defaults.Zeta) : null;
    }

    /// <summary>One epoch: shuffled mini-batches forward, backward and update over every sample, then (SET) prune and regrow every sparse layer.</summary>
    [Benchmark]
    public void Epoch()
    {
        new TrainingLoop(_network, _settings, evolution: null).Run(_batches, null, null, null, CancellationToken.None);
        if (_evolution is null)
        {
            return;
        }

        _epoch++;
        for (int l = 0; l < _network.Layers.Count; l++)
        {
            if (_network.Layers[l] is SparseLayer sparse)
            {
                _evolution.Evolve(sparse, new Random((MlpTrainerOptions.Defaults.Seed * 7919) + (_epoch * 31) + l));
            }
        }
    }
}
