using SparseMlNet.Kernels;
using SparseMlNet.Sparse;

namespace SparseMlNet.Tests.Kernels;

/// <summary>Every SIMD path of every sparse kernel against the scalar reference, over batch widths that hit each block size and tail.</summary>
[Collection(KernelPathCollection.Name)]
public sealed class SparseKernelsTests
{
    public static TheoryData<int, int> Paths()
    {
        var data = new TheoryData<int, int>();
        foreach (int bits in new[] { 512, 256, 0 })
        {
            foreach (int width in new[] { 1, 15, 16, 17, 33, 64, 90, 100, 128, 129, 200, 256 })
            {
                data.Add(bits, width);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void Spmm_MatchesScalarReference(int vectorBits, int width)
    {
        var w = TestNetworks.RandomMatrix(37, 53, 0.2, seed: width);
        int stride = SparseKernels.StrideFor(width);
        float[] x = TestNetworks.RandomBlock(w.Columns, stride, width, seed: 1);
        float[] bias = TestNetworks.RandomBlock(1, w.Rows, w.Rows, seed: 2);
        var expected = new float[w.Rows * stride];
        var actual = new float[w.Rows * stride];
        SparseKernelsReference.Spmm(w, bias, x, expected, stride, width);

        WithPath(vectorBits, () => SparseKernels.Spmm(w, bias, x, actual, stride, 0, w.Rows));

        AssertColumns(expected, actual, w.Rows, stride, width);
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void SpmmTransposed_MatchesScalarReference(int vectorBits, int width)
    {
        var w = TestNetworks.RandomMatrix(41, 29, 0.25, seed: width + 100);
        int stride = SparseKernels.StrideFor(width);
        float[] dy = TestNetworks.RandomBlock(w.Rows, stride, width, seed: 3);
        var expected = new float[w.Columns * stride];
        var actual = new float[w.Columns * stride];
        SparseKernelsReference.SpmmTransposed(w, dy, expected, stride, width);

        WithPath(vectorBits, () =>
        {
            // Two ranges, as two cores would run them.
            SparseKernels.SpmmTransposed(w, dy, actual, stride, 0, 10);
            SparseKernels.SpmmTransposed(w, dy, actual, stride, 10, w.Columns);
        });

        AssertColumns(expected, actual, w.Columns, stride, width);
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void Sddmm_MatchesScalarReference(int vectorBits, int width)
    {
        var w = TestNetworks.RandomMatrix(31, 47, 0.3, seed: width + 200);
        int stride = SparseKernels.StrideFor(width);
        float[] dy = TestNetworks.RandomBlock(w.Rows, stride, width, seed: 4);
        float[] x = TestNetworks.RandomBlock(w.Columns, stride, width, seed: 5);
        var expected = new float[w.Nnz];
        var actual = new float[w.Nnz];
        SparseKernelsReference.Sddmm(w, dy, x, expected, stride, width);

        WithPath(vectorBits, () => SparseKernels.Sddmm(w, dy, x, actual, stride, 0, w.Rows));

        TestNetworks.AssertClose(expected, actual);
    }

    [Fact]
    public void Spmm_ThrowsForStrideNotMultipleOfAlignment()
    {
        var w = TestNetworks.RandomMatrix(4, 4, 0.5, seed: 1);
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => SparseKernels.Spmm(w, new float[4], new float[40], new float[40], 10, 0, 4));
        Assert.Equal("stride", ex.ParamName);
    }

    [Fact]
    public void Spmm_OnDenseMatrixEqualsDenseProduct()
    {
        // One theory over dense and sparse storage: a fully connected SparseMatrix must give the dense product.
        const int rows = 5, columns = 7, width = 16;
        var random = new Random(9);
        var dense = new float[rows * columns];
        var r = new List<int>();
        var c = new List<int>();
        for (int i = 0; i < rows; i++)
        {
            for (int j = 0; j < columns; j++)
            {
                dense[(i * columns) + j] = (float)random.NextDouble();
                r.Add(i);
                c.Add(j);
            }
        }

        var w = SparseMatrix.FromCoordinates(rows, columns, r.ToArray(), c.ToArray(), dense);
        float[] x = TestNetworks.RandomBlock(columns, width, width, seed: 11);
        var expected = new float[rows * width];
        for (int i = 0; i < rows; i++)
        {
            for (int b = 0; b < width; b++)
            {
                double sum = 0;
                for (int j = 0; j < columns; j++)
                {
                    sum += dense[(i * columns) + j] * x[(j * width) + b];
                }

                expected[(i * width) + b] = (float)sum;
            }
        }

        var actual = new float[rows * width];
        SparseKernels.Spmm(w, new float[rows], x, actual, width, 0, rows);
        TestNetworks.AssertClose(expected, actual);
    }

    private static void AssertColumns(float[] expected, float[] actual, int rows, int stride, int width)
    {
        for (int i = 0; i < rows; i++)
        {
            TestNetworks.AssertClose(expected.AsSpan(i * stride, width), actual.AsSpan(i * stride, width));
        }
    }

    private static void WithPath(int bits, Action action)
    {
        int saved = SparseKernels.MaxVectorBits;
        SparseKernels.MaxVectorBits = bits;
        try
        {
            action();
        }
        finally
        {
            SparseKernels.MaxVectorBits = saved;
        }
    }
}

/// <summary>Tests that switch the process-wide kernel path run one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class KernelPathCollection
{
    public const string Name = "Kernel path switching";
}
