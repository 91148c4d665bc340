namespace SparseMlNet.Training;

/// <summary>How a training run ended: raised once by <see cref="MlpTrainer.TrainingCompleted"/> after the last epoch.</summary>
/// <param name="EpochsRun">Epochs trained, in [1, <see cref="MlpTrainerOptions.EffectiveEpochs"/>]; fewer when early stopping ended the run.</param>
/// <param name="BestEpoch">
/// The 1-based epoch whose network was returned: the epoch with the lowest validation loss when early stopping was on
/// (<see cref="MlpTrainerOptions.EarlyStoppingPatience"/>), otherwise the last epoch.
/// </param>
/// <param name="StoppedEarly">True when early stopping ended the run before <see cref="MlpTrainerOptions.EffectiveEpochs"/> epochs.</param>
/// <param name="BestValidationLoss">The validation loss of <paramref name="BestEpoch"/>, or NaN without validation data.</param>
public sealed record TrainingOutcome(int EpochsRun, int BestEpoch, bool StoppedEarly, double BestValidationLoss);
