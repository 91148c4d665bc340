namespace SparseMlNet.SelectionEvaluation;

/// <summary>
/// k-means clustering (Lloyd, IEEE Trans. Inf. Theory 28, 1982) with k-means++ seeding (Arthur and Vassilvitskii, SODA 2007) and several restarts,
/// keeping the run with the lowest inertia (sum of squared distances to the nearest centre). Settings follow scikit-learn's <c>KMeans</c> as the
/// QuickSelection paper used it: 10 restarts, at most 300 iterations, stop when the centres move less than tol = 10⁻⁴ × the mean feature variance
/// (squared Euclidean shift summed over centres). Deterministic for a given seed.
/// </summary>
public static class KMeans
{
    /// <summary>Clusters the rows of a matrix.</summary>
    /// <param name="features">Row-major [n, <paramref name="featureCount"/>], finite.</param>
    /// <param name="featureCount">d; Range: ≥ 1.</param>
    /// <param name="clusterCount">k; Range: [1, n].</param>
    /// <param name="seed">Seed of the k-means++ draws.</param>
    /// <param name="restarts">Independent k-means++ initialisations; Range: ≥ 1. Default 10.</param>
    /// <param name="maxIterations">Lloyd iterations per restart; Range: ≥ 1. Default 300.</param>
    /// <returns>The best run's cluster of each row (in [0, k)), its centres and inertia.</returns>
    /// <exception cref="ArgumentException">The matrix is empty or ragged.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A count out of range.</exception>
    public static KMeansResult Fit(ReadOnlySpan<float> features, int featureCount, int clusterCount, int seed, int restarts = 10, int maxIterations = 300)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(featureCount, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(restarts, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxIterations, 1);
        if (features.IsEmpty || features.Length % featureCount != 0)
        {
            throw new ArgumentException($"The feature matrix has {features.Length} values, not a whole, non-zero number of rows of {featureCount}.", nameof(features));
        }

        int n = features.Length / featureCount;
        ArgumentOutOfRangeException.ThrowIfLessThan(clusterCount, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(clusterCount, n);
        double[] x = new double[features.Length];
        for (int i = 0; i < x.Length; i++)
        {
            x[i] = features[i];
        }

        double tolerance = 1e-4 * MeanVariance(x, n, featureCount);
        var random = new Random(seed);
        KMeansResult? best = null;
        for (int run = 0; run < restarts; run++)
        {
            double[] centres = PlusPlus(x, n, featureCount, clusterCount, random);
            KMeansResult result = Lloyd(x, n, featureCount, clusterCount, centres, tolerance, maxIterations);
            if (best is null || result.Inertia < best.Inertia)
            {
                best = result;
            }
        }

        return best!;
    }

    private static double MeanVariance(double[] x, int n, int d)
    {
        double total = 0;
        for (int j = 0; j < d; j++)
        {
            double mean = 0;
            for (int i = 0; i < n; i++)
            {
                mean += x[(i * d) + j];
            }

            mean /= n;
            double squares = 0;
            for (int i = 0; i < n; i++)
            {
                double e = x[(i * d) + j] - mean;
                squares += e * e;
            }

            total += squares / n;
        }

        return total / d;
    }

    /// <summary>k-means++: the first centre uniformly, each next one with probability proportional to the squared distance to the nearest chosen centre.</summary>
    private static double[] PlusPlus(double[] x, int n, int d, int k, Random random)
    {
        var centres = new double[k * d];
        var nearest = new double[n];
        int first = random.Next(n);
        Array.Copy(x, first * d, centres, 0, d);
        for (int i = 0; i < n; i++)
        {
            nearest[i] = SquaredDistance(x, i * d, centres, 0, d);
        }

        for (int c = 1; c < k; c++)
        {
            double total = 0;
            foreach (double v in nearest)
            {
                total += v;
            }

            int chosen;
            if (total <= 0)
            {
                chosen = random.Next(n); // every row coincides with a centre already
            }
            else
            {
                double target = random.NextDouble() * total;
                chosen = n - 1;
                double running = 0;
                for (int i = 0; i < n; i++)
                {
                    running += nearest[i];
                    if (running > target)
                    {
                        chosen = i;
                        break;
                    }
                }
            }

            Array.Copy(x, chosen * d, centres, c * d, d);
            for (int i = 0; i < n; i++)
            {
                nearest[i] = Math.Min(nearest[i], SquaredDistance(x, i * d, centres, c * d, d));
            }
        }

        return centres;
    }

    private static KMeansResult Lloyd(double[] x, int n, int d, int k, double[] centres, double tolerance, int maxIterations)
    {
        var labels = new int[n];
        var sums = new double[k * d];
        var counts = new int[k];
        int iteration = 0;
        while (true)
        {
            iteration++;
            Assign(x, n, d, k, centres, labels);
            Array.Clear(sums);
            Array.Clear(counts);
            for (int i = 0; i < n; i++)
            {
                int c = labels[i];
                counts[c]++;
                for (int j = 0; j < d; j++)
                {
                    sums[(c * d) + j] += x[(i * d) + j];
                }
            }

            double shift = 0;
            for (int c = 0; c < k; c++)
            {
                if (counts[c] == 0)
                {
                    continue; // an empty cluster keeps its centre
                }

                for (int j = 0; j < d; j++)
                {
                    double updated = sums[(c * d) + j] / counts[c];
                    double e = updated - centres[(c * d) + j];
                    shift += e * e;
                    centres[(c * d) + j] = updated;
                }
            }

            if (shift <= tolerance || iteration >= maxIterations)
            {
                break;
            }
        }

        double inertia = Assign(x, n, d, k, centres, labels);
        var floats = new float[centres.Length];
        for (int i = 0; i < floats.Length; i++)
        {
            floats[i] = (float)centres[i];
        }

        return new KMeansResult(labels, floats, inertia, iteration);
    }

    /// <summary>Assigns each row to its nearest centre (ties to the lower index); returns the inertia.</summary>
    private static double Assign(double[] x, int n, int d, int k, double[] centres, int[] labels)
    {
        double inertia = 0;
        for (int i = 0; i < n; i++)
        {
            int best = 0;
            double bestDistance = double.PositiveInfinity;
            for (int c = 0; c < k; c++)
            {
                double distance = SquaredDistance(x, i * d, centres, c * d, d);
                if (distance < bestDistance)
                {
                    bestDistance = distance;
                    best = c;
                }
            }

            labels[i] = best;
            inertia += bestDistance;
        }

        return inertia;
    }

    private static double SquaredDistance(double[] a, int aStart, double[] b, int bStart, int d)
    {
        double s = 0;
        for (int j = 0; j < d; j++)
        {
            double e = a[aStart + j] - b[bStart + j];
            s += e * e;
        }

        return s;
    }
}
