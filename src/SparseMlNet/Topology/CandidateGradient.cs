using System.Numerics;
using System.Runtime.Intrinsics;

namespace SparseMlNet.Topology;

/// <summary>
/// The loss gradient of a sparse input layer at every position of chosen input neurons, occupied or empty, computed a chunk of input neurons at a time:
/// G[i, j] = ∂L/∂W_ji = Σ_b x_ib·δ_jb over one gradient batch (x the scaled inputs, δ the first hidden layer's deltas, which carry the 1/B of the mean loss).
/// This is the dense gradient RigL-style regrowth ranks candidates by (Evci et al., ICML 2020; NeuroFS, Atashgahi et al., TMLR 2023, section 3.2),
/// but never as an n_in × n_hidden matrix: one chunk holds at most <see cref="ChunkRows"/> × n_hidden floats, and the caller keeps only what it needs
/// (a running top-m, a per-neuron maximum). Time per call is O(rows · n_hidden · B); memory O(<see cref="ChunkRows"/> · n_hidden + B · n_hidden).
/// </summary>
internal sealed class CandidateGradient
{
    /// <summary>Input neurons per chunk: 64 × 1000 hidden neurons is 256 KB of gradient.</summary>
    public const int ChunkRows = 64;

    private readonly float[] _inputs;
    private readonly int _stride;
    private readonly int _batch;
    private readonly float[] _deltaByBatch;
    private readonly float[] _chunk;
    private int[] _rows = new int[ChunkRows];

    /// <summary>Prepares the gradient of one batch.</summary>
    /// <param name="inputs">Feature-major input block [n_in, stride] of the batch (padding columns may hold anything; they are not read).</param>
    /// <param name="stride">Row stride of <paramref name="inputs"/> and <paramref name="deltas"/>.</param>
    /// <param name="deltas">Feature-major deltas [n_hidden, stride] of the layer the inputs feed.</param>
    /// <param name="hidden">n_hidden.</param>
    /// <param name="batch">B, the samples in the batch; Range: [1, stride].</param>
    public CandidateGradient(float[] inputs, int stride, ReadOnlySpan<float> deltas, int hidden, int batch)
    {
        _inputs = inputs;
        _stride = stride;
        _batch = batch;
        Hidden = hidden;
        _deltaByBatch = new float[batch * hidden];
        for (int j = 0; j < hidden; j++)
        {
            ReadOnlySpan<float> row = deltas.Slice(j * stride, batch);
            for (int b = 0; b < batch; b++)
            {
                _deltaByBatch[(b * hidden) + j] = row[b];
            }
        }

        _chunk = new float[ChunkRows * hidden];
    }

    /// <summary>n_hidden: the length of one input neuron's gradient row.</summary>
    public int Hidden { get; }

    /// <summary>Computes the gradient rows of up to <see cref="ChunkRows"/> input neurons.</summary>
    /// <param name="inputNeurons">Input neuron indices; length ≤ <see cref="ChunkRows"/>.</param>
    /// <returns>Row-major [inputNeurons.Length, n_hidden]: row r is G[inputNeurons[r], ·]; valid until the next call.</returns>
    public ReadOnlySpan<float> Compute(ReadOnlySpan<int> inputNeurons)
    {
        if (inputNeurons.Length > ChunkRows)
        {
            throw new ArgumentOutOfRangeException(nameof(inputNeurons), inputNeurons.Length, $"At most {ChunkRows} input neurons per chunk.");
        }

        int count = inputNeurons.Length;
        inputNeurons.CopyTo(_rows);
        int groups = (count + 3) / 4;
        Parallel.For(0, groups, g => ComputeGroup(4 * g, Math.Min(4, count - (4 * g))));
        return _chunk.AsSpan(0, count * Hidden);
    }

    /// <summary>Calls <paramref name="visit"/> once per chunk of <paramref name="inputNeurons"/>, in order, with the chunk's neurons and gradient rows.</summary>
    /// <param name="inputNeurons">Input neuron indices, any length.</param>
    /// <param name="visit">Receives (chunk neurons, [chunk length, n_hidden] gradient).</param>
    public void ForEachChunk(ReadOnlySpan<int> inputNeurons, ChunkVisitor visit)
    {
        for (int start = 0; start < inputNeurons.Length; start += ChunkRows)
        {
            ReadOnlySpan<int> chunk = inputNeurons.Slice(start, Math.Min(ChunkRows, inputNeurons.Length - start));
            visit(chunk, Compute(chunk));
        }
    }

