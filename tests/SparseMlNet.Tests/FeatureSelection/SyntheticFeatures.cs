namespace SparseMlNet.Tests.FeatureSelection;

/// <summary>
/// Constructed data for QuickSelection's mechanics tests: a few features that are noisy mixtures of two shared latent factors among independent Gaussian
/// noise features, with unequal raw scales. Labels, where needed, are the sign of the first factor. (Too small and dense a problem for strengths to
/// separate the informative features reliably: that is asserted on Madelon.)
/// </summary>
internal static class SyntheticFeatures
{
    /// <summary>Row-major [rows, informative + noise]; the informative features are the columns listed in <c>Informative</c>, spread over the matrix.</summary>
    public static (float[] Features, int FeatureCount, int[] Informative, int[] Labels) Create(int rows, int informative, int noise, int seed)
    {
        var random = new Random(seed);
        int d = informative + noise;
        var informativeColumns = new int[informative];
        for (int i = 0; i < informative; i++)
        {
            informativeColumns[i] = (i * d / informative) + 1;
        }

        var loadings = new double[informative, 2];
        for (int i = 0; i < informative; i++)
        {
            loadings[i, 0] = 0.5 + random.NextDouble();
            loadings[i, 1] = random.NextDouble() - 0.5;
        }

        var features = new float[rows * d];
        var labels = new int[rows];
        for (int r = 0; r < rows; r++)
        {
            double f0 = Normal(random), f1 = Normal(random);
            labels[r] = f0 > 0 ? 1 : 0;
            int next = 0;
            for (int j = 0; j < d; j++)
            {
                bool isInformative = next < informative && informativeColumns[next] == j;
                double value = isInformative
                    ? (loadings[next, 0] * f0) + (loadings[next, 1] * f1) + (0.2 * Normal(random))
                    : Normal(random);
                features[(r * d) + j] = (float)(value * (1 + j % 3)); // unequal raw scales: the selection must not depend on them
                next += isInformative ? 1 : 0;
            }
        }

        return (features, d, informativeColumns, labels);
    }

    private static double Normal(Random random) => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
