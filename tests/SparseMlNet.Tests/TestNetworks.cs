using SparseMlNet.Data;
using SparseMlNet.Sparse;
using SparseMlNet.Tests.Data;

namespace SparseMlNet.Tests;

/// <summary>Shared builders for engine tests: random sparse matrices with known structure, and the real digits data set, scaled.</summary>
internal static class TestNetworks
{
    private static readonly Lazy<(Dataset Train, Dataset Test)> DigitsSplit = new(() =>
    {
        var data = CsvDatasetReader.Read(TestFiles.Fixture(TestFiles.Digits)).Dataset;
        var (train, test) = DataSplit.StratifiedSplit(data, 0.25, seed: 7);
        var scaler = FeatureScaler.Fit(train, ScalingKind.Standardize);
        return (scaler.Transform(train), scaler.Transform(test));
    });

    /// <summary>sklearn digits (1797 × 64, 10 classes), stratified 75/25 split, standardised on the training part.</summary>
    public static (Dataset Train, Dataset Test) Digits => DigitsSplit.Value;

    /// <summary>A random rows × columns matrix where each position is connected with probability <paramref name="density"/>; some rows are left empty on purpose.</summary>
    public static SparseMatrix RandomMatrix(int rows, int columns, double density, int seed)
    {
        var random = new Random(seed);
        var r = new List<int>();
        var c = new List<int>();
        var v = new List<float>();
        for (int i = 0; i < rows; i++)
        {
            if (i % 7 == 3)
            {
                continue;
            }

            for (int j = 0; j < columns; j++)
            {
                if (random.NextDouble() < density)
                {
                    r.Add(i);
                    c.Add(j);
                    v.Add((float)((random.NextDouble() * 2) - 1));
                }
            }
        }

        return SparseMatrix.FromCoordinates(rows, columns, r.ToArray(), c.ToArray(), v.ToArray());
    }

    /// <summary>A feature-major block [rows, stride] with random values in the first <paramref name="width"/> columns and zero padding.</summary>
    public static float[] RandomBlock(int rows, int stride, int width, int seed)
    {
        var random = new Random(seed);
        var block = new float[rows * stride];
        for (int i = 0; i < rows; i++)
        {
            for (int b = 0; b < width; b++)
            {
                block[(i * stride) + b] = (float)((random.NextDouble() * 2) - 1);
            }
        }

        return block;
    }

    /// <summary>Asserts element-wise closeness with a tolerance relative to the magnitude of the reference.</summary>
    public static void AssertClose(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual, float relative = 1e-4f, float absolute = 1e-5f)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            float tolerance = absolute + (relative * Math.Abs(expected[i]));
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance, $"Index {i}: expected {expected[i]}, actual {actual[i]}.");
        }
    }
}
