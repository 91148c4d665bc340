using System.Text.Json.Serialization;
using Microsoft.ML;
using Microsoft.ML.SearchSpace;
using SparseMlNet.Data;
using SparseMlNet.FeatureSelection;
using SparseMlNet.Networks.Activations;
using SparseMlNet.Training;

namespace SparseMlNet.ML.FeatureSelection;

/// <summary>
/// Options of <see cref="QuickSelectionEstimator"/>: the hyperparameters of QuickSelection (Atashgahi et al., "Quick and robust feature
/// selection: the strength of energy-efficient sparse training for autoencoders", Machine Learning 2022) — a sparse denoising autoencoder
/// trained with SET whose input neurons are ranked by strength (the sum of absolute weights leaving them) — and monitoring.
/// Defaults are the paper's (<see cref="QuickSelectionOptions.Defaults"/>).
/// </summary>
/// <remarks>The tunable hyperparameters carry ML.NET AutoML search-space attributes; callbacks, log context and token do not take part (<see cref="JsonIgnoreAttribute"/>).</remarks>
public sealed class QuickSelectionEstimatorOptions
{
    /// <summary>Hidden neurons of the autoencoder; ≥ 1. Default 1000.</summary>
    [Range(16, 5000, QuickSelectionOptions.Defaults.HiddenNeurons, logBase: true)]
    public int HiddenNeurons { get; set; } = QuickSelectionOptions.Defaults.HiddenNeurons;

    /// <summary>ε of the Erdős–Rényi initialisation of both layers; &gt; 0. Default 13.</summary>
    [Range(1.0, 200.0, QuickSelectionOptions.Defaults.Epsilon, logBase: true)]
    public double Epsilon { get; set; } = QuickSelectionOptions.Defaults.Epsilon;

    /// <summary>ζ, the fraction of weights SET replaces after each epoch; [0, 1). Default 0.2.</summary>
    [Range(0.0, 0.6, QuickSelectionOptions.Defaults.Zeta)]
    public double Zeta { get; set; } = QuickSelectionOptions.Defaults.Zeta;

    /// <summary>Standard deviation of the Gaussian noise added to the (scaled) input during training; ≥ 0. Default 0.2.</summary>
    [Range(0f, 0.6f, QuickSelectionOptions.Defaults.NoiseFactor)]
    public float NoiseFactor { get; set; } = QuickSelectionOptions.Defaults.NoiseFactor;

    /// <summary>SGD learning rate; &gt; 0. Default 0.01.</summary>
    [Range(1e-4f, 0.3f, QuickSelectionOptions.Defaults.LearningRate, logBase: true)]
    public float LearningRate { get; set; } = QuickSelectionOptions.Defaults.LearningRate;

    /// <summary>Momentum; [0, 1). Default 0.9.</summary>
    [Range(0f, 0.99f, QuickSelectionOptions.Defaults.Momentum)]
    public float Momentum { get; set; } = QuickSelectionOptions.Defaults.Momentum;

    /// <summary>L2 weight decay; ≥ 0. Default 10⁻⁵.</summary>
    [Range(1e-7f, 1e-2f, QuickSelectionOptions.Defaults.WeightDecay, logBase: true)]
    public float WeightDecay { get; set; } = QuickSelectionOptions.Defaults.WeightDecay;

    /// <summary>Dropout rate of the hidden layer during training; [0, 1). Default 0.2.</summary>
    [Range(0f, 0.6f, QuickSelectionOptions.Defaults.Dropout)]
    public float Dropout { get; set; } = QuickSelectionOptions.Defaults.Dropout;

    /// <summary>Mini-batch size; ≥ 1. Default 100.</summary>
    [Range(8, 1024, QuickSelectionOptions.Defaults.BatchSize, logBase: true)]
    public int BatchSize { get; set; } = QuickSelectionOptions.Defaults.BatchSize;

    /// <inheritdoc cref="QuickSelectionOptions.MinBatchesPerEpoch"/>
    public int MinBatchesPerEpoch { get; set; } = QuickSelectionOptions.Defaults.MinBatchesPerEpoch;

    /// <inheritdoc cref="QuickSelectionOptions.Runs"/>
    public int Runs { get; set; } = QuickSelectionOptions.Defaults.Runs;

    /// <summary>Training epochs; ≥ 1. Default 100.</summary>
    [Range(1, 500, QuickSelectionOptions.Defaults.Epochs, logBase: true)]
    public int Epochs { get; set; } = QuickSelectionOptions.Defaults.Epochs;

    /// <summary>Reconstruction activation: Identity (default) or Tanh.</summary>
    public ActivationKind OutputActivation { get; set; } = ActivationKind.Identity;

    /// <summary>Scaling inside QuickSelection before training (Standardize by default); scores always refer to the input slots. Use None after an ML.NET normaliser.</summary>
    public ScalingKind Scaling { get; set; } = ScalingKind.Standardize;

    /// <summary>When true, constant slots are left out of the autoencoder and score 0; when false (default) a constant slot is an error naming it.</summary>
    public bool DropConstantFeatures { get; set; }

    /// <summary>Seed of topology, weights, shuffling, noise, dropout and evolution. Default 42.</summary>
    public int Seed { get; set; } = QuickSelectionOptions.Defaults.Seed;

    /// <summary>Called after every epoch (TrainLoss is the reconstruction loss), on the training thread.</summary>
    [JsonIgnore]
    public Action<EpochMetrics>? EpochCompleted { get; set; }

    /// <summary>Called after every mini-batch, on the training thread.</summary>
    [JsonIgnore]
    public Action<BatchProgress>? BatchCompleted { get; set; }

    /// <summary>When set, fitting writes one Info message per epoch, and a Warning for skipped rows, to this context's <see cref="MLContext.Log"/> (channel "QuickSelection").</summary>
    [JsonIgnore]
    public MLContext? LogContext { get; set; }

    /// <summary>Cancels fitting between mini-batches (Fit then throws <see cref="OperationCanceledException"/>).</summary>
    [JsonIgnore]
    public CancellationToken CancellationToken { get; set; }

    /// <summary>A copy that later changes to this instance do not affect.</summary>
    public QuickSelectionEstimatorOptions Clone() => (QuickSelectionEstimatorOptions)MemberwiseClone();

    /// <summary>Checks every value and throws naming the first one out of range.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A hyperparameter outside its documented range.</exception>
    public void Validate() => ToEngineOptions().Validate();

    internal QuickSelectionOptions ToEngineOptions() => new()
    {
        HiddenNeurons = HiddenNeurons,
        Epsilon = Epsilon,
        Zeta = Zeta,
        NoiseFactor = NoiseFactor,
        LearningRate = LearningRate,
        Momentum = Momentum,
        WeightDecay = WeightDecay,
        Dropout = Dropout,
        BatchSize = BatchSize,
        MinBatchesPerEpoch = MinBatchesPerEpoch,
        Runs = Runs,
        Epochs = Epochs,
        OutputActivation = OutputActivation,
        Scaling = Scaling,
        DropConstantFeatures = DropConstantFeatures,
        Seed = Seed,
    };
}
