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
    public int SelectForRemoval(SparseMatrix matrix, double zeta, Span<bool> remove)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        ReadOnlySpan<float> w = matrix.Weights;
        int positives = 0;
        foreach (float v in w)
        {
            positives += v >= 0 ? 1 : 0;
        }

        var posKeys = new float[positives];
        var posIdx = new int[positives];
        var negKeys = new float[w.Length - positives];
        var negIdx = new int[w.Length - positives];
        int p = 0;
        int n = 0;
        for (int k = 0; k < w.Length; k++)
        {
            if (w[k] >= 0)
            {
                posKeys[p] = w[k];
                posIdx[p++] = k;
            }
            else
            {
                negKeys[n] = -w[k];
                negIdx[n++] = k;
            }
        }

        return MarkSmallest(posKeys, posIdx, (int)(zeta * positives), remove) + MarkSmallest(negKeys, negIdx, (int)(zeta * negKeys.Length), remove);
    }

    private static int MarkSmallest(float[] magnitudes, int[] indices, int count, Span<bool> remove)
    {
        // Stable order: sort by (magnitude, CSR index); indices are already ascending, and Array.Sort with keys is unstable, so sort by a composite key.
        var keys = new long[magnitudes.Length];
        for (int i = 0; i < keys.Length; i++)
        {
            keys[i] = ((long)BitConverter.SingleToInt32Bits(magnitudes[i]) << 32) | (uint)indices[i];
        }

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
    private static void SelectSmallest(long[] keys, int count)
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
