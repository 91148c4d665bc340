using System.Collections.Concurrent;
using SparseMlNet.Sparse;

namespace SparseMlNet.Topology;

/// <summary>
/// SET's growth rule: new connections at positions drawn uniformly among the empty ones (after pruning, so a just-removed position may return, as in the reference implementation).
/// Sparse layers use rejection sampling (O(count · log fan-in)); when more than half of the layer is occupied the empty positions are listed and drawn without replacement,
/// which costs O(n_in · n_out) = O(nnz) at that density.
/// </summary>
public sealed class RandomGrowth : IGrowthCriterion
{
    /// <inheritdoc/>
    public void SelectNew(SparseMatrix matrix, ReadOnlySpan<bool> removed, Random random, Span<long> positions)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        ArgumentNullException.ThrowIfNull(random);
        long total = (long)matrix.Rows * matrix.Columns;
        int kept = 0;
        foreach (bool r in removed)
        {
            kept += r ? 0 : 1;
        }

        if (positions.Length > total - kept)
        {
            throw new InvalidOperationException($"Cannot grow {positions.Length} connections: only {total - kept} positions are empty.");
        }

        if (kept + positions.Length > total / 2)
        {
            SampleFromList(matrix, removed, random, positions, total - kept);
            return;
        }

        // The set of drawn positions is reused from step to step (Clear keeps its capacity), one per concurrently evolving layer.
        HashSet<long> chosen = _chosen.TryTake(out HashSet<long>? pooled) ? pooled : [];
        try
        {
            chosen.Clear();
            chosen.EnsureCapacity(positions.Length);
            int added = 0;
            while (added < positions.Length)
            {
                long position = random.NextInt64(total);
                int row = (int)(position / matrix.Columns);
                int column = (int)(position % matrix.Columns);
                if (IsOccupied(matrix, removed, row, column) || !chosen.Add(position))
                {
                    continue;
                }

                positions[added++] = position;
            }
        }
        finally
        {
            _chosen.Add(chosen);
        }
    }

    private readonly ConcurrentBag<HashSet<long>> _chosen = [];

    private static bool IsOccupied(SparseMatrix matrix, ReadOnlySpan<bool> removed, int row, int column)
    {
        int start = matrix.RowPointers[row];
        int k = matrix.ColumnIndices.AsSpan(start, matrix.RowPointers[row + 1] - start).BinarySearch(column);
        return k >= 0 && !removed[start + k];
    }

    private static void SampleFromList(SparseMatrix matrix, ReadOnlySpan<bool> removed, Random random, Span<long> positions, long emptyCount)
    {
        var empty = new long[emptyCount];
        int e = 0;
        for (int r = 0; r < matrix.Rows; r++)
        {
            int k = matrix.RowPointers[r];
            int end = matrix.RowPointers[r + 1];
            for (int c = 0; c < matrix.Columns; c++)
            {
                while (k < end && matrix.ColumnIndices[k] < c)
                {
                    k++;
                }

                bool occupied = k < end && matrix.ColumnIndices[k] == c && !removed[k];
                if (!occupied)
                {
                    empty[e++] = ((long)r * matrix.Columns) + c;
                }
            }
        }

        // Partial Fisher–Yates: the first positions.Length entries become a uniform sample without replacement.
        for (int i = 0; i < positions.Length; i++)
        {
            int j = i + random.Next(e - i);
            (empty[i], empty[j]) = (empty[j], empty[i]);
            positions[i] = empty[i];
        }
    }
}
