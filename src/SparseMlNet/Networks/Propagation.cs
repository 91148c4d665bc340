using System.Numerics;
using System.Numerics.Tensors;
using SparseMlNet.Kernels;
using SparseMlNet.Networks.Activations;
using SparseMlNet.Networks.Layers;
using SparseMlNet.Networks.Losses;
using SparseMlNet.Networks.Optimizers;
using SparseMlNet.Randomness;

namespace SparseMlNet.Networks;

/// <summary>
/// The buffers and passes of one mini-batch through a <see cref="MultilayerPerceptron"/>: feature-major activations [neurons, stride] for every layer,
/// pre-activations, dropout masks, deltas and gradients. Allocated once per training run (O(neurons · batch + nnz)) and reused for every batch.
/// </summary>
internal sealed class Propagation
{
    private readonly MultilayerPerceptron _net;
    private readonly float[][] _a;
    private readonly float[][] _z;
    private readonly float[][] _mask;
    private readonly float[][] _delta;
    private readonly float[][] _gradW;
    private readonly float[][] _gradB;
    private float _dropoutRate;

    public Propagation(MultilayerPerceptron network, int maxBatch, bool training)
    {
        _net = network;
        MaxBatch = Math.Max(1, maxBatch);
        Stride = SparseKernels.StrideFor(MaxBatch);
        int layers = network.Layers.Count;
        _a = new float[layers + 1][];
        _z = new float[layers + 1][];
        _mask = new float[layers + 1][];
        _delta = new float[layers + 1][];
        _gradW = new float[layers + 1][];
        _gradB = new float[layers + 1][];
        _a[0] = new float[network.InputCount * Stride];
        for (int l = 1; l <= layers; l++)
        {
            int n = network.Layers[l - 1].Outputs;
            _a[l] = new float[n * Stride];

            // A ReLU hidden layer keeps neither pre-activations nor dropout masks: z is computed into a and rectified in place, and
            // backward reads both the derivative and the mask from a (a > 0 exactly when z > 0 and the unit was kept). That saves
            // 8 bytes per hidden neuron and batch column, two of the four [neurons, stride] buffers.
            bool fromOutput = training && l < layers && network.Activations[l - 1].Kind == ActivationKind.Relu;
            _z[l] = fromOutput ? _a[l] : new float[n * Stride];
            if (training)
            {
                _mask[l] = l < layers && !fromOutput ? new float[n * Stride] : [];
                _delta[l] = new float[n * Stride];
                _gradB[l] = new float[n];
            }
        }

        if (training)
        {
            ResizeGradients();
        }
    }

    /// <summary>Largest batch the buffers hold.</summary>
    public int MaxBatch { get; }

    /// <summary>Row stride of every activation buffer (batch rounded up to the SIMD alignment).</summary>
    public int Stride { get; }

    /// <summary>Number of samples in the current batch.</summary>
    public int Batch { get; private set; }

    /// <summary>Output layer values [K, stride] after <see cref="Forward"/> (probabilities once the softmax loss ran).</summary>
    public float[] Outputs => _a[^1];

    /// <summary>Re-sizes the per-connection gradient buffers (after topology evolution changes a layer's arrays).</summary>
    public void ResizeGradients()
    {
        for (int l = 1; l < _gradW.Length; l++)
        {
            int n = _net.Layers[l - 1].WeightArray.Length;
            if (_gradW[l]?.Length != n)
            {
                _gradW[l] = new float[n];
            }
        }
    }

    /// <summary>Gathers rows of a row-major matrix into the feature-major input block; padding columns are zeroed.</summary>
    public void LoadInputs(ReadOnlySpan<float> rowMajor, int featureCount, ReadOnlySpan<int> rows) => Gather(rowMajor, featureCount, rows, _a[0]);

