namespace SparseMlNet.Training;

/// <summary>The optimisation settings every trainer shares: the classifier's and the autoencoder's options both validate through <see cref="Validate"/>.</summary>
internal sealed record TrainingSettings(float LearningRate, float Momentum, float WeightDecay, float Dropout, int BatchSize, int Epochs, int Seed)
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

        if (Epochs < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(Epochs), Epochs, "Train for at least 1 epoch.");
        }
    }
}
