using System.Numerics.Tensors;
using SparseMlNet.Kernels;

namespace SparseMlNet.Networks.Losses;

/// <summary>Loss values and output deltas on a feature-major output block [K, stride]; columns ≥ batch get zero deltas.</summary>
internal static class OutputLoss
{
    /// <summary>
    /// Cross-entropy of softmax <paramref name="probabilities"/> with class labels: writes δ = (p − onehot(y)) / B (the softmax-cross-entropy gradient w.r.t. the logits)
    /// and returns the summed loss −Σ log p_y and the number of correct arg-max predictions. With <paramref name="weights"/> (one per sample of the batch)
    /// each sample's delta and loss are multiplied by its weight: the gradient of −Σ w_b log p_y / B.
    /// </summary>
    public static (double LossSum, int Correct) CrossEntropy(float[] probabilities, float[] delta, int classes, int stride, int batch, ReadOnlySpan<int> labels, ReadOnlySpan<float> weights = default)
    {
        double loss = 0;
        int correct = 0;
        float invB = 1f / batch;
        bool weighted = !weights.IsEmpty;
        for (int b = 0; b < batch; b++)
        {
            // Arg-max by the rule of TensorPrimitives.IndexOfMax (ties to the lower class), fused with the delta pass: the block is feature-major,
            // so a sample's outputs are strided and not a span IndexOfMax could take.
            int best = 0;
            float scale = weighted ? weights[b] * invB : invB;
            for (int k = 0; k < classes; k++)
            {
                float p = probabilities[(k * stride) + b];
                delta[(k * stride) + b] = (p - (k == labels[b] ? 1f : 0f)) * scale;
                if (p > probabilities[(best * stride) + b])
                {
                    best = k;
                }
            }

            loss -= (weighted ? weights[b] : 1.0) * Math.Log(Math.Max(probabilities[(labels[b] * stride) + b], 1e-30f));
            correct += best == labels[b] ? 1 : 0;
        }

        ZeroPadding(delta, classes, stride, batch);
        return (loss, correct);
    }

    /// <summary>Squared error against feature-major <paramref name="targets"/>: δ = (ŷ − t)/B (the caller multiplies by the output activation's derivative); returns Σ (ŷ − t)².</summary>
    public static double SquaredError(float[] outputs, float[] targets, float[] delta, int rows, int stride, int batch)
    {
        double sum = 0;
        float invB = 1f / batch;
        for (int k = 0; k < rows; k++)
        {
            // SIMD per output row: e = ŷ − t, Σ e² (float within the row, double across rows), δ = e/B.
            Span<float> e = delta.AsSpan(k * stride, batch);
            TensorPrimitives.Subtract(outputs.AsSpan(k * stride, batch), targets.AsSpan(k * stride, batch), e);
            sum += FixedOrderSum.Dot(e, e); // fixed order: independent of the array's address, so of the core count
            TensorPrimitives.Multiply(e, invB, e);
        }

        ZeroPadding(delta, rows, stride, batch);
        return sum;
    }

    /// <summary>Numerically stable softmax over the K rows of each of the first <paramref name="batch"/> columns, in place.</summary>
    public static void Softmax(float[] logits, int classes, int stride, int batch)
    {
        for (int b = 0; b < batch; b++)
        {
            float max = float.NegativeInfinity;
            for (int k = 0; k < classes; k++)
            {
                max = Math.Max(max, logits[(k * stride) + b]);
            }

            float sum = 0;
            for (int k = 0; k < classes; k++)
            {
                float e = MathF.Exp(logits[(k * stride) + b] - max);
                logits[(k * stride) + b] = e;
                sum += e;
            }

            for (int k = 0; k < classes; k++)
            {
                logits[(k * stride) + b] /= sum;
            }
        }
    }

    /// <summary>Zeroes columns [batch, stride) of every row, so padding never reaches a gradient.</summary>
    public static void ZeroPadding(float[] delta, int rows, int stride, int batch)
    {
        if (batch == stride)
        {
            return;
        }

        for (int k = 0; k < rows; k++)
        {
            delta.AsSpan((k * stride) + batch, stride - batch).Clear();
        }
    }
}
