using System.Text.Json.Serialization;
using Microsoft.ML;
using SparseMlNet.Data;
using SparseMlNet.FeatureSelection;
using SparseMlNet.Training;

namespace SparseMlNet.ML.FeatureSelection;

/// <summary>
/// Options of <see cref="NeuroFSEstimator"/>: the hyperparameters of NeuroFS (Atashgahi et al., "Supervised Feature Selection with Neuron Evolution in Sparse
/// Neural Networks", TMLR 2023), with the engine's names and defaults (<see cref="NeuroFSOptions"/>), and monitoring.
/// </summary>
/// <remarks>Callbacks, log context and token are not hyperparameters (<see cref="JsonIgnoreAttribute"/>).</remarks>
public sealed class NeuroFSEstimatorOptions
{
    /// <inheritdoc cref="NeuroFSOptions.HiddenNeurons"/>
    public int HiddenNeurons { get; set; } = NeuroFSOptions.Defaults.HiddenNeurons;

    /// <inheritdoc cref="NeuroFSOptions.HiddenLayers"/>
    public int HiddenLayers { get; set; } = NeuroFSOptions.Defaults.HiddenLayers;

    /// <inheritdoc cref="NeuroFSOptions.Epsilon"/>
    public double Epsilon { get; set; } = NeuroFSOptions.Defaults.Epsilon;

    /// <inheritdoc cref="NeuroFSOptions.InputZeta"/>
    public double InputZeta { get; set; } = NeuroFSOptions.Defaults.InputZeta;

    /// <inheritdoc cref="NeuroFSOptions.HiddenZeta"/>
    public double HiddenZeta { get; set; } = NeuroFSOptions.Defaults.HiddenZeta;

    /// <inheritdoc cref="NeuroFSOptions.RemovalFraction"/>
    public double RemovalFraction { get; set; } = NeuroFSOptions.Defaults.RemovalFraction;

    /// <inheritdoc cref="NeuroFSOptions.NeuronRegrowthFraction"/>
    public double NeuronRegrowthFraction { get; set; } = NeuroFSOptions.Defaults.NeuronRegrowthFraction;

    /// <inheritdoc cref="NeuroFSOptions.ExtraActiveFraction"/>
    public double ExtraActiveFraction { get; set; } = NeuroFSOptions.Defaults.ExtraActiveFraction;

    /// <inheritdoc cref="NeuroFSOptions.LearningRate"/>
    public float LearningRate { get; set; } = NeuroFSOptions.Defaults.LearningRate;

    /// <inheritdoc cref="NeuroFSOptions.Momentum"/>
    public float Momentum { get; set; } = NeuroFSOptions.Defaults.Momentum;

    /// <inheritdoc cref="NeuroFSOptions.WeightDecay"/>
    public float WeightDecay { get; set; } = NeuroFSOptions.Defaults.WeightDecay;

    /// <inheritdoc cref="NeuroFSOptions.Dropout"/>
    public float Dropout { get; set; } = NeuroFSOptions.Defaults.Dropout;

    /// <inheritdoc cref="NeuroFSOptions.BatchSize"/>
    public int? BatchSize { get; set; }

    /// <inheritdoc cref="NeuroFSOptions.Epochs"/>
    public int Epochs { get; set; } = NeuroFSOptions.Defaults.Epochs;

    /// <inheritdoc cref="NeuroFSOptions.MinimumStepsPerEpoch"/>
    public int MinimumStepsPerEpoch { get; set; } = NeuroFSOptions.Defaults.MinimumStepsPerEpoch;

    /// <inheritdoc cref="NeuroFSOptions.GradientSamples"/>
    public int GradientSamples { get; set; } = NeuroFSOptions.Defaults.GradientSamples;

    /// <inheritdoc cref="NeuroFSOptions.Scaling"/>
    /// <remarks>Use None after an ML.NET normaliser.</remarks>
    public ScalingKind Scaling { get; set; } = NeuroFSOptions.Defaults.Scaling;

    /// <inheritdoc cref="NeuroFSOptions.Runs"/>
    public int Runs { get; set; } = NeuroFSOptions.Defaults.Runs;

    /// <inheritdoc cref="NeuroFSOptions.Seed"/>
    public int Seed { get; set; } = NeuroFSOptions.Defaults.Seed;

    /// <summary>Called after every epoch (TrainLoss is the cross-entropy), on the training thread.</summary>
    [JsonIgnore]
    public Action<EpochMetrics>? EpochCompleted { get; set; }

    /// <summary>When set, fitting writes one Info message per epoch, and a Warning for skipped rows, to this context's <see cref="MLContext.Log"/> (channel "NeuroFS").</summary>
    [JsonIgnore]
    public MLContext? LogContext { get; set; }

    /// <summary>Cancels fitting between mini-batches (Fit then throws <see cref="OperationCanceledException"/>).</summary>
    [JsonIgnore]
    public CancellationToken CancellationToken { get; set; }

    /// <summary>A copy that later changes to this instance do not affect.</summary>
    /// <returns>The copy.</returns>
    public NeuroFSEstimatorOptions Clone() => (NeuroFSEstimatorOptions)MemberwiseClone();

    /// <summary>Checks every value and throws naming the first one out of range.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A hyperparameter outside its documented range (see <see cref="NeuroFSOptions.Validate"/>).</exception>
    public void Validate() => ToEngineOptions().Validate();

    /// <summary>The engine's options with these hyperparameters (every <see cref="NeuroFSOptions"/> property, copied by name).</summary>
    internal NeuroFSOptions ToEngineOptions() => EngineOptionsMapping.ToEngine<NeuroFSOptions>(this);
}
