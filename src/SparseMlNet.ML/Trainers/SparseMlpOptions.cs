using System.Text.Json.Serialization;
using Microsoft.ML;
using Microsoft.ML.SearchSpace;
using SparseMlNet.Networks;
using SparseMlNet.Networks.Activations;
using SparseMlNet.Topology;
using SparseMlNet.Training;

namespace SparseMlNet.ML.Trainers;

/// <summary>
/// Options of <see cref="SparseMlpTrainer"/>: the columns, the SET-MLP hyperparameters (Mocanu et al., "Scalable training of artificial
/// neural networks with adaptive sparse connectivity inspired by network science", Nature Communications 2018) and monitoring.
/// The hyperparameters are those of the engine's <see cref="MlpTrainerOptions"/>, with the same names, defaults, ranges and documentation
/// (converted by name, so the two cannot drift); defaults are the papers' Fashion-MNIST settings (<see cref="MlpTrainerOptions.Defaults"/>).
/// </summary>
/// <remarks>
/// The tunable hyperparameters carry ML.NET AutoML search-space attributes (<see cref="RangeAttribute"/>, <see cref="ChoiceAttribute"/>, <see cref="BooleanChoiceAttribute"/>),
/// so <c>new SearchSpace&lt;SparseMlpOptions&gt;()</c> sweeps them with <c>mlContext.Auto().CreateSweepableEstimator</c>.
/// Callbacks, the log context and the cancellation token are not part of the search space (<see cref="JsonIgnoreAttribute"/>).
/// </remarks>
public sealed class SparseMlpOptions
{
    /// <summary>Label column: a key (for example from <c>MapValueToKey</c>) or a number that is a class index 0..K-1. Default "Label".</summary>
    public string LabelColumnName { get; set; } = "Label";

    /// <summary>Feature column: a known-size vector of <see cref="float"/>, scaled as the network expects (for example by <c>NormalizeMinMax</c>). Default "Features".</summary>
    public string FeatureColumnName { get; set; } = "Features";

    /// <summary>
    /// Optional column of per-row example weights (a finite Single ≥ 0), used in the loss: row i contributes w_i · (−log p_{y_i}).
    /// Weights are scaled to mean 1, so the learning rate keeps its meaning (<see cref="ExampleWeights.Normalise"/>); rows with a missing (NaN) weight are skipped.
    /// Default null: every row weighs 1.
    /// </summary>
    public string? ExampleWeightColumnName { get; set; }

    /// <inheritdoc cref="MlpTrainerOptions.Kind"/>
    [Choice(new object[] { nameof(NetworkKind.Set), nameof(NetworkKind.FixProb), nameof(NetworkKind.Dense) }, nameof(NetworkKind.Set))]
    [JsonConverter(typeof(JsonStringEnumConverter))]
    public NetworkKind Kind { get; set; } = NetworkKind.Set;

    /// <inheritdoc cref="MlpTrainerOptions.HiddenLayerSizes"/>
    /// <remarks>Sweeps set it through <see cref="HiddenLayerWidth"/> and <see cref="HiddenLayerCount"/> (uniform layers), hence not serialised itself.</remarks>
    [JsonIgnore]
    public IReadOnlyList<int> HiddenLayerSizes { get; set; } = MlpTrainerOptions.Defaults.HiddenLayerSizes;

