using FsCheck;
using FsCheck.Fluent;
using SparseMlNet.Sparse;

namespace SparseMlNet.Tests.Sparse;

public sealed class SparseMatrixTests
{
    [Fact]
    public void FromCoordinates_RoundTripsEveryConnectionAndBuildsConsistentTransposedIndex()
    {
        Prop.ForAll(Arb.From(Gen.Choose(1, 30)), Arb.From(Gen.Choose(1, 30)), Arb.From(Gen.Choose(0, 1000)), (rows, columns, seed) =>
        {
            var random = new Random(seed);
            var positions = new HashSet<(int, int)>();
            int count = random.Next(rows * columns + 1);
            while (positions.Count < count)
            {
                positions.Add((random.Next(rows), random.Next(columns)));
            }

            var list = positions.ToArray();
            float[] values = list.Select(p => (float)(p.Item1 * 100 + p.Item2 + 1)).ToArray();
            var m = SparseMatrix.FromCoordinates(rows, columns, list.Select(p => p.Item1).ToArray(), list.Select(p => p.Item2).ToArray(), values);

            Assert.Equal(count, m.Nnz);
            foreach (var (r, c) in list)
            {
                Assert.Equal(r * 100 + c + 1, m[r, c]);
            }

            // The CSC index lists each connection once, grouped by column, pointing at the CSR slot of the same (row, column).
            var seen = new bool[m.Nnz];
            for (int c = 0; c < columns; c++)
            {
                Assert.Equal(positions.Count(p => p.Item2 == c), m.ColumnDegree(c));
                for (int t = m.ColumnPointers[c]; t < m.ColumnPointers[c + 1]; t++)
                {
                    int k = m.TransposedToCsr[t];
                    Assert.False(seen[k]);
                    seen[k] = true;
                    Assert.Equal(c, m.ColumnIndices[k]);
                    Assert.Equal(m.TransposedRowIndices[t], RowOf(m, k));
                }
            }

            Assert.All(seen, Assert.True);
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void FromCoordinates_ThrowsForDuplicateConnection()
    {
        var ex = Assert.Throws<ArgumentException>(() => SparseMatrix.FromCoordinates(3, 3, [1, 1], [2, 2], [1f, 2f]));
        Assert.Contains("(1, 2)", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromCoordinates_ThrowsForIndexOutsideMatrix()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => SparseMatrix.FromCoordinates(3, 3, [0], [3], [1f]));
        Assert.Equal("columnIndices", ex.ParamName);
    }

    [Fact]
    public void ValidateCsr_RejectsUnsortedColumns()
    {
        Assert.Throws<InvalidDataException>(() => SparseMatrix.ValidateCsr(1, 5, [0, 2], [3, 1]));
        Assert.Throws<InvalidDataException>(() => SparseMatrix.ValidateCsr(2, 5, [0, 2, 1], [1, 3]));
    }

    private static int RowOf(SparseMatrix m, int k)
    {
        int r = 0;
        while (m.RowPointers[r + 1] <= k)
        {
            r++;
        }

        return r;
    }
}
