using SparseMlNet.Networks;

namespace SparseMlNet.Training;

/// <summary>What a <see cref="TrainingLoop"/> learns: how a mini-batch is loaded (inputs, targets, input noise) and scored after the forward pass.</summary>
internal interface IBatchObjective
{
    /// <summary>Number of training samples.</summary>
    int SampleCount { get; }

    /// <summary>Loads the inputs (and any targets) of <paramref name="rows"/> into <paramref name="propagation"/>; <paramref name="seed"/> seeds any input corruption.</summary>
    void Load(Propagation propagation, ReadOnlySpan<int> rows, ulong seed);

    /// <summary>Computes the loss and output deltas after the forward pass; returns the summed loss and the number of correct predictions (0 when not a classifier).</summary>
    (double LossSum, int Correct) Score(Propagation propagation, ReadOnlySpan<int> rows);

    /// <summary>The per-sample normaliser of the summed loss (1 for cross-entropy; the output size for per-element squared error).</summary>
    double LossNormaliser { get; }
}
