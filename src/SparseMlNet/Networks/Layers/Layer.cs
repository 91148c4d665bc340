using SparseMlNet.Kernels;
using SparseMlNet.Sparse;

namespace SparseMlNet.Networks.Layers;

/// <summary>
/// One fully connected or sparse layer: z = W·x + b with W of shape [<see cref="Outputs"/>, <see cref="Inputs"/>].
/// Mini-batches are feature-major: neuron n's values for the batch occupy <c>[n·stride, n·stride + stride)</c>.
/// </summary>
public abstract class Layer
{
    private protected Layer(int inputs, int outputs, float[] bias, WeightInitialization initialization)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(inputs, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(outputs, 1);
        Inputs = inputs;
        Outputs = outputs;
        Bias = bias;
        Initialization = initialization;
        BiasVelocity = new float[outputs];
    }

    /// <summary>n_in: neurons feeding this layer.</summary>
    public int Inputs { get; }

    /// <summary>n_out: neurons of this layer.</summary>
    public int Outputs { get; }

    /// <summary>Number of weights (connections) the layer stores.</summary>
    public abstract long ConnectionCount { get; }

    /// <summary>Fraction of the n_in·n_out possible connections present; Range: (0, 1].</summary>
    public double Density => ConnectionCount / ((double)Inputs * Outputs);

    /// <summary>Bytes held per connection during training: weight, optimiser state, gradient and index structures.</summary>
    public abstract int TrainingBytesPerConnection { get; }

    /// <summary>How this layer's weights were drawn at creation, and how SET draws the weights of regrown connections.</summary>
    public WeightInitialization Initialization { get; }

    /// <summary>Biases, length <see cref="Outputs"/>.</summary>
    public ReadOnlySpan<float> Biases => Bias;

    internal float[] Bias { get; }

    internal float[] BiasVelocity { get; }

    /// <summary>The weight array the optimiser updates (sparse: CSR order; dense: row-major [n_out, n_in]).</summary>
    internal abstract float[] WeightArray { get; }

    /// <summary>Momentum state aligned with <see cref="WeightArray"/>.</summary>
    internal abstract float[] WeightVelocity { get; }

    /// <summary>Z[out, :] = W·X + b for the whole layer; calls <paramref name="epilogue"/>(rowStart, rowEnd) on each finished range of output rows, on the thread that computed it.</summary>
    internal abstract void Forward(float[] x, float[] z, int stride, Action<int, int>? epilogue);

    /// <summary>dX = Wᵀ·dY; calls <paramref name="epilogue"/>(rowStart, rowEnd) on each finished range of input rows.</summary>
    internal abstract void BackwardInput(float[] dy, float[] dx, int stride, Action<int, int>? epilogue);

    /// <summary>Weight gradient G = dY·Xᵀ on the stored connections (length of <see cref="WeightArray"/>) and bias gradient Σ_b dY[:, b].</summary>
    internal abstract void Gradient(float[] dy, float[] x, float[] weightGradient, float[] biasGradient, int stride);

    /// <summary>Sums one row of deltas over the batch columns: the bias gradient of that output neuron.</summary>
    /// <remarks>In a fixed order (<see cref="FixedOrderSum"/>), so equal seeds give bit-identical models on any core count.</remarks>
    private protected static float RowSum(float[] dy, int row, int stride) => FixedOrderSum.Sum(dy.AsSpan(row * stride, stride));
}
