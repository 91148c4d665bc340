using System.Numerics.Tensors;
using SparseMlNet.Networks;

namespace SparseMlNet.ML.Scoring;

/// <summary>
/// Scores rows with a network: class probabilities and the arg-max class. Rows with a NaN or infinite feature get NaN scores and
/// the missing key 0 as predicted label, as ML.NET's own predictors propagate missing values. Owns its buffers (one
/// <see cref="NetworkPredictor"/> for up to <c>maxRows</c> rows), so scoring allocates nothing in steady state; one per row source or cursor.
/// </summary>
internal sealed class NetworkScorer
{
    private readonly NetworkPredictor _predictor;
    private readonly bool[] _valid;
    private readonly float[] _probabilities;

    public NetworkScorer(MultilayerPerceptron network, int maxRows)
    {
        _predictor = new NetworkPredictor(network, maxRows);
        _valid = new bool[maxRows];
        _probabilities = new float[maxRows * network.OutputCount];
    }

    /// <summary>Scores <paramref name="rows"/> (≤ maxRows) rows of row-major <paramref name="features"/> into row-major <paramref name="scores"/> [rows, K] and <paramref name="keys"/> (1-based class, 0 for a row with a non-finite feature); compacts <paramref name="features"/> in place.</summary>
    public void Score(float[] features, int rows, float[] scores, uint[] keys)
    {
        var network = _predictor.Network;
        int d = network.InputCount;
        int k = network.OutputCount;
        int finite = 0;
        for (int r = 0; r < rows; r++)
        {
            _valid[r] = AllFinite(features.AsSpan(r * d, d));
            if (_valid[r])
            {
                if (finite != r)
                {
                    features.AsSpan(r * d, d).CopyTo(features.AsSpan(finite * d, d));
                }

                finite++;
            }
        }

        _predictor.Predict(features.AsSpan(0, finite * d), _probabilities.AsSpan(0, finite * k));
        int next = finite - 1;
        for (int r = rows - 1; r >= 0; r--)
        {
            Span<float> target = scores.AsSpan(r * k, k);
            if (!_valid[r])
            {
                target.Fill(float.NaN);
                keys[r] = 0;
                continue;
            }

            ReadOnlySpan<float> source = _probabilities.AsSpan(next * k, k);
            source.CopyTo(target);
            keys[r] = (uint)TensorPrimitives.IndexOfMax(source) + 1;
            next--;
        }
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
