using SparseMlNet.Kernels;
using SparseMlNet.Sparse;

namespace SparseMlNet.Tests.Kernels;

/// <summary>Every vector width of every sparse kernel against the scalar reference, at every batch width 1..256 (each block size and tail).</summary>
[Collection(KernelPathCollection.Name)]
public sealed class SparseKernelsTests
{
    private const int MaxWidth = 256;

    /// <summary>The kernel paths: Vector512, Vector256, Vector128 and scalar (a path the CPU lacks falls back to the next narrower one).</summary>
    public static TheoryData<int> Paths() => new(512, 256, 128, 0);

    [Theory]
    [MemberData(nameof(Paths))]
    public void Spmm_MatchesScalarReference(int vectorBits)
    {
        for (int width = 1; width <= MaxWidth; width++)
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
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void SpmmTransposed_MatchesScalarReference(int vectorBits)
    {
        for (int width = 1; width <= MaxWidth; width++)
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
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void Sddmm_MatchesScalarReference(int vectorBits)
    {
        for (int width = 1; width <= MaxWidth; width++)
        {
            var w = TestNetworks.RandomMatrix(31, 47, 0.3, seed: width + 200);
            int stride = SparseKernels.StrideFor(width);
            float[] dy = TestNetworks.RandomBlock(w.Rows, stride, width, seed: 4);
            float[] x = TestNetworks.RandomBlock(w.Columns, stride, width, seed: 5);
            var expected = new float[w.Nnz];
            var actual = new float[w.Nnz];
            SparseKernelsReference.Sddmm(w, dy, x, expected, stride, width);

            // Training reuses the gradient buffer from batch to batch: the kernel must overwrite it, whatever it holds.
            actual.AsSpan().Fill(float.NaN);
            WithPath(vectorBits, () => SparseKernels.Sddmm(w, dy, x, actual, stride, 0, w.Rows));

            AssertClose(expected, actual, width);
        }
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void ActiveVectorBits_IsTheWidestSupportedPathNoWiderThanTheSetting(int vectorBits)
    {
        int expected = vectorBits switch
        {
            >= 512 when System.Runtime.Intrinsics.X86.Avx512F.IsSupported => 512,
            >= 256 when System.Runtime.Intrinsics.X86.Fma.IsSupported && System.Runtime.Intrinsics.X86.Avx2.IsSupported => 256,
            >= 128 when System.Runtime.Intrinsics.X86.Fma.IsSupported || System.Runtime.Intrinsics.Arm.AdvSimd.IsSupported => 128,
            _ => 0,
        };
        int active = -1;

        WithPath(vectorBits, () => active = SparseKernels.ActiveVectorBits);

        Assert.Equal(expected, active);
        Assert.True(active <= vectorBits);
    }

    [Fact]
    public void Kernels_ThrowForSpansShorterThanMatrixAndStride()
    {
        var w = TestNetworks.RandomMatrix(6, 5, 0.5, seed: 3);
        const int stride = 16;
        float[] bias = new float[w.Rows];
        float[] inputs = new float[w.Columns * stride];
        float[] outputs = new float[w.Rows * stride];
        float[] gradient = new float[w.Nnz];

        Assert.Equal("bias", Assert.Throws<ArgumentException>(() => SparseKernels.Spmm(w, bias.AsSpan(1), inputs, outputs, stride, 0, w.Rows)).ParamName);
        Assert.Equal("x", Assert.Throws<ArgumentException>(() => SparseKernels.Spmm(w, bias, inputs.AsSpan(1), outputs, stride, 0, w.Rows)).ParamName);
        Assert.Equal("y", Assert.Throws<ArgumentException>(() => SparseKernels.Spmm(w, bias, inputs, outputs.AsSpan(1), stride, 0, w.Rows)).ParamName);
        Assert.Equal("dy", Assert.Throws<ArgumentException>(() => SparseKernels.SpmmTransposed(w, outputs.AsSpan(1), inputs, stride, 0, w.Columns)).ParamName);
        Assert.Equal("dx", Assert.Throws<ArgumentException>(() => SparseKernels.SpmmTransposed(w, outputs, inputs.AsSpan(1), stride, 0, w.Columns)).ParamName);
        Assert.Equal("dy", Assert.Throws<ArgumentException>(() => SparseKernels.Sddmm(w, outputs.AsSpan(1), inputs, gradient, stride, 0, w.Rows)).ParamName);
        Assert.Equal("x", Assert.Throws<ArgumentException>(() => SparseKernels.Sddmm(w, outputs, inputs.AsSpan(1), gradient, stride, 0, w.Rows)).ParamName);
        Assert.Equal("gradient", Assert.Throws<ArgumentException>(() => SparseKernels.Sddmm(w, outputs, inputs, gradient.AsSpan(1), stride, 0, w.Rows)).ParamName);
    }

    [Fact]
    public void Kernels_AcceptOutputsThatEndAtTheRange()
    {
        // A range's kernel needs the output only up to the range's end: rows [0, 2) write 2·stride floats.
        var w = TestNetworks.RandomMatrix(6, 5, 0.5, seed: 4);
        const int stride = 16;
        float[] x = TestNetworks.RandomBlock(w.Columns, stride, stride, seed: 6);
        float[] bias = TestNetworks.RandomBlock(1, w.Rows, w.Rows, seed: 7);
        var expected = new float[w.Rows * stride];
        SparseKernelsReference.Spmm(w, bias, x, expected, stride, stride);
        var actual = new float[2 * stride];

        SparseKernels.Spmm(w, bias, x, actual, stride, 0, 2);

        TestNetworks.AssertClose(expected.AsSpan(0, 2 * stride), actual);
    }

    [Fact]
    public void Kernels_ThrowForRangesOutsideTheMatrix()
    {
        var w = TestNetworks.RandomMatrix(6, 5, 0.5, seed: 5);
        const int stride = 16;
        float[] bias = new float[w.Rows];
        float[] inputs = new float[w.Columns * stride];
        float[] outputs = new float[w.Rows * stride];
        float[] gradient = new float[w.Nnz];

        Assert.Equal("rowEnd", Assert.Throws<ArgumentOutOfRangeException>(() => SparseKernels.Spmm(w, bias, inputs, outputs, stride, 0, w.Rows + 1)).ParamName);
        Assert.Equal("rowStart", Assert.Throws<ArgumentOutOfRangeException>(() => SparseKernels.Spmm(w, bias, inputs, outputs, stride, -1, 2)).ParamName);
        Assert.Equal("rowEnd", Assert.Throws<ArgumentOutOfRangeException>(() => SparseKernels.Spmm(w, bias, inputs, outputs, stride, 3, 2)).ParamName);
        Assert.Equal("columnEnd", Assert.Throws<ArgumentOutOfRangeException>(() => SparseKernels.SpmmTransposed(w, outputs, inputs, stride, 0, w.Columns + 1)).ParamName);
        Assert.Equal("rowEnd", Assert.Throws<ArgumentOutOfRangeException>(() => SparseKernels.Sddmm(w, outputs, inputs, gradient, stride, 0, w.Rows + 1)).ParamName);
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
            AssertClose(expected.AsSpan(i * stride, width), actual.AsSpan(i * stride, width), width);
        }
    }

    /// <summary>The relative tolerance of <see cref="TestNetworks.AssertClose"/>, with the batch width in the message.</summary>
    private static void AssertClose(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual, int width)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            float tolerance = 1e-5f + (1e-4f * Math.Abs(expected[i]));
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance, $"Width {width}, index {i}: expected {expected[i]}, actual {actual[i]}.");
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
