using SparseMlNet.Networks;

namespace SparseMlNet.ML.Scoring;

/// <summary>
/// Scores rows with a network: class probabilities and the arg-max class. Rows with a NaN or infinite feature get NaN scores and
/// the missing key 0 as predicted label, as ML.NET's own predictors propagate missing values.
/// </summary>
internal static class NetworkScorer
{
    /// <summary>Scores <paramref name="rows"/> rows of row-major <paramref name="features"/> into row-major <paramref name="scores"/> [rows, K] and <paramref name="keys"/> (1-based class, 0 for a row with a non-finite feature).</summary>
    public static void Score(MultilayerPerceptron network, float[] features, int rows, float[] scores, uint[] keys)
    {
        int d = network.InputCount;
        int k = network.OutputCount;
        int finite = 0;
        var valid = new bool[rows];
        for (int r = 0; r < rows; r++)
        {
            valid[r] = AllFinite(features.AsSpan(r * d, d));
            if (valid[r])
            {
                if (finite != r)
                {
                    features.AsSpan(r * d, d).CopyTo(features.AsSpan(finite * d, d));
                }

                finite++;
            }
        }

        float[] probabilities = finite > 0 ? network.Predict(features.AsSpan(0, finite * d)) : [];
        int next = finite - 1;
        for (int r = rows - 1; r >= 0; r--)
        {
            Span<float> target = scores.AsSpan(r * k, k);
            if (!valid[r])
            {
                target.Fill(float.NaN);
                keys[r] = 0;
                continue;
            }

            ReadOnlySpan<float> source = probabilities.AsSpan(next * k, k);
            source.CopyTo(target);
            keys[r] = (uint)ArgMax(source) + 1;
            next--;
        }
    }

    private static int ArgMax(ReadOnlySpan<float> values)
    {
        int best = 0;
        for (int i = 1; i < values.Length; i++)
        {
            if (values[i] > values[best])
            {
                best = i;
            }
        }

        return best;
    }

    private static bool AllFinite(ReadOnlySpan<float> values)
    {
        foreach (float v in values)
        {
            if (!float.IsFinite(v))
            {
                return false;
            }
        }

        return true;
    }
}