    /// <summary>Gathers rows of a row-major matrix into a feature-major block of this propagation's stride (targets of a squared-error loss).</summary>
    public void Gather(ReadOnlySpan<float> rowMajor, int featureCount, ReadOnlySpan<int> rows, float[] destination)
    {
        if (rows.Length > MaxBatch)
        {
            throw new ArgumentOutOfRangeException(nameof(rows), rows.Length, $"At most {MaxBatch} rows per batch.");
        }

        Batch = rows.Length;
        int stride = Stride;
        if (Batch < stride)
        {
            for (int f = 0; f < featureCount; f++)
            {
                destination.AsSpan((f * stride) + Batch, stride - Batch).Clear();
            }
        }

        unsafe
        {
            fixed (float* source = rowMajor)
            fixed (int* rowIndex = rows)
            {
                // Each core transposes its own samples; the split falls on a cache-line boundary (16 floats) so cores never write the same line.
                nint src = (nint)source;
                nint idx = (nint)rowIndex;
                int half = Batch > 2 * SparseKernels.StrideAlignment ? SparseKernels.StrideFor(Batch / 2) : Batch;
                int[] bounds = half < Batch ? [0, half, Batch] : [0, Batch];
                ParallelRanges.Run(bounds, (b0, b1) =>
                {
                    // Blocks of 16 samples: each feature's 16 values fill one destination cache line, read from 16 sequential row streams.
                    const int Block = SparseKernels.StrideAlignment;
                    float* s = (float*)src;
                    int* r = (int*)idx;
                    float** rowPtr = stackalloc float*[Block];
                    for (int start = b0; start < b1; start += Block)
                    {
                        int count = Math.Min(Block, b1 - start);
                        for (int j = 0; j < count; j++)
                        {
                            rowPtr[j] = s + ((long)r[start + j] * featureCount);
                        }

                        int o = start;
                        for (int f = 0; f < featureCount; f++, o += stride)
                        {
                            for (int j = 0; j < count; j++)
                            {
                                destination[o + j] = rowPtr[j][f];
                            }
                        }
                    }
                });
            }
        }
    }

    /// <summary>Weight gradient of layer <paramref name="layer"/> (0-based) from the last <see cref="Backward"/>, aligned with its weight array.</summary>
    public ReadOnlySpan<float> WeightGradient(int layer) => _gradW[layer + 1];

    /// <summary>Bias gradient of layer <paramref name="layer"/> (0-based) from the last <see cref="Backward"/>.</summary>
    public ReadOnlySpan<float> BiasGradient(int layer) => _gradB[layer + 1];

    /// <summary>Deltas ∂L/∂z of layer <paramref name="layer"/> (0-based), feature-major [n_out, stride], from the last <see cref="Backward"/> (the output layer's from the loss).</summary>
    public ReadOnlySpan<float> Deltas(int layer) => _delta[layer + 1];

    /// <summary>Inputs of layer <paramref name="layer"/> (0-based) in the last pass, feature-major [n_in, stride]: the network's inputs for layer 0, the previous layer's activations (after dropout) otherwise.</summary>
    public float[] LayerInputs(int layer) => _a[layer];

    /// <summary>Input block [n_in, stride] (for adding noise to an autoencoder's input in place).</summary>
    public float[] Inputs => _a[0];

