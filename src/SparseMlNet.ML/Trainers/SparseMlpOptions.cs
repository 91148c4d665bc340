using System.Text.Json.Serialization;
using Microsoft.ML;
using Microsoft.ML.SearchSpace;
using SparseMlNet.Networks;
using SparseMlNet.Networks.Activations;
using SparseMlNet.Training;

namespace SparseMlNet.ML.Trainers;

/// <summary>
/// Options of <see cref="SparseMlpTrainer"/>: the columns, the SET-MLP hyperparameters (Mocanu et al., "Scalable training of artificial
/// neural networks with adaptive sparse connectivity inspired by network science", Nature Communications 2018) and monitoring.
/// Defaults are the papers' Fashion-MNIST settings (<see cref="MlpTrainerOptions.Defaults"/>).
/// </summary>
/// <remarks>
/// The tunable hyperparameters carry ML.NET AutoML search-space attributes (<see cref="RangeAttribute"/>, <see cref="BooleanChoiceAttribute"/>),
/// so <c>new SearchSpace&lt;SparseMlpOptions&gt;()</c> sweeps them with <c>mlContext.Auto().CreateSweepableEstimator</c>.
/// Callbacks, the log context and the cancellation token are not part of the search space (<see cref="JsonIgnoreAttribute"/>).
/// </remarks>
public sealed class SparseMlpOptions
{
    /// <summary>Label column: a key (for example from <c>MapValueToKey</c>) or a number that is a class index 0..K-1. Default "Label".</summary>
    public string LabelColumnName { get; set; } = "Label";

    /// <summary>Feature column: a known-size vector of <see cref="float"/>, scaled as the network expects (for example by <c>NormalizeMinMax</c>). Default "Features".</summary>
    public string FeatureColumnName { get; set; } = "Features";

    /// <summary>Evolution policy: <see cref="NetworkKind.Set"/> (prune and regrow after every epoch, default), <see cref="NetworkKind.FixProb"/> (static sparse) or <see cref="NetworkKind.Dense"/>.</summary>
    public NetworkKind Kind { get; set; } = NetworkKind.Set;

    /// <summary>Neurons of each hidden layer, input side first; each ≥ 1; empty for none. Default 1000, 1000, 1000.</summary>
    public IReadOnlyList<int> HiddenLayerSizes { get; set; } = MlpTrainerOptions.Defaults.HiddenLayerSizes;

    /// <summary>ε of the Erdős–Rényi initialisation, p = ε(n_in + n_out)/(n_in·n_out) (Mocanu et al. 2018, eq. 1); ε &gt; 0. Default 20. Ignored by dense networks.</summary>
    [Range(1.0, 200.0, MlpTrainerOptions.Defaults.Epsilon, logBase: true)]
    public double Epsilon { get; set; } = MlpTrainerOptions.Defaults.Epsilon;

    /// <summary>ζ, the fraction of the smallest positive and of the largest negative weights that SET removes and regrows after each epoch; [0, 1). Default 0.3.</summary>
    [Range(0.0, 0.6, MlpTrainerOptions.Defaults.Zeta)]
    public double Zeta { get; set; } = MlpTrainerOptions.Defaults.Zeta;

    /// <summary>Training epochs; ≥ 1. Default 100.</summary>
    [Range(1, 500, MlpTrainerOptions.Defaults.Epochs, logBase: true)]
    public int Epochs { get; set; } = MlpTrainerOptions.Defaults.Epochs;

    /// <summary>η, the SGD learning rate; &gt; 0. Default 0.02 (the engine's default for sparse networks; use 0.01 for <see cref="NetworkKind.Dense"/>, see <see cref="MlpTrainerOptions.Defaults.DenseLearningRate"/>).</summary>
    [Range(1e-4f, 0.3f, MlpTrainerOptions.Defaults.LearningRate, logBase: true)]
    public float LearningRate { get; set; } = MlpTrainerOptions.Defaults.LearningRate;

    /// <summary>μ, classical momentum; [0, 1). Default 0.9.</summary>
    [Range(0f, 0.99f, MlpTrainerOptions.Defaults.Momentum)]
    public float Momentum { get; set; } = MlpTrainerOptions.Defaults.Momentum;

