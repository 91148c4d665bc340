using SparseMlNet.FeatureSelection;

namespace SparseMlNet.Tests.FeatureSelection;

/// <summary>The small-sample training budget: <see cref="QuickSelectionOptions.MinimumBatchesPerEpoch"/>.</summary>
public sealed class QuickSelectionBudgetTests
{
    [Theory]
    [InlineData(128, 16, 100, 8)] // ALL leukemia: 16 steps of 8 instead of 2 of 100 (the second one 28)
    [InlineData(30, 16, 100, 2)] // Golub's training folds
    [InlineData(5, 16, 100, 1)] // never below one sample
    [InlineData(128, 4, 100, 32)] // the default: 4 steps of 32
    [InlineData(400, 4, 100, 100)] // from 4 × BatchSize samples on, the configured batch
    [InlineData(1600, 16, 100, 100)]
    [InlineData(2000, 16, 100, 100)] // Madelon: unchanged
    [InlineData(128, 0, 100, 100)] // 0 turns the rule off
    [InlineData(128, 4, 20, 20)] // the configured batch is an upper bound
    public void EffectiveBatchSize_IsTheSmallerOfTheBatchAndCeilNOverMinBatches(int samples, int minBatches, int batch, int expected)
    {
        var options = new QuickSelectionOptions { MinimumBatchesPerEpoch = minBatches, BatchSize = batch };

        Assert.Equal(expected, options.EffectiveBatchSize(samples));
    }

    [Fact]
    public void Fit_OnSmallData_TakesAtLeastMinBatchesStepsPerEpoch()
    {
        var (features, d, _, _) = SyntheticFeatures.Create(rows: 40, informative: 3, noise: 10, seed: 8);
        var selection = new QuickSelection(new QuickSelectionOptions { HiddenNeurons = 30, Epsilon = 4, Epochs = 5, MinimumBatchesPerEpoch = 16, Runs = 1, Seed = 2 });
        int batches = 0;
        selection.BatchCompleted += (_, _) => batches++;

        selection.Fit(features, d, 3);

        // Batch ⌈40 / 16⌉ = 3: ⌈40 / 3⌉ = 14 mini-batches per epoch, against 1 with the paper's batch 100.
        Assert.Equal(5 * 14, batches);
    }
}
