using SparseMlNet.Analysis;

namespace SparseMlNet.SelectionEvaluation;

/// <summary>
/// Clustering accuracy, the unsupervised-feature-selection literature's score of a clustering against class labels (for example Cai, Zhang and He, KDD 2010;
/// the QuickSelection paper, section 4.1): ACC = (1/n) Σ_i [y_i = map(c_i)], where map is the one-to-one cluster → class assignment that maximises the number
/// of matches, found by the Hungarian method (the engine's one linear-assignment solver, <c>Analysis.LinearAssignment</c>, shared with NNSTD's neuron matching) on the contingency table.
/// </summary>
public static class ClusteringAccuracy
{
    /// <summary>Computes ACC.</summary>
    /// <param name="labels">True classes, each ≥ 0.</param>
    /// <param name="clusters">Cluster of each sample, each ≥ 0; same length as <paramref name="labels"/>, at least 1.</param>
    /// <returns>ACC in [0, 1]; clusters left unmatched (when there are more clusters than classes) count as errors.</returns>
    /// <exception cref="ArgumentException">The lengths differ or are zero.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A negative label or cluster.</exception>
    public static double Compute(ReadOnlySpan<int> labels, ReadOnlySpan<int> clusters)
    {
        if (labels.IsEmpty || labels.Length != clusters.Length)
        {
            throw new ArgumentException($"There are {labels.Length} labels and {clusters.Length} cluster assignments; give one of each per sample.", nameof(clusters));
        }

        int classes = 0, groups = 0;
        for (int i = 0; i < labels.Length; i++)
        {
            if (labels[i] < 0 || clusters[i] < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(labels), "Labels and clusters must be non-negative indices.");
            }

            classes = Math.Max(classes, labels[i] + 1);
            groups = Math.Max(groups, clusters[i] + 1);
        }

        // Square cost matrix of negated matches: cluster g → class c.
        int size = Math.Max(classes, groups);
        var matches = new double[size * size];
        for (int i = 0; i < labels.Length; i++)
        {
            matches[(clusters[i] * size) + labels[i]] -= 1;
        }

        int[] assignment = LinearAssignment.Solve(matches, size);
        double correct = 0;
        for (int g = 0; g < size; g++)
        {
            correct -= matches[(g * size) + assignment[g]];
        }

        return correct / labels.Length;
    }
}
