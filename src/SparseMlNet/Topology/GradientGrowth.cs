using SparseMlNet.Sparse;

namespace SparseMlNet.Topology;

/// <summary>
/// RigL's growth (Evci, Gale, Menick, Castro and Elsen, "Rigging the Lottery: Making All Tickets Winners", ICML 2020, section 3): the empty positions
/// with the largest gradient magnitude |∂L/∂W| grow, at zero weight (with <see cref="TopologyEvolution.NewWeightScale"/> 0, the default). Truly
/// sparse: the gradient is computed a chunk of 64 input neurons at a time (<see cref="LayerGradient"/>) and only a running top-m of the empty
/// positions is kept, so memory is O(m + 64 · n_out) and no dense n_out × n_in gradient or mask exists. Ties go to the smaller position.
/// The gradient is that of the last mini-batch trained before the step: the epoch's last with epoch schedules, the current one with RigL's ΔT in
/// mini-batches (<see cref="EvolutionSchedule.EveryBatchesOf"/>).
/// </summary>
public sealed class GradientGrowth : IGradientGrowthCriterion
{
    /// <summary>Not supported without a gradient: the training loop calls the gradient overload.</summary>
    /// <exception cref="InvalidOperationException">Always.</exception>
    public void SelectNew(SparseMatrix matrix, ReadOnlySpan<bool> removed, Random random, Span<long> positions) =>
        throw new InvalidOperationException("Gradient growth needs the layer's loss gradient; evolve through the training loop (MlpTrainer), which provides it.");

    /// <inheritdoc/>
    public void SelectNew(SparseMatrix matrix, ReadOnlySpan<bool> removed, LayerGradient gradient, Random random, Span<long> positions)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        ArgumentNullException.ThrowIfNull(gradient);
        if (gradient.Inputs != matrix.Columns || gradient.Outputs != matrix.Rows)
        {
            throw new ArgumentException($"The gradient is of a {gradient.Outputs} × {gradient.Inputs} layer; the matrix is {matrix.Rows} × {matrix.Columns}.", nameof(gradient));
        }

        if (positions.IsEmpty)
        {
            return;
        }

        long[] chosen = TopEmpty(matrix, removed.ToArray(), gradient.Chunks, Enumerable.Range(0, matrix.Columns).ToArray(), positions.Length);
        if (chosen.Length != positions.Length)
        {
            throw new InvalidOperationException($"Only {chosen.Length} empty positions for {positions.Length} new connections.");
        }

        chosen.CopyTo(positions);
    }

    /// <summary>
    /// The <paramref name="count"/> empty positions of <paramref name="matrix"/> in the given input columns with the largest |gradient|, ascending
    /// (ties to the smaller position): one chunk of gradient rows at a time with a running top-k. Connections flagged in <paramref name="removed"/>
    /// (CSR order; null for none) count as empty.
    /// </summary>
    internal static long[] TopEmpty(SparseMatrix matrix, bool[]? removed, CandidateGradient gradient, int[] columns, int count)
    {
        int outputs = matrix.Rows;
        int inputs = matrix.Columns;
        var best = new RunningTopK(count);
        var occupied = new bool[outputs];
        int[] columnPointers = matrix.ColumnPointers;
        int[] rowsOfColumn = matrix.TransposedRowIndices;
        int[] toCsr = matrix.TransposedToCsr;
        gradient.ForEachChunk(columns, (neurons, g) =>
        {
            for (int r = 0; r < neurons.Length; r++)
            {
                int c = neurons[r];
                for (int t = columnPointers[c]; t < columnPointers[c + 1]; t++)
                {
                    occupied[rowsOfColumn[t]] = removed is null || !removed[toCsr[t]];
                }

                ReadOnlySpan<float> row = g.Slice(r * outputs, outputs);
                for (int j = 0; j < outputs; j++)
                {
                    if (!occupied[j])
                    {
                        best.Offer(Math.Abs(row[j]), ((long)j * inputs) + c);
                    }
                }

                for (int t = columnPointers[c]; t < columnPointers[c + 1]; t++)
                {
                    occupied[rowsOfColumn[t]] = false;
                }
            }
        });
        return best.SortedPositions();
    }
}
