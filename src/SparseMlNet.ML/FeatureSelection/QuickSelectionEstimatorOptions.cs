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
/// The hyperparameters are the engine's <see cref="QuickSelectionOptions"/> (same names, defaults, ranges and documentation, converted by name);
/// defaults are the paper's (<see cref="QuickSelectionOptions.Defaults"/>).
/// </summary>
/// <remarks>The tunable hyperparameters carry ML.NET AutoML search-space attributes; callbacks, log context and token do not take part (<see cref="JsonIgnoreAttribute"/>).</remarks>
public sealed class QuickSelectionEstimatorOptions
{
    /// <inheritdoc cref="QuickSelectionOptions.HiddenNeurons"/>
    [Range(16, 5000, QuickSelectionOptions.Defaults.HiddenNeurons, logBase: true)]
    public int HiddenNeurons { get; set; } = QuickSelectionOptions.Defaults.HiddenNeurons;

    /// <inheritdoc cref="QuickSelectionOptions.Epsilon"/>
    [Range(1.0, 200.0, QuickSelectionOptions.Defaults.Epsilon, logBase: true)]
    public double Epsilon { get; set; } = QuickSelectionOptions.Defaults.Epsilon;

    /// <inheritdoc cref="QuickSelectionOptions.Zeta"/>
    [Range(0.0, 0.6, QuickSelectionOptions.Defaults.Zeta)]
    public double Zeta { get; set; } = QuickSelectionOptions.Defaults.Zeta;

    /// <inheritdoc cref="QuickSelectionOptions.NoiseFactor"/>
    [Range(0f, 0.6f, QuickSelectionOptions.Defaults.NoiseFactor)]
    public float NoiseFactor { get; set; } = QuickSelectionOptions.Defaults.NoiseFactor;

    /// <inheritdoc cref="QuickSelectionOptions.LearningRate"/>
    [Range(1e-4f, 0.3f, QuickSelectionOptions.Defaults.LearningRate, logBase: true)]
    public float LearningRate { get; set; } = QuickSelectionOptions.Defaults.LearningRate;

    /// <inheritdoc cref="QuickSelectionOptions.Momentum"/>
    [Range(0f, 0.99f, QuickSelectionOptions.Defaults.Momentum)]
    public float Momentum { get; set; } = QuickSelectionOptions.Defaults.Momentum;

    /// <inheritdoc cref="QuickSelectionOptions.WeightDecay"/>
    [Range(1e-7f, 1e-2f, QuickSelectionOptions.Defaults.WeightDecay, logBase: true)]
    public float WeightDecay { get; set; } = QuickSelectionOptions.Defaults.WeightDecay;

    /// <inheritdoc cref="QuickSelectionOptions.Dropout"/>
    [Range(0f, 0.6f, QuickSelectionOptions.Defaults.Dropout)]
    public float Dropout { get; set; } = QuickSelectionOptions.Defaults.Dropout;

    /// <inheritdoc cref="QuickSelectionOptions.BatchSize"/>
    [Range(8, 1024, QuickSelectionOptions.Defaults.BatchSize, logBase: true)]
    public int BatchSize { get; set; } = QuickSelectionOptions.Defaults.BatchSize;

    /// <inheritdoc cref="QuickSelectionOptions.MinimumBatchesPerEpoch"/>
    public int MinimumBatchesPerEpoch { get; set; } = QuickSelectionOptions.Defaults.MinimumBatchesPerEpoch;

    /// <inheritdoc cref="QuickSelectionOptions.Runs"/>
    public int? Runs { get; set; }

    /// <inheritdoc cref="QuickSelectionOptions.EnsembleEpochs"/>
    public int EnsembleEpochs { get; set; } = QuickSelectionOptions.Defaults.EnsembleEpochs;

    /// <inheritdoc cref="QuickSelectionOptions.Epochs"/>
    [Range(1, 500, QuickSelectionOptions.Defaults.Epochs, logBase: true)]
    public int Epochs { get; set; } = QuickSelectionOptions.Defaults.Epochs;

    /// <inheritdoc cref="QuickSelectionOptions.OutputActivation"/>
    public ActivationKind OutputActivation { get; set; } = ActivationKind.Identity;

    /// <inheritdoc cref="QuickSelectionOptions.EvolveDecoder"/>
    [BooleanChoice(false)]
    public bool EvolveDecoder { get; set; }

    /// <inheritdoc cref="QuickSelectionOptions.RegrowthWeightScale"/>
    [Range(0.0, 1.0, QuickSelectionOptions.Defaults.RegrowthWeightScale, logBase: false)]
    public double RegrowthWeightScale { get; set; } = QuickSelectionOptions.Defaults.RegrowthWeightScale;

    /// <inheritdoc cref="QuickSelectionOptions.Scaling"/>
    public ScalingKind Scaling { get; set; } = QuickSelectionOptions.Defaults.Scaling;

    /// <inheritdoc cref="QuickSelectionOptions.DropConstantFeatures"/>
    public bool DropConstantFeatures { get; set; }

    /// <inheritdoc cref="QuickSelectionOptions.Seed"/>
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

    /// <summary>The engine's options with these hyperparameters (every <see cref="QuickSelectionOptions"/> property, copied by name).</summary>
    internal QuickSelectionOptions ToEngineOptions() => EngineOptionsMapping.ToEngine<QuickSelectionOptions>(this);
}
