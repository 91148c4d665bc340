using System.Collections.Concurrent;
using SparseMlNet.Sparse;

namespace SparseMlNet.Topology;

/// <summary>
/// SET's pruning rule (Mocanu et al., Nature Communications 2018, Algorithm 1): remove the fraction ζ of the positive weights closest to zero
/// and the fraction ζ of the negative weights closest to zero, counted per sign: ⌊ζ·n₊⌋ and ⌊ζ·n₋⌋ exactly.
/// Weights equal to zero count with the positive ones (they are the closest to zero). Ties are broken by CSR position, so the choice is deterministic.
/// </summary>
public sealed class MagnitudePrune : IPruneCriterion
{
    /// <summary>SET's count, per sign: ⌊ζ·n₊⌋ + ⌊ζ·n₋⌋ (zero weights count as positive).</summary>
    /// <param name="matrix">The layer's connectivity and weights.</param>
    /// <param name="zeta">ζ; Range: [0, 1).</param>
    /// <returns>The number of connections a step removes.</returns>
    public int RemovalCount(SparseMatrix matrix, double zeta)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        int positives = 0;
        foreach (float v in matrix.Weights)
        {
            positives += v >= 0 ? 1 : 0;
        }

        return (int)(zeta * positives) + (int)(zeta * (matrix.Nnz - positives));
    }

    /// <inheritdoc/>
    /// <remarks>Allocates nothing proportional to nnz in steady state: the 8-byte sort keys live in a buffer this instance reuses (one per concurrent caller).</remarks>
    public int SelectForRemoval(SparseMatrix matrix, double zeta, Span<bool> remove)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        ReadOnlySpan<float> w = matrix.Weights;
        int positives = 0;
        foreach (float v in w)
        {
            positives += v >= 0 ? 1 : 0;
        }

        long[] buffer = _keys.TryTake(out long[]? pooled) && pooled.Length >= w.Length ? pooled : new long[w.Length];
        try
        {
            // Keys (magnitude bits, CSR index): positive weights from the front, negative ones from position `positives` on. Magnitudes are
            // non-negative floats, whose bit patterns order like their values, so the composite key sorts by (magnitude, CSR index): ties go to the lower index.
            Span<long> keys = buffer.AsSpan(0, w.Length);
            int p = 0;
            int n = positives;
            for (int k = 0; k < w.Length; k++)
            {
                float magnitude = w[k] >= 0 ? w[k] : -w[k];
                keys[w[k] >= 0 ? p++ : n++] = ((long)BitConverter.SingleToInt32Bits(magnitude) << 32) | (uint)k;
            }

            return MarkSmallest(keys[..positives], (int)(zeta * positives), remove) + MarkSmallest(keys[positives..], (int)(zeta * (w.Length - positives)), remove);
        }
        finally
        {
            _keys.Add(buffer);
        }
    }

    private readonly ConcurrentBag<long[]> _keys = [];

    private static int MarkSmallest(Span<long> keys, int count, Span<bool> remove)
    {
        // Only the set of the `count` smallest keys matters, not their order: a selection (O(n) expected) instead of a full sort (O(n log n)).
        SelectSmallest(keys, count);
        for (int i = 0; i < count; i++)
        {
            remove[(int)(uint)keys[i]] = true;
        }

        return count;
    }

    /// <summary>
    /// Rearranges distinct <paramref name="keys"/> so that the <paramref name="count"/> smallest occupy the first <paramref name="count"/> slots, in any order
    /// (Hoare's quickselect with a median-of-three pivot; deterministic).
    /// </summary>
    private static void SelectSmallest(Span<long> keys, int count)
    {
        int lo = 0;
        int hi = keys.Length - 1;
        while (count > lo && count <= hi)
        {
            // Invariant: keys[..lo) are among the smallest `count`, keys(hi..] are not.
            int mid = lo + ((hi - lo) / 2);
            long a = keys[lo], b = keys[mid], c = keys[hi];
            long pivot = Math.Max(Math.Min(a, b), Math.Min(Math.Max(a, b), c));
            int i = lo;
            int j = hi;
            while (i <= j)
            {
                while (keys[i] < pivot)
                {
                    i++;
                }

                while (keys[j] > pivot)
                {
                    j--;
                }

                if (i <= j)
                {
                    (keys[i], keys[j]) = (keys[j], keys[i]);
                    i++;
                    j--;
                }
            }

            // Now keys[lo..j] ≤ pivot ≤ keys[i..hi], and any slot between j and i holds the pivot itself.
            if (count <= j)
            {
                hi = j;
            }
            else if (count >= i)
            {
                lo = i;
            }
            else
            {
                return;
            }
        }
    }
}