    /// <summary>Forward pass; hidden layers use inverted dropout with <paramref name="dropoutRate"/> and masks seeded by <paramref name="maskSeed"/>.</summary>
    public void Forward(float dropoutRate, ulong maskSeed)
    {
        _dropoutRate = dropoutRate;
        int stride = Stride;
        int layers = _net.Layers.Count;
        for (int l = 1; l <= layers; l++)
        {
            var activation = _net.Activations[l - 1];
            float[] z = _z[l];
            float[] a = _a[l];
            float[] mask = _mask[l];
            bool drop = dropoutRate > 0 && l < layers;
            int layer = l;
            _net.Layers[l - 1].Forward(_a[l - 1], z, stride, (r0, r1) =>
            {
                int o = r0 * stride;
                int len = (r1 - r0) * stride;
                activation.Forward(z.AsSpan(o, len), a.AsSpan(o, len));
                if (drop && mask.Length == 0)
                {
                    // No stored mask (ReLU): each row's mask is generated into a stack row and applied at once; backward recovers it from a.
                    Span<float> row = stride <= 1024 ? stackalloc float[stride] : new float[stride];
                    for (int r = r0; r < r1; r++)
                    {
                        Dropout.FillRow(row, dropoutRate, SeedStreams.Derive(maskSeed, layer, r, 0, 0));
                        TensorPrimitives.Multiply(a.AsSpan(r * stride, stride), row, a.AsSpan(r * stride, stride));
                    }
                }
                else if (drop)
                {
                    for (int r = r0; r < r1; r++)
                    {
                        Dropout.FillRow(mask.AsSpan(r * stride, stride), dropoutRate, SeedStreams.Derive(maskSeed, layer, r, 0, 0));
                    }

                    TensorPrimitives.Multiply(a.AsSpan(o, len), mask.AsSpan(o, len), a.AsSpan(o, len));
                }
            });
        }

        if (_net.Loss == LossKind.SoftmaxCrossEntropy)
        {
            OutputLoss.Softmax(_a[layers], _net.OutputCount, stride, Batch);
        }
    }

    /// <summary>Copies the outputs of the current batch into row-major [batch, K].</summary>
    public void ReadOutputs(Span<float> destination)
    {
        int k = _net.OutputCount;
        float[] outputs = _a[^1];
        for (int b = 0; b < Batch; b++)
        {
            for (int c = 0; c < k; c++)
            {
                destination[(b * k) + c] = outputs[(c * Stride) + b];
            }
        }
    }

    /// <summary>Softmax cross-entropy deltas for class labels (after <see cref="Forward"/>); returns the summed loss and the number of correct predictions.</summary>
    /// <param name="labels">Class of each sample of the batch.</param>
    /// <param name="weights">Optional weight of each sample of the batch (empty: all 1).</param>
    public (double LossSum, int Correct) ClassificationLoss(ReadOnlySpan<int> labels, ReadOnlySpan<float> weights = default) =>
        OutputLoss.CrossEntropy(_a[^1], _delta[^1], _net.OutputCount, Stride, Batch, labels, weights);

    /// <summary>Squared-error deltas against feature-major <paramref name="targets"/>, through the output activation's derivative; returns Σ (ŷ − t)².</summary>
    public double SquaredErrorLoss(float[] targets)
    {
        int k = _net.OutputCount;
        double sum = OutputLoss.SquaredError(_a[^1], targets, _delta[^1], k, Stride, Batch);
        _net.Activations[^1].MultiplyDerivative(_z[^1], _delta[^1]); // padding stays 0: SquaredError zeroed it and every derivative is finite
        return sum;
    }

    /// <summary>Backward pass: gradients of every layer, deltas through hidden activations and dropout masks.</summary>
    public void Backward(bool dropout)
    {
        int stride = Stride;
        for (int l = _net.Layers.Count; l >= 1; l--)
        {
            var layer = _net.Layers[l - 1];
            layer.Gradient(_delta[l], _a[l - 1], _gradW[l], _gradB[l], stride);
            if (l == 1)
            {
                break;
            }

            float[] dPrev = _delta[l - 1];
            float[] zPrev = _z[l - 1];
            float[] aPrev = _a[l - 1];
            float[] mask = _mask[l - 1];
            var activation = _net.Activations[l - 2];
            float keep = dropout ? 1f - _dropoutRate : 1f;
            layer.BackwardInput(_delta[l], dPrev, stride, (r0, r1) =>
            {
                int o = r0 * stride;
                int len = (r1 - r0) * stride;
                if (activation.Kind == ActivationKind.Sigmoid)
                {
                    SigmoidDerivativeFromOutput(aPrev.AsSpan(o, len), dPrev.AsSpan(o, len), keep);
                    return;
                }

                if (mask.Length == 0 && ReferenceEquals(zPrev, aPrev))
                {
                    ReluDerivativeFromOutput(aPrev.AsSpan(o, len), dPrev.AsSpan(o, len), dropout ? 1f / keep : 1f);
                    return;
                }

                if (dropout)
                {
                    TensorPrimitives.Multiply(dPrev.AsSpan(o, len), mask.AsSpan(o, len), dPrev.AsSpan(o, len));
                }

                activation.MultiplyDerivative(zPrev.AsSpan(o, len), dPrev.AsSpan(o, len));
            });
        }
    }

