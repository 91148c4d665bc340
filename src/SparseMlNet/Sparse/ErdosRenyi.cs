namespace SparseMlNet.Sparse;

/// <summary>
/// Erdős–Rényi sparse bipartite topology, the initial graph of every SET and FixProb layer
/// (Mocanu et al., "Scalable training of artificial neural networks with adaptive sparse connectivity inspired by network science",
/// Nature Communications 9, 2383, 2018, eq. 1).
/// </summary>
public static class ErdosRenyi
{
    /// <summary>
    /// Connection probability p(W_ij) = ε (n_in + n_out) / (n_in · n_out), capped at 1 (Mocanu et al. 2018, eq. 1).
    /// </summary>
    /// <param name="epsilon">ε, the sparsity level; Range: ε &gt; 0. Larger ε means denser layers; the expected nnz is ε (n_in + n_out) while p &lt; 1.</param>
    /// <param name="inputs">n_in; Range: ≥ 1.</param>
    /// <param name="outputs">n_out; Range: ≥ 1.</param>
    /// <returns>p in (0, 1].</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="epsilon"/> is not a positive finite number, or a layer size is below 1.</exception>
    public static double Probability(double epsilon, int inputs, int outputs)
    {
        if (!(epsilon > 0) || double.IsInfinity(epsilon))
        {
            throw new ArgumentOutOfRangeException(nameof(epsilon), epsilon, "Epsilon (ε) must be a positive finite number, for example 20 (SET-MLP) or 13 (QuickSelection).");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(inputs, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(outputs, 1);
        double p = epsilon * ((double)inputs + outputs) / ((double)inputs * outputs);
        return Math.Min(1.0, p);
    }

    /// <summary>
    /// Samples the connectivity of an n_out × n_in layer: every (output, input) pair is connected independently with probability p.
    /// Time and memory are O(nnz + n_out): positions are visited by geometric skips over the row-major index, so no n_in × n_out mask exists.
    /// </summary>
    /// <param name="inputs">n_in; Range: ≥ 1.</param>
    /// <param name="outputs">n_out; Range: ≥ 1.</param>
    /// <param name="probability">p; Range: (0, 1].</param>
    /// <param name="random">Seeded random source; consumed deterministically.</param>
    /// <returns>CSR row pointers (length n_out + 1) and ascending column indices per row.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="probability"/> is outside (0, 1], or the expected number of connections p·n_in·n_out rounds to zero (raise ε).</exception>
    /// <exception cref="InvalidOperationException">The layer would hold more than <see cref="int.MaxValue"/> connections.</exception>
    public static (int[] RowPointers, int[] ColumnIndices) SampleTopology(int inputs, int outputs, double probability, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        ArgumentOutOfRangeException.ThrowIfLessThan(inputs, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(outputs, 1);
        if (!(probability > 0) || probability > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(probability), probability, "The connection probability must lie in (0, 1].");
        }

        long total = (long)inputs * outputs;
        double expected = probability * total;
        if (Math.Round(expected) < 1)
        {
            throw new ArgumentOutOfRangeException(
                nameof(probability),
                probability,
                $"A {outputs} x {inputs} layer at connection probability {probability:G3} expects {expected:G3} connections, which rounds to zero; raise epsilon.");
        }

        if (expected > int.MaxValue * 0.95)
        {
            throw new InvalidOperationException($"A {outputs} x {inputs} layer at probability {probability:G3} would hold about {expected:G3} connections, more than one layer can store ({int.MaxValue}); lower epsilon.");
        }

        var rowPointers = new int[outputs + 1];
        var columns = new List<int>((int)Math.Min(int.MaxValue, expected + (6 * Math.Sqrt(expected)) + 16));
        if (probability >= 1)
        {
            for (int r = 0; r < outputs; r++)
            {
                for (int c = 0; c < inputs; c++)
                {
                    columns.Add(c);
                }

                rowPointers[r + 1] = columns.Count;
            }

            return (rowPointers, columns.ToArray());
        }

        // Geometric skips: the gap before the next connected position is Geometric(p), so each position is kept with probability p, independently.
        double logQ = Math.Log(1 - probability);
        long position = -1;
        int currentRow = 0;
        while (true)
        {
            double u = 1.0 - random.NextDouble(); // (0, 1]
            double skip = Math.Floor(Math.Log(u) / logQ);
            if (skip >= total - position)
            {
                break;
            }

            position += 1 + (long)skip;
            if (position >= total)
            {
                break;
            }

            int row = (int)(position / inputs);
            while (currentRow < row)
            {
                rowPointers[++currentRow] = columns.Count;
            }

            columns.Add((int)(position % inputs));
        }

        while (currentRow < outputs)
        {
            rowPointers[++currentRow] = columns.Count;
        }

        return (rowPointers, columns.ToArray());
    }
}
