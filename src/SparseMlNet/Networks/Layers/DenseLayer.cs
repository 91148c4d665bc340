using SparseMlNet.Kernels;
using SparseMlNet.Sparse;

namespace SparseMlNet.Networks.Layers;

/// <summary>
/// A fully connected layer, the baseline sparse layers are compared against. Weights are row-major [n_out, n_in];
/// all three passes are single GEMM calls (<see cref="Gemm"/>: OpenBLAS when installed).
/// </summary>
public sealed class DenseLayer : Layer
{
    private readonly int[] _rowParts;

    internal DenseLayer(int inputs, int outputs, float[] weights, float[] bias, WeightInitialization initialization)
        : base(inputs, outputs, bias, initialization)
    {
        if (weights.Length != (long)inputs * outputs)
        {
            throw new ArgumentException("Dense weights must hold n_out · n_in values.", nameof(weights));
        }

        Weights = weights;
        Velocity = new float[weights.Length];
        _rowParts = ParallelRanges.Even(outputs, Environment.ProcessorCount);
    }

    /// <summary>Weights, row-major [n_out, n_in].</summary>
    public ReadOnlySpan<float> WeightsRowMajor => Weights;

    /// <inheritdoc/>
    public override long ConnectionCount => Weights.Length;

    /// <summary>Weight 4 + momentum 4 + gradient 4 = 12 bytes; no indices.</summary>
    public override int TrainingBytesPerConnection => 12;

    internal float[] Weights { get; }

    internal float[] Velocity { get; }

    internal override float[] WeightArray => Weights;

    internal override float[] WeightVelocity => Velocity;

    /// <summary>A dense layer with weights drawn from <paramref name="initialization"/> (fan-in n_in, fan-out n_out), biases zero.</summary>
    internal static DenseLayer Create(int inputs, int outputs, WeightInitialization initialization, Random random)
    {
        var weights = new float[(long)inputs * outputs];
        float limit = WeightInitializer.Limit(initialization, inputs, outputs);
        for (int i = 0; i < weights.Length; i++)
        {
            weights[i] = WeightInitializer.Draw(limit, random);
        }

        return new DenseLayer(inputs, outputs, weights, new float[outputs], initialization);
    }

    internal override void Forward(float[] x, float[] z, int stride, Action<int, int>? epilogue)
    {
        Gemm.Multiply(false, false, Outputs, stride, Inputs, 1f, Weights, Inputs, x, stride, 0f, z, stride);
        ParallelRanges.Run(_rowParts, (r0, r1) =>
        {
            for (int r = r0; r < r1; r++)
            {
                float b = Bias[r];
                foreach (ref float v in z.AsSpan(r * stride, stride))
                {
                    v += b;
                }
            }

            epilogue?.Invoke(r0, r1);
        });
    }

    internal override void BackwardInput(float[] dy, float[] dx, int stride, Action<int, int>? epilogue)
    {
        Gemm.Multiply(true, false, Inputs, stride, Outputs, 1f, Weights, Inputs, dy, stride, 0f, dx, stride);
        if (epilogue is not null)
        {
            ParallelRanges.Run(ParallelRanges.Even(Inputs, Environment.ProcessorCount), epilogue);
        }
    }

    internal override void Gradient(float[] dy, float[] x, float[] weightGradient, float[] biasGradient, int stride)
    {
        Gemm.Multiply(false, true, Outputs, Inputs, stride, 1f, dy, stride, x, stride, 0f, weightGradient, Inputs);
        for (int r = 0; r < Outputs; r++)
        {
            biasGradient[r] = RowSum(dy, r, stride);
        }
    }
}
