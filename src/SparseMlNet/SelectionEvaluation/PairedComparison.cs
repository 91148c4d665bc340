using MathNet.Numerics.Distributions;
using MathNet.Numerics.Statistics;

namespace SparseMlNet.SelectionEvaluation;

/// <summary>
/// Whether one method's accuracy differs from another's on the same test parts of a repeated k-fold cross-validation: the corrected repeated-CV t-test
/// (the corrected resampled t-test of Nadeau and Bengio, "Inference for the Generalization Error", Machine Learning 52, 2003, in the repeated k-fold form of
/// Bouckaert and Frank, "Evaluating the Replicability of Significance Tests for Comparing Learning Algorithms", PAKDD 2004). With the m = r·k paired
/// differences d_i = a_i − b_i, their mean d̄ and sample variance σ̂²,
/// t = d̄ / √((1/m + n_test/n_train)·σ̂²) with m − 1 degrees of freedom. The n_test/n_train term widens the naive standard error, because the training
/// parts overlap and the m differences are not independent; without it the test rejects far too often.
/// </summary>
/// <param name="MeanDifference">d̄, mean of a − b over the parts; in [−1, 1] for accuracies.</param>
/// <param name="StandardError">√((1/m + n_test/n_train)·σ̂²); ≥ 0.</param>
/// <param name="T">d̄ / standard error; ±∞ when every difference is the same non-zero value, 0 when all are 0.</param>
/// <param name="DegreesOfFreedom">m − 1.</param>
/// <param name="PValue">Two-sided p-value of "no difference" under Student's t with m − 1 degrees of freedom; in [0, 1].</param>
public sealed record PairedComparison(double MeanDifference, double StandardError, double T, int DegreesOfFreedom, double PValue)
{
    /// <summary>Compares two scores of one <see cref="SelectionComparison"/> run (same splits, same k) part by part: a − b.</summary>
    /// <param name="a">The first method's score, with its <see cref="SelectionScore.Parts"/>.</param>
    /// <param name="b">The second method's score on the same parts.</param>
    /// <returns>The test, with n_test/n_train the mean over the parts; null under the "holdout" protocol (a single part has no spread to test against).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="a"/> or <paramref name="b"/> is null.</exception>
    /// <exception cref="ArgumentException">A score without parts (from <see cref="SelectionEvaluator"/>), different k, or parts with other rows (scores of different runs).</exception>
    public static PairedComparison? Of(SelectionScore a, SelectionScore b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        IReadOnlyList<SelectionPart> partsA = a.Parts ?? throw new ArgumentException($"The score of {a.Method} has no parts; compare scores of one SelectionComparison.Run.", nameof(a));
        IReadOnlyList<SelectionPart> partsB = b.Parts ?? throw new ArgumentException($"The score of {b.Method} has no parts; compare scores of one SelectionComparison.Run.", nameof(b));
        if (a.SelectedCount != b.SelectedCount)
        {
            throw new ArgumentException($"{a.Method} selected {a.SelectedCount} features and {b.Method} {b.SelectedCount}; compare scores at the same k.", nameof(b));
        }

        if (partsA.Count != partsB.Count || partsA.Zip(partsB).Any(p => p.First.TrainRowCount != p.Second.TrainRowCount || !p.First.TestRows.SequenceEqual(p.Second.TestRows)))
        {
            throw new ArgumentException($"{a.Method} and {b.Method} were scored on different test parts; a paired test needs the parts of one SelectionComparison.Run.", nameof(b));
        }

        if (partsA.Count < 2)
        {
            return null;
        }

        double ratio = partsA.Average(p => (double)p.TestRows.Count / p.TrainRowCount);
        return Compare([.. partsA.Select(p => p.Accuracy)], [.. partsB.Select(p => p.Accuracy)], ratio);
    }

    /// <summary>Compares two methods' accuracies on the same parts, in the same order (for example the <see cref="SelectionScore.Parts"/> of two scores of one comparison).</summary>
    /// <param name="a">Accuracies of the first method, one per test part; at least 2, finite.</param>
    /// <param name="b">Accuracies of the second method on the same parts.</param>
    /// <param name="testToTrainRatio">n_test / n_train of one part, 1/(k − 1) for k-fold cross-validation (0.25 for 5 folds); Range: (0, ∞).</param>
    /// <returns>The test's statistic and p-value.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="a"/> or <paramref name="b"/> is null.</exception>
    /// <exception cref="ArgumentException">Different counts, fewer than two parts, or a NaN or infinite accuracy.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="testToTrainRatio"/> is not positive and finite.</exception>
    public static PairedComparison Compare(IReadOnlyList<double> a, IReadOnlyList<double> b, double testToTrainRatio)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Count != b.Count)
        {
            throw new ArgumentException($"The two methods have {a.Count} and {b.Count} accuracies; a paired test needs one of each per test part.", nameof(b));
        }

        if (a.Count < 2)
        {
            throw new ArgumentException($"A paired test needs at least 2 test parts; there {(a.Count == 1 ? "is" : "are")} {a.Count}.", nameof(a));
        }

        if (!(testToTrainRatio > 0 && double.IsFinite(testToTrainRatio)))
        {
            throw new ArgumentOutOfRangeException(nameof(testToTrainRatio), testToTrainRatio, "n_test / n_train must be positive and finite, 1/(k − 1) for k folds (0.25 for 5).");
        }

        var differences = new double[a.Count];
        for (int i = 0; i < differences.Length; i++)
        {
            if (!double.IsFinite(a[i]) || !double.IsFinite(b[i]))
            {
                throw new ArgumentException($"Part {i} has accuracies {a[i]} and {b[i]}; both must be finite.", double.IsFinite(a[i]) ? nameof(b) : nameof(a));
            }

            differences[i] = a[i] - b[i];
        }

        int m = differences.Length;
        double mean = ArrayStatistics.Mean(differences);
        double variance = ArrayStatistics.Variance(differences);
        double standardError = Math.Sqrt(((1.0 / m) + testToTrainRatio) * variance);
        double t = standardError > 0 ? mean / standardError : mean == 0 ? 0 : Math.CopySign(double.PositiveInfinity, mean);
        double p = double.IsInfinity(t) ? 0 : 2 * StudentT.CDF(0, 1, m - 1, -Math.Abs(t));
        return new PairedComparison(mean, standardError, t, m - 1, Math.Clamp(p, 0, 1));
    }
}
