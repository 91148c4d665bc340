namespace SparseMlNet.FeatureSelection;

/// <summary>
/// How much several top-k selections of the same d features agree: the mean pairwise Jaccard index |A ∩ B| / |A ∪ B| and the mean pairwise consistency index
/// of Kuncheva ("A stability index for feature selection", AIAP 2007, eq. 4), I_C(A, B) = (r·d − k²) / (k·(d − k)) with r = |A ∩ B|, which corrects the overlap
/// for the r = k²/d that two random subsets share: 0 for chance agreement, 1 for identical subsets, negative below chance.
/// </summary>
/// <param name="MeanJaccard">Mean Jaccard index over the pairs; in [0, 1].</param>
/// <param name="MeanKuncheva">Mean Kuncheva index over the pairs; in [−1, 1].</param>
/// <param name="Subsets">Number of selections compared (≥ 2).</param>
public sealed record SelectionStability(double MeanJaccard, double MeanKuncheva, int Subsets)
{
    /// <summary>Compares every pair of selections.</summary>
    /// <param name="subsets">Two or more selections, each of k distinct feature indices in [0, d) with the same k.</param>
    /// <param name="featureCount">d; Range: &gt; k (Kuncheva's index is undefined for k = d).</param>
    /// <returns>The mean indices over the s·(s − 1)/2 pairs.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="subsets"/> is null.</exception>
    /// <exception cref="ArgumentException">Fewer than two subsets (stability needs at least two runs), subsets of different sizes, an empty subset, or a repeated or out-of-range index.</exception>
    /// <exception cref="ArgumentOutOfRangeException">k ≥ d.</exception>
    public static SelectionStability Measure(IReadOnlyList<int[]> subsets, int featureCount)
    {
        ArgumentNullException.ThrowIfNull(subsets);
        if (subsets.Count < 2)
        {
            throw new ArgumentException(
                $"Stability compares selections, so it needs at least 2 of them (runs or folds); there {(subsets.Count == 1 ? "is" : "are")} {subsets.Count}.", nameof(subsets));
        }

        int k = subsets[0].Length;
        if (k < 1)
        {
            throw new ArgumentException("The selections are empty; give at least one feature per selection.", nameof(subsets));
        }

        if (k >= featureCount)
        {
            throw new ArgumentOutOfRangeException(
                nameof(featureCount), featureCount, $"Kuncheva's index needs k < d; the selections keep {k} of {featureCount} features, which every selection shares.");
        }

        var members = new bool[subsets.Count][];
        for (int s = 0; s < subsets.Count; s++)
        {
            int[] subset = subsets[s];
            if (subset.Length != k)
            {
                throw new ArgumentException($"Selection {s} has {subset.Length} features and selection 0 has {k}; compare selections of the same size.", nameof(subsets));
            }

            members[s] = new bool[featureCount];
            foreach (int j in subset)
            {
                if (j < 0 || j >= featureCount || members[s][j])
                {
                    throw new ArgumentException($"Selection {s} holds feature {j} twice or outside [0, {featureCount}).", nameof(subsets));
                }

                members[s][j] = true;
            }
        }

        double jaccard = 0;
        double kuncheva = 0;
        int pairs = 0;
        for (int a = 0; a < subsets.Count; a++)
        {
            for (int b = a + 1; b < subsets.Count; b++)
            {
                int shared = 0;
                foreach (int j in subsets[b])
                {
                    shared += members[a][j] ? 1 : 0;
                }

                jaccard += Jaccard(shared, k);
                kuncheva += Kuncheva(shared, k, featureCount);
                pairs++;
            }
        }

        return new SelectionStability(jaccard / pairs, kuncheva / pairs, subsets.Count);
    }

    /// <summary>Jaccard index of two k-subsets sharing <paramref name="shared"/> features: r / (2k − r).</summary>
    internal static double Jaccard(int shared, int k) => (double)shared / ((2 * k) - shared);

    /// <summary>Kuncheva's consistency index of two k-subsets of d features sharing r: (r·d − k²) / (k·(d − k)).</summary>
    internal static double Kuncheva(int shared, int k, int featureCount) =>
        (((double)shared * featureCount) - ((double)k * k)) / ((double)k * (featureCount - k));
}
