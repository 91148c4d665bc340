using System.Numerics.Tensors;
using SparseMlNet.Kernels;
using SparseMlNet.Networks.Layers;
using SparseMlNet.Networks.Losses;

namespace SparseMlNet.Networks;

/// <summary>
/// Reusable inference for one <see cref="MultilayerPerceptron"/>: owns the activation buffers for up to <see cref="MaxRows"/> rows, so
/// <see cref="Predict"/> allocates nothing in steady state. A single row (as a PredictionEngine scores) goes through a sparse
/// matrix-vector product per layer, without allocation; up to 16 rows through the serial batch kernel, without allocation; larger
/// batches through the layers' parallel kernels, which allocate a few small delegates per layer.
/// Not thread-safe: use one predictor per thread or cursor. The network's weights must not change while it predicts.
/// </summary>
/// <remarks>Memory: 4 · (inputs + Σ layer outputs) bytes for single rows, plus 2 · 4 · (widest layer, inputs included) · ⌈<see cref="MaxRows"/>/16⌉·16
/// bytes of batch buffers when <see cref="MaxRows"/> &gt; 1: a batch passes through two buffers in turn (each layer reads one and writes the other,
/// its activation applied in place), so no layer's values outlive the next layer's pass.</remarks>
public sealed class NetworkPredictor
{
    private readonly float[][] _buffers = [[], []];
    private readonly float[][] _vector;

