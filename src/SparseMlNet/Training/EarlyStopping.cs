using SparseMlNet.Networks;

namespace SparseMlNet.Training;

/// <summary>
/// Early stopping on a validation set (Prechelt, "Early Stopping — But When?", 1998; Keras' <c>EarlyStopping(restore_best_weights=True)</c>):
/// after every epoch the validation loss is compared with the best so far; an epoch whose loss is lower than the best by more than
/// <see cref="MinDelta"/> becomes the best and its weights and topology are kept (<see cref="NetworkSnapshot"/>); after
/// <see cref="Patience"/> epochs in a row without such an improvement training stops, and at the end the best epoch's network is restored.
/// </summary>
internal sealed class EarlyStopping(MultilayerPerceptron network, int patience)
{
    /// <summary>An improvement must lower the validation loss by more than this (relative to the best loss) to count.</summary>
    public const double MinDelta = 1e-4;

    private NetworkSnapshot? _best;
    private int _sinceBest;

    /// <summary>Epochs without improvement before stopping; ≥ 1.</summary>
    public int Patience { get; } = patience;

    /// <summary>The 1-based epoch with the lowest validation loss so far, or 0 before the first epoch.</summary>
    public int BestEpoch { get; private set; }

    /// <summary>The lowest validation loss so far (NaN before the first epoch).</summary>
    public double BestLoss { get; private set; } = double.NaN;

    /// <summary>Records epoch <paramref name="epoch"/>'s validation loss (call before evolution, so the snapshot holds the weights that were scored); returns true when training should stop.</summary>
    public bool Observe(int epoch, double validationLoss)
    {
        if (BestEpoch == 0 || validationLoss < BestLoss - (MinDelta * Math.Abs(BestLoss)))
        {
            BestEpoch = epoch;
            BestLoss = validationLoss;
            _best = NetworkSnapshot.Take(network);
            _sinceBest = 0;
            return false;
        }

        _sinceBest++;
        return _sinceBest >= Patience;
    }

    /// <summary>Restores the best epoch's weights and topology into the network (no-op before any epoch).</summary>
    public void RestoreBest() => _best?.Restore(network);
}
