namespace SparseMlNet.Training;

/// <summary>
/// What one epoch did: losses, accuracies, time per phase, memory and connectivity. Raised by <see cref="MlpTrainer.EpochCompleted"/>
/// and written by the CLI as one CSV row per epoch.
/// </summary>
public sealed record EpochMetrics
{
    /// <summary>1-based epoch number.</summary>
    public required int Epoch { get; init; }

    /// <summary>The epochs the run trains unless early stopping ends it (for the classifier, <see cref="MlpTrainerOptions.EffectiveEpochs"/>); 0 where not reported.</summary>
    public int Epochs { get; init; }

    /// <summary>Mean training loss over the epoch's mini-batches (with dropout active, as Keras reports it): cross-entropy, or the per-element mean squared error for autoencoders.</summary>
    public required double TrainLoss { get; init; }

    /// <summary>Training accuracy over the epoch's mini-batches (dropout active), in [0, 1]; NaN for autoencoders.</summary>
    public required double TrainAccuracy { get; init; }

    /// <summary>Loss on the evaluation set after the epoch (no dropout, before evolution), or NaN when there is none.</summary>
    public double TestLoss { get; init; } = double.NaN;

    /// <summary>Accuracy on the evaluation set after the epoch, in [0, 1], or NaN when there is none.</summary>
    public double TestAccuracy { get; init; } = double.NaN;

    /// <summary>Loss on the validation set after the epoch (no dropout, before evolution; the quantity early stopping watches), or NaN when there is none.</summary>
    public double ValidationLoss { get; init; } = double.NaN;

    /// <summary>Accuracy on the validation set after the epoch, in [0, 1], or NaN when there is none.</summary>
    public double ValidationAccuracy { get; init; } = double.NaN;

    /// <summary>Seconds in forward, backward and update passes.</summary>
    public required double TrainSeconds { get; init; }

    /// <summary>Seconds evaluating the test and validation sets.</summary>
    public double EvaluationSeconds { get; init; }

    /// <summary>Seconds in topology evolution (prune, grow, index rebuild); 0 for FixProb and dense.</summary>
    public double EvolutionSeconds { get; init; }

    /// <summary>Peak working set of the process so far, in bytes.</summary>
    public long PeakWorkingSetBytes { get; init; }

    /// <summary>Managed heap size after the epoch, in bytes.</summary>
    public long ManagedBytes { get; init; }

    /// <summary>Connectivity of each layer, input side first.</summary>
    public IReadOnlyList<LayerMetrics> Layers { get; init; } = [];
}