    /// <summary>λ, L2 weight decay on weights (not biases); ≥ 0. Default 2·10⁻⁴.</summary>
    [Range(1e-6f, 1e-2f, MlpTrainerOptions.Defaults.WeightDecay, logBase: true)]
    public float WeightDecay { get; set; } = MlpTrainerOptions.Defaults.WeightDecay;

    /// <summary>Dropout rate of hidden-layer outputs during training; [0, 1). Default 0.3.</summary>
    [Range(0f, 0.6f, MlpTrainerOptions.Defaults.Dropout)]
    public float Dropout { get; set; } = MlpTrainerOptions.Defaults.Dropout;

    /// <summary>Mini-batch size; ≥ 1. Default 128.</summary>
    [Range(8, 1024, MlpTrainerOptions.Defaults.BatchSize, logBase: true)]
    public int BatchSize { get; set; } = MlpTrainerOptions.Defaults.BatchSize;

    /// <summary>Hidden activation. Default ReLU; <see cref="ActivationKind.AllRelu"/> is the alternated left ReLU of Curci et al. (2021).</summary>
    public ActivationKind Activation { get; set; } = ActivationKind.Relu;

    /// <summary>α of All-ReLU; finite. Default 0.6.</summary>
    public float AllReluAlpha { get; set; } = MlpTrainerOptions.Defaults.AllReluAlpha;

    /// <summary>Whether SET evolves the output layer too. Default false: hidden layers only, as the reference implementation.</summary>
    [BooleanChoice(false)]
    public bool EvolveOutputLayer { get; set; }

    /// <summary>Seed of the topology, weights, shuffling, dropout and evolution: equal seeds and data give equal models. Default 42.</summary>
    public int Seed { get; set; } = MlpTrainerOptions.Defaults.Seed;

    /// <summary>Called after every epoch with its metrics (losses, accuracies, seconds, connectivity), on the training thread.</summary>
    [JsonIgnore]
    public Action<EpochMetrics>? EpochCompleted { get; set; }

    /// <summary>Called after every mini-batch (for progress bars), on the training thread.</summary>
    [JsonIgnore]
    public Action<BatchProgress>? BatchCompleted { get; set; }

    /// <summary>
    /// When set, training writes to this context's <see cref="MLContext.Log"/> like ML.NET's own trainers: one Info message per epoch
    /// and a Warning for skipped rows, from the channel "SparseMlp". Default null.
    /// </summary>
    [JsonIgnore]
    public MLContext? LogContext { get; set; }

    /// <summary>Cancels training between mini-batches (<see cref="SparseMlpTrainer.Fit(IDataView)"/> then throws <see cref="OperationCanceledException"/>).</summary>
    [JsonIgnore]
    public CancellationToken CancellationToken { get; set; }

    /// <summary>A copy (callbacks, log context and token included) that later changes to this instance do not affect.</summary>
    public SparseMlpOptions Clone() => (SparseMlpOptions)MemberwiseClone();

    /// <summary>Checks every value and throws naming the first one out of range.</summary>
    /// <exception cref="ArgumentException">An empty column name, no hidden layer list, or a policy that does not fit the network kind.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A hyperparameter outside its documented range; the parameter name is the property's.</exception>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(LabelColumnName))
        {
            throw new ArgumentException("Give the label column name.", nameof(LabelColumnName));
        }

        if (string.IsNullOrWhiteSpace(FeatureColumnName))
        {
            throw new ArgumentException("Give the feature column name.", nameof(FeatureColumnName));
        }

        ToEngineOptions().Validate();
    }

    /// <summary>The engine's options with these hyperparameters.</summary>
    internal MlpTrainerOptions ToEngineOptions() => new()
    {
        Kind = Kind,
        HiddenLayerSizes = HiddenLayerSizes is null ? null! : [.. HiddenLayerSizes],
        Epsilon = Epsilon,
        Zeta = Zeta,
        LearningRate = LearningRate,
        Momentum = Momentum,
        WeightDecay = WeightDecay,
        Dropout = Dropout,
        BatchSize = BatchSize,
        Epochs = Epochs,
        Activation = Activation,
        AllReluAlpha = AllReluAlpha,
        EvolveOutputLayer = EvolveOutputLayer,
        Seed = Seed,
    };
}