    /// <summary>Creates a predictor for batches of up to <paramref name="maxRows"/> rows.</summary>
    /// <param name="network">The network; its weights are read, never copied.</param>
    /// <param name="maxRows">Rows per network pass; Range: ≥ 1 (1 for row-by-row scoring, 256 for batch scoring).</param>
    /// <exception cref="ArgumentNullException"><paramref name="network"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxRows"/> is less than 1.</exception>
    public NetworkPredictor(MultilayerPerceptron network, int maxRows = 1)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxRows, 1);
        Network = network;
        LayerSizes = network.LayerSizes;
        MaxRows = maxRows;
        Stride = SparseKernels.StrideFor(maxRows);
        int layers = network.Layers.Count;
        _vector = new float[layers + 1][];
        _vector[0] = new float[network.InputCount];
        for (int l = 1; l <= layers; l++)
        {
            _vector[l] = new float[network.Layers[l - 1].Outputs];
        }

        // Batch buffers only when a pass can hold more than one row: single rows use the vectors above.
        if (maxRows > 1)
        {
            int widest = network.LayerSizes.Max();
            _buffers[0] = new float[(long)widest * Stride];
            _buffers[1] = new float[(long)widest * Stride];
        }
    }

    /// <summary>
    /// Rows per pass that <see cref="MultilayerPerceptron.Predict(ReadOnlySpan{float})"/> uses for <paramref name="rows"/> rows: up to 256, fewer
    /// (down to 16) when the two batch buffers would exceed 64 MiB (wide networks: a 333,333-neuron layer scores 16 rows per pass).
    /// The outputs do not depend on it (a row's result is the same in any batch).
    /// </summary>
    internal static int RowsPerPass(MultilayerPerceptron network, int rows) => RowsPerPass(network.LayerSizes.Max(), rows);

    /// <summary>Rows per pass for a network whose widest layer (inputs included) has <paramref name="widest"/> neurons.</summary>
    internal static int RowsPerPass(int widest, int rows)
    {
        const long Budget = 64L << 20;
        long perRow = 2L * sizeof(float) * widest;
        int fit = (int)Math.Clamp(Budget / perRow / SparseKernels.StrideAlignment * SparseKernels.StrideAlignment, SparseKernels.StrideAlignment, 256);
        return Math.Max(1, Math.Min(rows, fit));
    }

    /// <summary>The network's layer sizes when this predictor was built (its buffers fit them).</summary>
    internal int[] LayerSizes { get; }

    /// <summary>The network this predictor runs.</summary>
    public MultilayerPerceptron Network { get; }

    /// <summary>Largest number of rows per network pass; <see cref="Predict"/> splits longer inputs into passes of this size.</summary>
    public int MaxRows { get; }

    private int Stride { get; }

    /// <summary>
    /// Writes the outputs of every row of <paramref name="rows"/> into <paramref name="outputs"/>: class probabilities under softmax
    /// cross-entropy, the output activation's values otherwise; equal to <see cref="MultilayerPerceptron.Predict(ReadOnlySpan{float})"/>.
    /// </summary>
    /// <param name="rows">Row-major [n, InputCount], n ≥ 0, finite values, preprocessed as during training.</param>
    /// <param name="outputs">Row-major [n, OutputCount].</param>
    /// <exception cref="ArgumentException"><paramref name="rows"/> is not a whole number of rows, <paramref name="outputs"/> is not n · OutputCount long, or a value is NaN or infinite.</exception>
    public void Predict(ReadOnlySpan<float> rows, Span<float> outputs)
    {
        int d = Network.InputCount;
        int k = Network.OutputCount;
        if (rows.Length % d != 0)
        {
            throw new ArgumentException(
                $"The model takes {d} features, but the data has {rows.Length} values, which is not a whole number of rows of {d}; give the same features as at training.",
                nameof(rows));
        }

        int n = rows.Length / d;
        if (outputs.Length != n * k)
        {
            throw new ArgumentException($"The outputs span has {outputs.Length} values; {n} rows of {k} outputs need {n * k}.", nameof(outputs));
        }

        for (int i = 0; i < rows.Length; i++)
        {
            if (!float.IsFinite(rows[i]))
            {
                throw new ArgumentException($"Feature value at row {i / d}, column {i % d} is {rows[i]}; features must be finite.", nameof(rows));
            }
        }

        for (int start = 0; start < n; start += MaxRows)
        {
            int batch = Math.Min(MaxRows, n - start);
            if (batch == 1)
            {
                PredictOne(rows.Slice(start * d, d), outputs.Slice(start * k, k));
                continue;
            }

            Load(rows.Slice(start * d, batch * d), batch);
            Forward(batch);
            Read(outputs.Slice(start * k, batch * k), batch);
        }
    }

    /// <summary>One row: z = W·x + b per layer on plain vectors (CSR rows for a sparse layer, dot products for a dense one).</summary>
    private void PredictOne(ReadOnlySpan<float> row, Span<float> output)
    {
        row.CopyTo(_vector[0]);
        var layers = Network.Layers;
        for (int l = 1; l <= layers.Count; l++)
        {
            ReadOnlySpan<float> x = _vector[l - 1];
            Span<float> z = _vector[l];
            switch (layers[l - 1])
            {
                case SparseLayer sparse:
                    SparseRows(sparse, x, z);
                    break;
                case DenseLayer dense:
                    DenseRows(dense, x, z);
                    break;
                default:
                    throw new NotSupportedException($"Layer type {layers[l - 1].GetType().Name} has no single-row forward pass.");
            }

            Network.Activations[l - 1].Forward(z, z);
        }

        float[] last = _vector[layers.Count];
        if (Network.Loss == LossKind.SoftmaxCrossEntropy)
        {
            OutputLoss.Softmax(last, Network.OutputCount, stride: 1, batch: 1);
        }

        last.CopyTo(output);
    }

    private static unsafe void SparseRows(SparseLayer layer, ReadOnlySpan<float> x, Span<float> z)
    {
        var matrix = layer.Matrix;
        int rows = z.Length;
        fixed (int* pointers = matrix.RowOffsets)
        fixed (int* columns = matrix.ConnectionColumns)
        fixed (float* weights = matrix.Weights)
        fixed (float* bias = layer.Biases)
        fixed (float* px = x)
        fixed (float* pz = z)
        {
            // The CSR arrays were validated when the topology was built: every column index lies in [0, x.Length).
            // Same order and rounding as SparseKernels.Spmm's per-column chain (bias, then each connection in CSR order, fused when
            // its vector paths run), so a row scored alone equals the same row scored in a batch of 256, bit for bit.
            bool fused = SparseKernels.FusedAccumulation;
            for (int r = 0; r < rows; r++)
            {
                float sum = bias[r];
                int end = pointers[r + 1];
                if (fused)
                {
                    for (int k = pointers[r]; k < end; k++)
                    {
                        sum = MathF.FusedMultiplyAdd(px[columns[k]], weights[k], sum);
                    }
                }
                else
                {
                    for (int k = pointers[r]; k < end; k++)
                    {
                        sum += weights[k] * px[columns[k]];
                    }
                }

                pz[r] = sum;
            }
        }
    }

    private static void DenseRows(DenseLayer layer, ReadOnlySpan<float> x, Span<float> z)
    {
        ReadOnlySpan<float> weights = layer.WeightsRowMajor;
        ReadOnlySpan<float> bias = layer.Biases;
        int n = x.Length;
        for (int r = 0; r < z.Length; r++)
        {
            z[r] = bias[r] + TensorPrimitives.Dot(weights.Slice(r * n, n), x);
        }
    }

    /// <summary>Transposes row-major [batch, d] into the feature-major input block [d, stride], zeroing the unused columns.</summary>
    private void Load(ReadOnlySpan<float> rows, int batch)
    {
        int d = Network.InputCount;
        int stride = Stride;
        float[] x = _buffers[0];
        for (int f = 0; f < d; f++)
        {
            int o = f * stride;
            for (int b = 0; b < batch; b++)
            {
                x[o + b] = rows[(b * d) + f];
            }

            x.AsSpan(o + batch, stride - batch).Clear();
        }
    }

    private void Forward(int batch)
    {
        int stride = Stride;
        bool serial = batch <= SparseKernels.StrideAlignment;
        var layers = Network.Layers;
        for (int l = 1; l <= layers.Count; l++)
        {
            var layer = layers[l - 1];
            float[] x = _buffers[(l - 1) % 2];
            float[] z = _buffers[l % 2];
            if (serial && layer is SparseLayer sparse)
            {
                SparseKernels.Spmm(sparse.Matrix, sparse.Bias, x, z, stride, 0, sparse.Outputs);
            }
            else
            {
                layer.Forward(x, z, stride, null);
            }

            Span<float> values = z.AsSpan(0, layer.Outputs * stride);
            Network.Activations[l - 1].Forward(values, values);
        }

        if (Network.Loss == LossKind.SoftmaxCrossEntropy)
        {
            OutputLoss.Softmax(_buffers[layers.Count % 2], Network.OutputCount, stride, batch);
        }
    }

    private void Read(Span<float> outputs, int batch)
    {
        int k = Network.OutputCount;
        int stride = Stride;
        float[] a = _buffers[Network.Layers.Count % 2];
        for (int b = 0; b < batch; b++)
        {
            for (int c = 0; c < k; c++)
            {
                outputs[(b * k) + c] = a[(c * stride) + b];
            }
        }
    }
}