    /// <summary>
    /// Rows r0..r0+3 of the chunk (fewer at the end), register-blocked: for each vector of hidden neurons, four accumulators collect Σ_b x_ib·δ_jb, so each
    /// δ vector loaded serves four input neurons and the gradient is written once.
    /// </summary>
    private void ComputeGroup(int r0, int count)
    {
        int h = Hidden;
        int w = Vector<float>.Count;
        ReadOnlySpan<float> deltas = _deltaByBatch;
        Span<float> chunk = _chunk;
        int i0 = _rows[r0] * _stride;
        int i1 = _rows[r0 + Math.Min(1, count - 1)] * _stride;
        int i2 = _rows[r0 + Math.Min(2, count - 1)] * _stride;
        int i3 = _rows[r0 + Math.Min(3, count - 1)] * _stride;
        float[] x = _inputs;
        int j = 0;
        if (Vector512.IsHardwareAccelerated && Kernels.SparseKernels.MaxVectorBits >= 512)
        {
            // The same sums in the same order as the loop below, 16 lanes wide: the results are bit-identical.
            for (; j <= h - 16; j += 16)
            {
                Vector512<float> a0 = Vector512<float>.Zero, a1 = Vector512<float>.Zero, a2 = Vector512<float>.Zero, a3 = Vector512<float>.Zero;
                for (int b = 0; b < _batch; b++)
                {
                    var dv = Vector512.Create(deltas.Slice((b * h) + j, 16));
                    a0 += dv * x[i0 + b];
                    a1 += dv * x[i1 + b];
                    a2 += dv * x[i2 + b];
                    a3 += dv * x[i3 + b];
                }

                a0.CopyTo(chunk.Slice((r0 * h) + j, 16));
                if (count > 1)
                {
                    a1.CopyTo(chunk.Slice(((r0 + 1) * h) + j, 16));
                }

                if (count > 2)
                {
                    a2.CopyTo(chunk.Slice(((r0 + 2) * h) + j, 16));
                }

                if (count > 3)
                {
                    a3.CopyTo(chunk.Slice(((r0 + 3) * h) + j, 16));
                }
            }
        }

        for (; j <= h - w; j += w)
        {
            Vector<float> a0 = Vector<float>.Zero, a1 = Vector<float>.Zero, a2 = Vector<float>.Zero, a3 = Vector<float>.Zero;
            for (int b = 0; b < _batch; b++)
            {
                var dv = new Vector<float>(deltas.Slice((b * h) + j, w));
                a0 += dv * x[i0 + b];
                a1 += dv * x[i1 + b];
                a2 += dv * x[i2 + b];
                a3 += dv * x[i3 + b];
            }

            a0.CopyTo(chunk.Slice((r0 * h) + j, w));
            if (count > 1)
            {
                a1.CopyTo(chunk.Slice(((r0 + 1) * h) + j, w));
            }

            if (count > 2)
            {
                a2.CopyTo(chunk.Slice(((r0 + 2) * h) + j, w));
            }

            if (count > 3)
            {
                a3.CopyTo(chunk.Slice(((r0 + 3) * h) + j, w));
            }
        }

        for (; j < h; j++)
        {
            for (int r = 0; r < count; r++)
            {
                int ir = _rows[r0 + r] * _stride;
                float sum = 0;
                for (int b = 0; b < _batch; b++)
                {
                    sum += deltas[(b * h) + j] * x[ir + b];
                }

                chunk[((r0 + r) * h) + j] = sum;
            }
        }
    }

    /// <summary>Receives one chunk: its input neurons and their gradient rows [neurons.Length, n_hidden].</summary>
    /// <param name="neurons">The chunk's input neuron indices.</param>
    /// <param name="gradient">Row-major gradient rows, valid during the call.</param>
    public delegate void ChunkVisitor(ReadOnlySpan<int> neurons, ReadOnlySpan<float> gradient);
}
