using SparseMlNet.Randomness;

namespace SparseMlNet.Data;

/// <summary>
/// Seeded synthetic data shaped like a microarray study (few samples, tens of thousands of features, many classes) with a learnable
/// structure: every feature is standard normal noise, and on an informative subset of the features each class adds its own mean,
/// drawn once per (class, feature) from N(0, effect²). Classes are balanced (row i has class i mod c). The data is already on unit scale,
/// so it needs no scaler. Used by the wide-layer tests and the benchmark's <c>--scale-table</c>.
/// </summary>
internal static class SyntheticExpression
{
    /// <summary>Generates a training and a test set from the same class means.</summary>
    /// <param name="trainSamples">Training rows; ≥ 1.</param>
    /// <param name="testSamples">Test rows; ≥ 1.</param>
    /// <param name="features">d; ≥ 1.</param>
    /// <param name="classes">c; ≥ 2.</param>
    /// <param name="informative">Features that carry class means; in [1, d]. The subset is a seeded random choice.</param>
    /// <param name="effect">Standard deviation of the class means on the informative features (noise has standard deviation 1); &gt; 0.</param>
    /// <param name="seed">Seed of the subset, the means and every row.</param>
    /// <returns>Row-major sets of [trainSamples, d] and [testSamples, d], labels 0..c−1.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A count or the effect is out of range.</exception>
    public static (Dataset Train, Dataset Test) Generate(int trainSamples, int testSamples, int features, int classes, int informative, float effect, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(trainSamples, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(testSamples, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(features, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(classes, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(informative, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(informative, features);
        if (!(effect > 0) || !float.IsFinite(effect))
        {
            throw new ArgumentOutOfRangeException(nameof(effect), effect, "The effect must be a positive finite number, for example 1.");
        }

        ulong root = SeedStreams.FromInt32(seed);
        var structure = SeedStreams.CreateRandom(root, 0, 0, 0, 0);
        int[] subset = [.. Enumerable.Range(0, features)];
        structure.Shuffle(subset);
        subset = subset[..informative];
        var means = new float[classes * informative];
        for (int i = 0; i < means.Length; i++)
        {
            means[i] = effect * Gaussian(structure);
        }

        return (Rows(trainSamples, 1), Rows(testSamples, 2));

        Dataset Rows(int count, int part)
        {
            var x = new float[(long)count * features];
            var y = new int[count];
            Parallel.For(0, count, r =>
            {
                var random = SeedStreams.CreateRandom(root, part, r, 1, 0);
                int label = r % classes;
                y[r] = label;
                Span<float> row = x.AsSpan((int)((long)r * features), features);
                for (int j = 0; j < features; j++)
                {
                    row[j] = Gaussian(random);
                }

                for (int k = 0; k < informative; k++)
                {
                    row[subset[k]] += means[(label * informative) + k];
                }
            });

            return new Dataset(x, y, features, classes);
        }
    }

    /// <summary>A standard normal draw (Box–Muller).</summary>
    private static float Gaussian(Random random) =>
        (float)(Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble()));
}
