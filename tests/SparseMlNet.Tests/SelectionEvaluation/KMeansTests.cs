using SparseMlNet.SelectionEvaluation;

namespace SparseMlNet.Tests.SelectionEvaluation;

public sealed class KMeansTests
{
    [Fact]
    public void Fit_RecoversWellSeparatedClusters()
    {
        var (points, truth) = Blobs(perCluster: 50, seed: 1);

        KMeansResult result = KMeans.Fit(points, 2, 3, seed: 5);

        Assert.Equal(1.0, ClusteringAccuracy.Compute(truth, result.Labels));
        Assert.Equal(3 * 2, result.Centres.Length);
        Assert.True(result.Iterations >= 1);
    }

    [Fact]
    public void Fit_InertiaIsTheSumOfSquaredDistancesToTheAssignedCentres()
    {
        var (points, _) = Blobs(perCluster: 20, seed: 2);

        KMeansResult result = KMeans.Fit(points, 2, 3, seed: 1);

        double inertia = 0;
        for (int i = 0; i < result.Labels.Length; i++)
        {
            int c = result.Labels[i];
            double dx = points[2 * i] - result.Centres[2 * c];
            double dy = points[(2 * i) + 1] - result.Centres[(2 * c) + 1];
            inertia += (dx * dx) + (dy * dy);
        }

        Assert.Equal(inertia, result.Inertia, 2);
    }

    [Fact]
    public void Fit_IsReproducibleForASeed()
    {
        var (points, _) = Blobs(perCluster: 30, seed: 3);

        KMeansResult a = KMeans.Fit(points, 2, 4, seed: 9, restarts: 3);
        KMeansResult b = KMeans.Fit(points, 2, 4, seed: 9, restarts: 3);

        Assert.Equal(a.Labels, b.Labels);
        Assert.Equal(a.Inertia, b.Inertia);
    }

    [Fact]
    public void Fit_OneClusterIsTheMean()
    {
        KMeansResult result = KMeans.Fit([0f, 0f, 2f, 4f, 4f, 2f], 2, 1, seed: 1);

        Assert.Equal([2f, 2f], result.Centres);
        Assert.Equal([0, 0, 0], result.Labels);
    }

    [Fact]
    public void Fit_ThrowsForMoreClustersThanRows()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => KMeans.Fit([0f, 1f], 1, 3, seed: 1));
    }

    private static (float[] Points, int[] Truth) Blobs(int perCluster, int seed)
    {
        var random = new Random(seed);
        (float X, float Y)[] centres = [(0, 0), (10, 0), (0, 10)];
        var points = new float[centres.Length * perCluster * 2];
        var truth = new int[centres.Length * perCluster];
        for (int c = 0; c < centres.Length; c++)
        {
            for (int i = 0; i < perCluster; i++)
            {
                int row = (c * perCluster) + i;
                points[2 * row] = centres[c].X + (float)(random.NextDouble() - 0.5);
                points[(2 * row) + 1] = centres[c].Y + (float)(random.NextDouble() - 0.5);
                truth[row] = c;
            }
        }

        return (points, truth);
    }
}
