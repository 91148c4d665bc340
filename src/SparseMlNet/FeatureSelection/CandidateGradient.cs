using System.Numerics.Tensors;

namespace SparseMlNet.FeatureSelection;

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
        Parallel.For(0, count, r => ComputeRow(_rows[r], _chunk.AsSpan(r * Hidden, Hidden)));
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

    private void ComputeRow(int input, Span<float> gradient)
    {
        gradient.Clear();
        ReadOnlySpan<float> x = _inputs.AsSpan(input * _stride, _batch);
        for (int b = 0; b < _batch; b++)
        {
            if (x[b] != 0)
            {
                // g ← g + x_b · δ_b, one axpy over the hidden neurons per sample.
                TensorPrimitives.MultiplyAdd(_deltaByBatch.AsSpan(b * Hidden, Hidden), x[b], gradient, gradient);
            }
        }
    }

    /// <summary>Receives one chunk: its input neurons and their gradient rows [neurons.Length, n_hidden].</summary>
    /// <param name="neurons">The chunk's input neuron indices.</param>
    /// <param name="gradient">Row-major gradient rows, valid during the call.</param>
    public delegate void ChunkVisitor(ReadOnlySpan<int> neurons, ReadOnlySpan<float> gradient);
}