    /// <summary>
    /// The width of the hidden layers, as a search-space view of <see cref="HiddenLayerSizes"/>: reading gives the first hidden layer's size
    /// (0 without hidden layers); setting makes every hidden layer this wide (one layer if there were none). Range: ≥ 1; searched in [64, 4096] (log). Default 1000.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">(Setter) a width below 1.</exception>
    [Range(64, 4096, 1000, logBase: true)]
    public int HiddenLayerWidth
    {
        get => HiddenLayerSizes is { Count: > 0 } sizes ? sizes[0] : 0;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1, nameof(HiddenLayerWidth));
            HiddenLayerSizes = Enumerable.Repeat(value, Math.Max(HiddenLayerSizes?.Count ?? 0, 1)).ToArray();
        }
    }

    /// <summary>
    /// The number of hidden layers, as a search-space view of <see cref="HiddenLayerSizes"/>: setting keeps <see cref="HiddenLayerWidth"/>
    /// (1000 if there were no hidden layers) for every layer. Range: ≥ 0; searched in [1, 4]. Default 3.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">(Setter) a negative count.</exception>
    [Range(1, 4, 3, logBase: false)]
    public int HiddenLayerCount
    {
        get => HiddenLayerSizes?.Count ?? 0;
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value, nameof(HiddenLayerCount));
            int width = HiddenLayerWidth > 0 ? HiddenLayerWidth : MlpTrainerOptions.Defaults.HiddenLayerSizes[0];
            HiddenLayerSizes = Enumerable.Repeat(width, value).ToArray();
        }
    }

    /// <inheritdoc cref="MlpTrainerOptions.Epsilon"/>
    [Range(1.0, 200.0, MlpTrainerOptions.Defaults.Epsilon, logBase: true)]
    public double Epsilon { get; set; } = MlpTrainerOptions.Defaults.Epsilon;

    /// <inheritdoc cref="MlpTrainerOptions.Zeta"/>
    [Range(0.0, 0.6, MlpTrainerOptions.Defaults.Zeta, logBase: false)]
    public double Zeta { get; set; } = MlpTrainerOptions.Defaults.Zeta;

    /// <inheritdoc cref="MlpTrainerOptions.Epochs"/>
    [Range(1, 500, MlpTrainerOptions.Defaults.Epochs, logBase: true)]
    public int? Epochs { get; set; }

    /// <inheritdoc cref="MlpTrainerOptions.LearningRate"/>
    [Range(1e-4f, 0.3f, MlpTrainerOptions.Defaults.LearningRate, logBase: true)]
    public float? LearningRate { get; set; }

    /// <inheritdoc cref="MlpTrainerOptions.Momentum"/>
    [Range(0f, 0.99f, MlpTrainerOptions.Defaults.Momentum, logBase: false)]
    public float Momentum { get; set; } = MlpTrainerOptions.Defaults.Momentum;

    /// <inheritdoc cref="MlpTrainerOptions.FullRateFanIn"/>
    public int FullRateFanIn { get; set; } = MlpTrainerOptions.Defaults.FullRateFanIn;

    /// <inheritdoc cref="MlpTrainerOptions.WeightDecay"/>
    [Range(1e-6f, 1e-2f, MlpTrainerOptions.Defaults.WeightDecay, logBase: true)]
    public float WeightDecay { get; set; } = MlpTrainerOptions.Defaults.WeightDecay;

    /// <inheritdoc cref="MlpTrainerOptions.Dropout"/>
    [Range(0f, 0.6f, MlpTrainerOptions.Defaults.Dropout, logBase: false)]
    public float Dropout { get; set; } = MlpTrainerOptions.Defaults.Dropout;

    /// <inheritdoc cref="MlpTrainerOptions.BatchSize"/>
    [Range(8, 1024, MlpTrainerOptions.Defaults.BatchSize, logBase: true)]
    public int BatchSize { get; set; } = MlpTrainerOptions.Defaults.BatchSize;

    /// <inheritdoc cref="MlpTrainerOptions.MinimumBatchesPerEpoch"/>
    public int MinimumBatchesPerEpoch { get; set; } = MlpTrainerOptions.Defaults.MinimumBatchesPerEpoch;

    /// <inheritdoc cref="MlpTrainerOptions.Activation"/>
    [Choice(new object[] { nameof(ActivationKind.Relu), nameof(ActivationKind.AllRelu), nameof(ActivationKind.Tanh), nameof(ActivationKind.Sigmoid) }, nameof(ActivationKind.Relu))]
    [JsonConverter(typeof(JsonStringEnumConverter))]
    public ActivationKind Activation { get; set; } = MlpTrainerOptions.Defaults.Activation;

    /// <inheritdoc cref="MlpTrainerOptions.AllReluAlpha"/>
    public float AllReluAlpha { get; set; } = MlpTrainerOptions.Defaults.AllReluAlpha;

    /// <inheritdoc cref="MlpTrainerOptions.EvolveOutputLayer"/>
    [BooleanChoice(false)]
    public bool EvolveOutputLayer { get; set; }

    /// <inheritdoc cref="MlpTrainerOptions.Growth"/>
    [Choice(new object[] { nameof(GrowthKind.Random), nameof(GrowthKind.Gradient) }, nameof(GrowthKind.Random))]
    [JsonConverter(typeof(JsonStringEnumConverter))]
    public GrowthKind Growth { get; set; } = GrowthKind.Random;

    /// <inheritdoc cref="MlpTrainerOptions.EvolveEvery"/>
    [Range(1, 10, 1, logBase: false)]
    public int EvolveEvery { get; set; } = 1;

    /// <inheritdoc cref="MlpTrainerOptions.EvolveEveryBatches"/>
    public int? EvolveEveryBatches { get; set; }

    /// <inheritdoc cref="MlpTrainerOptions.EvolutionStopEpoch"/>
    public int? EvolutionStopEpoch { get; set; }

    /// <inheritdoc cref="MlpTrainerOptions.ZetaSchedule"/>
    [Choice(new object[] { nameof(Topology.ZetaSchedule.Constant), nameof(Topology.ZetaSchedule.Cosine) }, nameof(Topology.ZetaSchedule.Constant))]
    [JsonConverter(typeof(JsonStringEnumConverter))]
    public ZetaSchedule ZetaSchedule { get; set; } = ZetaSchedule.Constant;

    /// <inheritdoc cref="MlpTrainerOptions.NeuronPruneThreshold"/>
    public double? NeuronPruneThreshold { get; set; }

    /// <inheritdoc cref="MlpTrainerOptions.Augmentation"/>
    [JsonIgnore]
    public ImageAugmentation? Augmentation { get; set; }

    /// <inheritdoc cref="MlpTrainerOptions.Evolution"/>
    [JsonIgnore]
    public TopologyEvolution? Evolution { get; set; }

    /// <inheritdoc cref="MlpTrainerOptions.Seed"/>
    public int Seed { get; set; } = MlpTrainerOptions.Defaults.Seed;

    /// <inheritdoc cref="MlpTrainerOptions.ValidationFraction"/>
    /// <remarks>In ML.NET, a validation view given to <see cref="SparseMlpTrainerBase{TTransformer}.Fit(IDataView, IDataView?)"/> takes the place of this split.</remarks>
    public double? ValidationFraction { get; set; }

    /// <inheritdoc cref="MlpTrainerOptions.EarlyStoppingPatience"/>
    public int? EarlyStoppingPatience { get; set; }

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

    /// <summary>Cancels training between mini-batches (<see cref="SparseMlpTrainerBase{TTransformer}.Fit(IDataView)"/> then throws <see cref="OperationCanceledException"/>).</summary>
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

        if (ExampleWeightColumnName is not null && string.IsNullOrWhiteSpace(ExampleWeightColumnName))
        {
            throw new ArgumentException("The example weight column name is blank; give a column name or null for no weights.", nameof(ExampleWeightColumnName));
        }

        ToEngineOptions().Validate();
    }

    /// <summary>The engine's options with these hyperparameters (every <see cref="MlpTrainerOptions"/> property, copied by name).</summary>
    internal MlpTrainerOptions ToEngineOptions() => EngineOptionsMapping.ToEngine<MlpTrainerOptions>(this);
}
