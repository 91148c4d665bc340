namespace SparseMlNet.Training;

/// <summary>Progress within an epoch, raised after every mini-batch (for progress bars).</summary>
/// <param name="Epoch">1-based epoch.</param>
/// <param name="Epochs">Total epochs.</param>
/// <param name="Batch">Mini-batches done in this epoch.</param>
/// <param name="Batches">Mini-batches per epoch.</param>
public readonly record struct BatchProgress(int Epoch, int Epochs, int Batch, int Batches);
