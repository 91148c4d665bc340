using SparseMlNet.Sparse;

namespace SparseMlNet.Topology;

/// <summary>
/// SET's pruning rule (Mocanu et al., Nature Communications 2018, Algorithm 1): remove the fraction ζ of the positive weights closest to zero
/// and the fraction ζ of the negative weights closest to zero, counted per sign: ⌊ζ·n₊⌋ and ⌊ζ·n₋⌋ exactly.
/// Weights equal to zero count with the positive ones (they are the closest to zero). Ties are broken by CSR position, so the choice is deterministic.
/// </summary>
public sealed class MagnitudePrune : IPruneCriterion
{
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

        Array.Sort(keys);
        for (int i = 0; i < count; i++)
        {
            remove[(int)(uint)keys[i]] = true;
        }

        return count;
    }
}
