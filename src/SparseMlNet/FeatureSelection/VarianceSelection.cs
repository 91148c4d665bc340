using MathNet.Numerics.Statistics;

namespace SparseMlNet.FeatureSelection;

/// <summary>
/// The variance baseline of unsupervised feature selection: each feature scores its (population) variance on the raw, unscaled data, and the k most variable
/// features are selected. Deterministic; constant features score 0. Variances come from MathNet.Numerics (<see cref="ArrayStatistics.PopulationVariance(double[])"/>).
/// </summary>
public static class VarianceSelection
{
    /// <summary>Scores every feature by its variance.</summary>
    /// <param name="features">Row-major [n, <paramref name="featureCount"/>], n ≥ 2, finite, unscaled (after standardisation every variance is 1).</param>
    /// <param name="featureCount">d; Range: ≥ 1.</param>
    /// <param name="selectedCount">k; Range: [1, d].</param>
    /// <param name="featureNames">Optional names, one per feature.</param>
    /// <returns>A selector (method "Variance") whose scores are the population variances.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="featureCount"/> &lt; 1 or <paramref name="selectedCount"/> outside [1, d].</exception>
    /// <exception cref="ArgumentException">A ragged or empty matrix, fewer than two rows, a name count other than d, or a NaN or infinite value (columns named).</exception>
    public static FeatureSelector Fit(ReadOnlySpan<float> features, int featureCount, int selectedCount, IReadOnlyList<string>? featureNames = null)
    {
        (int rows, _) = FeatureMatrixCheck.Run(features, featureCount, featureNames, nameof(features));
        var scores = new double[featureCount];
        var column = new double[rows];
        for (int j = 0; j < featureCount; j++)
        {
            for (int i = 0; i < rows; i++)
            {
                column[i] = features[(i * featureCount) + j];
            }

            scores[j] = ArrayStatistics.PopulationVariance(column);
        }

        return FeatureSelector.FromScores("Variance", scores, selectedCount, featureNames);
    }
}