    /// <summary>
    /// δ ← δ ⊙ m ⊙ σ′(z) for a sigmoid layer, read from its stored output a = m ⊙ σ(z) in one pass without an exponential: a kept unit has
    /// m = 1/<paramref name="keep"/>, so m·σ(1 − σ) = a·(1 − <paramref name="keep"/>·a); a dropped unit has a = 0 (σ &gt; 0), so its factor is 0, as m is.
    /// </summary>
    private static void SigmoidDerivativeFromOutput(ReadOnlySpan<float> a, Span<float> delta, float keep)
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var k = new Vector<float>(keep);
            for (; i <= a.Length - Vector<float>.Count; i += Vector<float>.Count)
            {
                var av = new Vector<float>(a[i..]);
                (new Vector<float>(delta[i..]) * av * (Vector<float>.One - (k * av))).CopyTo(delta[i..]);
            }
        }

        for (; i < a.Length; i++)
        {
            delta[i] *= a[i] * (1f - (keep * a[i]));
        }
    }

    /// <summary>
    /// δ ← δ ⊙ m ⊙ ReLU′(z) for a ReLU layer whose z and mask were not stored, read from its output a = m ⊙ max(z, 0): a kept unit with z &gt; 0 has
    /// a &gt; 0 and factor m = <paramref name="scale"/> (1/(1 − rate), or 1 without dropout); every other unit has a = 0 and factor 0. The products
    /// δ·scale and δ·0 are the ones the stored-mask path computes, so the result is bit-identical to it.
    /// </summary>
    private static void ReluDerivativeFromOutput(ReadOnlySpan<float> a, Span<float> delta, float scale)
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var s = new Vector<float>(scale);
            for (; i <= a.Length - Vector<float>.Count; i += Vector<float>.Count)
            {
                var d = new Vector<float>(delta[i..]);
                Vector.ConditionalSelect(Vector.GreaterThan(new Vector<float>(a[i..]), Vector<float>.Zero), d * s, d * Vector<float>.Zero).CopyTo(delta[i..]);
            }
        }

        for (; i < a.Length; i++)
        {
            delta[i] = a[i] > 0 ? delta[i] * scale : delta[i] * 0f;
        }
    }

    /// <summary>Momentum SGD step on every layer's weights (with L2 decay) and biases (without).</summary>
    /// <param name="learningRate">η.</param>
    /// <param name="momentum">μ.</param>
    /// <param name="weightDecay">λ.</param>
    /// <param name="fullRateFanIn">F: the weights of a layer with mean fan-in f &gt; F move at η·F/f (<see cref="LayerLearningRate"/>); 0: every layer at η.</param>
    public void Update(float learningRate, float momentum, float weightDecay, int fullRateFanIn)
    {
        for (int l = 1; l <= _net.Layers.Count; l++)
        {
            var layer = _net.Layers[l - 1];
            float[] w = layer.WeightArray;
            float[] v = layer.WeightVelocity;
            float[] g = _gradW[l];
            float eta = LayerLearningRate.For(layer, learningRate, fullRateFanIn);
            ParallelRanges.Run(ParallelRanges.Even(w.Length, w.Length < 16384 ? 1 : Environment.ProcessorCount), (s, e) =>
                MomentumSgd.Update(w.AsSpan(s, e - s), v.AsSpan(s, e - s), g.AsSpan(s, e - s), eta, momentum, weightDecay));
            MomentumSgd.Update(layer.Bias, layer.BiasVelocity, _gradB[l], learningRate, momentum, 0f);
        }
    }
}
