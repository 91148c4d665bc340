namespace SparseMlNet.Training;

/// <summary>The optimisation settings every trainer shares (validated by the public options classes before they reach the loop).</summary>
internal sealed record TrainingSettings(float LearningRate, float Momentum, float WeightDecay, float Dropout, int BatchSize, int Epochs, int Seed);
