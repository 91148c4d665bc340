using SparseMlNet.SelectionEvaluation;

namespace SparseMlNet.Tests.SelectionEvaluation;

public sealed class ClusteringAccuracyTests
{
    [Fact]
    public void Compute_IsOneForAPermutationOfTheLabels()
    {
        Assert.Equal(1.0, ClusteringAccuracy.Compute([0, 0, 1, 1, 2, 2], [2, 2, 0, 0, 1, 1]));
    }

    [Fact]
    public void Compute_UsesTheBestOneToOneMatching()
    {
        // Cluster 0 holds classes {0, 0, 1}, cluster 1 holds {1, 1, 0, 2}, cluster 2 holds {2}: best map 0→0, 1→1, 2→2 matches 2 + 2 + 1 = 5 of 8.
        int[] labels = [0, 0, 1, 1, 1, 0, 2, 2];
        int[] clusters = [0, 0, 0, 1, 1, 1, 1, 2];

        Assert.Equal(5.0 / 8, ClusteringAccuracy.Compute(labels, clusters));
    }

    [Fact]
    public void Compute_CountsUnmatchedExtraClustersAsErrors()
    {
        // Two classes, three clusters: only two clusters can be matched.
        Assert.Equal(4.0 / 6, ClusteringAccuracy.Compute([0, 0, 0, 1, 1, 1], [0, 0, 2, 1, 1, 2]));
    }

    [Fact]
    public void Compute_ThrowsForDifferentLengths()
    {
        Assert.Throws<ArgumentException>(() => ClusteringAccuracy.Compute([0, 1], [0]));
    }
}
