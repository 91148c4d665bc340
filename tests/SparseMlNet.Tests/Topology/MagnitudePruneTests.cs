using SparseMlNet.Sparse;
using SparseMlNet.Topology;

namespace SparseMlNet.Tests.Topology;

public sealed class MagnitudePruneTests
{
    [Theory]
    [InlineData(1, 0.2)]
    [InlineData(2, 0.3)]
    [InlineData(3, 0.5)]
    [InlineData(4, 0.01)]
    [InlineData(5, 0.99)]
    public void SelectForRemoval_MarksTheSmallestOfEachSignWithTiesByPosition(int seed, double zeta)
    {
        // Weights drawn from a handful of values, so magnitudes tie often and the CSR-position tie-break decides.
        var random = new Random(seed);
        var matrix = TestNetworks.RandomMatrix(60, 70, 0.3, seed);
        float[] levels = [0f, 0.1f, -0.1f, 0.2f, -0.2f, 0.3f, -0.05f];
        var values = new float[matrix.Nnz];
        for (int k = 0; k < values.Length; k++)
        {
            values[k] = levels[random.Next(levels.Length)];
        }

        var rows = new int[matrix.Nnz];
        for (int r = 0; r < matrix.Rows; r++)
        {
            for (int k = matrix.RowOffsets[r]; k < matrix.RowOffsets[r + 1]; k++)
            {
                rows[k] = r;
            }
        }

        var weights = SparseMatrix.FromCoordinates(matrix.Rows, matrix.Columns, rows, matrix.ConnectionColumns, values);
        var remove = new bool[weights.Nnz];

        int count = new MagnitudePrune().SelectForRemoval(weights, zeta, remove);

        bool[] expected = SortedReference(weights.Weights, zeta);
        Assert.Equal(expected, remove);
        Assert.Equal(expected.Count(b => b), count);
    }

    /// <summary>The specification: per sign (zero counts as positive), sort by (|w|, CSR position) and take the first ⌊ζ·n⌋.</summary>
    private static bool[] SortedReference(ReadOnlySpan<float> w, double zeta)
    {
        var remove = new bool[w.Length];
        var positive = new List<int>();
        var negative = new List<int>();
        for (int k = 0; k < w.Length; k++)
        {
            (w[k] >= 0 ? positive : negative).Add(k);
        }

        float[] weights = w.ToArray();
        foreach (List<int> group in new[] { positive, negative })
        {
            foreach (int k in group.OrderBy(k => Math.Abs(weights[k])).ThenBy(k => k).Take((int)(zeta * group.Count)))
            {
                remove[k] = true;
            }
        }

        return remove;
    }
}
