namespace SparseMlNet.Training;

/// <summary>The optimisation settings every trainer shares: the classifier's and the autoencoder's options both validate through <see cref="Validate"/>.</summary>
/// <remarks><c>FullRateFanIn</c> is F of the per-layer learning rate (<see cref="Networks.Optimizers.LayerLearningRate"/>): the classifier exposes it as
/// <see cref="MlpTrainerOptions.FullRateFanIn"/>; the feature selectors use the default (their layers' fan-ins stay below it at their usual shapes).</remarks>
internal sealed record TrainingSettings(float LearningRate, float Momentum, float WeightDecay, float Dropout, int BatchSize, int Epochs, int Seed,
    int FullRateFanIn = MlpTrainerOptions.Defaults.FullRateFanIn)
{
    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first setting out of range (the name is the options property's).</summary>
    public void Validate()
    {
        if (!(LearningRate > 0) || !float.IsFinite(LearningRate))
        {
            throw new ArgumentOutOfRangeException(nameof(LearningRate), LearningRate, "The learning rate must be a positive finite number, for example 0.01.");
        }

        if (!(Momentum >= 0 && Momentum < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(Momentum), Momentum, "Momentum must lie in [0, 1), for example 0.9.");
        }

        if (!(WeightDecay >= 0 && WeightDecay < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(WeightDecay), WeightDecay, "Weight decay must lie in [0, 1), for example 2e-4.");
        }

        if (!(Dropout >= 0 && Dropout < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(Dropout), Dropout, "The dropout rate must lie in [0, 1), for example 0.3.");
        }

        if (BatchSize < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(BatchSize), BatchSize, "The batch size must be at least 1, for example 128.");
        }

        if (FullRateFanIn < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(FullRateFanIn), FullRateFanIn, "The full-rate fan-in must be at least 0 (0 turns the per-layer learning rate off), for example 1000.");
        }

        if (Epochs < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(Epochs), Epochs, "Train for at least 1 epoch, or leave Epochs null for the default (100, or more on small data).");
        }
    }
}
