namespace SparseMlNet.FeatureSelection;

/// <summary>
/// The random baseline of feature selection: a uniformly random ranking of the features (a seeded Fisher–Yates shuffle), whose first k are selected.
/// Any method worth using must beat it.
/// </summary>
public static class RandomSelection
{
    /// <summary>Draws a random ranking.</summary>
    /// <param name="featureCount">d; Range: ≥ 1.</param>
    /// <param name="selectedCount">k; Range: [1, d].</param>
    /// <param name="seed">Seed of the shuffle: equal seeds give equal rankings.</param>
    /// <param name="featureNames">Optional names, one per feature.</param>
    /// <returns>A selector (method "Random") whose score of the feature at rank r is d − r.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="featureCount"/> &lt; 1 or <paramref name="selectedCount"/> outside [1, d].</exception>
    /// <exception cref="ArgumentException">The name count differs from d.</exception>
    public static FeatureSelector Fit(int featureCount, int selectedCount, int seed, IReadOnlyList<string>? featureNames = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(featureCount, 1);
        var order = new int[featureCount];
        for (int j = 0; j < featureCount; j++)
        {
            order[j] = j;
        }

        new Random(seed).Shuffle(order);
        var scores = new double[featureCount];
        for (int r = 0; r < featureCount; r++)
        {
            scores[order[r]] = featureCount - r;
        }

        return FeatureSelector.FromScores("Random", scores, selectedCount, featureNames);
    }
}
