namespace SparseMlNet.Sparse;

/// <summary>Draws initial weights for existing connections from <see cref="WeightInitialization"/> schemes using actual sparse degrees.</summary>
internal static class WeightInitializer
{
    /// <summary>The half-width of the uniform distribution for a connection whose output neuron has <paramref name="fanIn"/> and input neuron <paramref name="fanOut"/> connections.</summary>
    public static float Limit(WeightInitialization scheme, int fanIn, int fanOut) => scheme switch
    {
        WeightInitialization.HeUniform => (float)Math.Sqrt(6.0 / Math.Max(1, fanIn)),
        WeightInitialization.GlorotUniform => (float)Math.Sqrt(6.0 / Math.Max(1, fanIn + fanOut)),
        _ => throw new ArgumentOutOfRangeException(nameof(scheme), scheme, "Unknown weight initialisation."),
    };

    /// <summary>One weight drawn uniformly from [−limit, +limit).</summary>
    public static float Draw(float limit, Random random) => (float)(((2 * random.NextDouble()) - 1) * limit);

    /// <summary>Fills the weights of every connection of <paramref name="matrix"/> from <paramref name="scheme"/>, row by row.</summary>
    public static void Fill(SparseMatrix matrix, WeightInitialization scheme, Random random)
    {
        for (int r = 0; r < matrix.Rows; r++)
        {
            int fanIn = matrix.RowDegree(r);
            for (int k = matrix.RowPointers[r]; k < matrix.RowPointers[r + 1]; k++)
            {
                int fanOut = matrix.ColumnDegree(matrix.ColumnIndices[k]);
                matrix.Values[k] = Draw(Limit(scheme, fanIn, fanOut), random);
            }
        }
    }
}
