using System.Numerics;

namespace SparseMlNet.Kernels;

/// <summary>
/// Managed GEMM fallback for machines without OpenBLAS: transposed operands are copied to row-major form, then C rows are computed in parallel
/// as sums of axpys over B's rows (vectorised with <see cref="Vector{T}"/>). Correct and multi-threaded, not tuned: install OpenBLAS for dense baselines.
/// </summary>
internal static class ManagedGemm
{
    public static void Multiply(bool transposeA, bool transposeB, int m, int n, int k, float alpha, ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb, float beta, Span<float> c, int ldc)
    {
        float[] aRows = transposeA ? Transpose(a, k, m, lda) : a[..Extent(m, k, lda)].ToArray();
        int aStride = transposeA ? k : lda;
        float[] bRows = transposeB ? Transpose(b, n, k, ldb) : b[..Extent(k, n, ldb)].ToArray();
        int bStride = transposeB ? n : ldb;
        float[] result = new float[m * n];
        Parallel.For(0, m, i =>
        {
            Span<float> row = result.AsSpan(i * n, n);
            for (int p = 0; p < k; p++)
            {
                float s = aRows[(i * aStride) + p];
                if (s != 0)
                {
                    Axpy(s, bRows.AsSpan(p * bStride, n), row);
                }
            }
        });

        for (int i = 0; i < m; i++)
        {
            Span<float> ci = c.Slice(i * ldc, n);
            ReadOnlySpan<float> ri = result.AsSpan(i * n, n);
            for (int j = 0; j < n; j++)
            {
                ci[j] = (alpha * ri[j]) + (beta == 0 ? 0 : beta * ci[j]);
            }
        }
    }

    private static int Extent(int rows, int columns, int ld) => rows == 0 ? 0 : ((rows - 1) * ld) + columns;

    private static float[] Transpose(ReadOnlySpan<float> source, int rows, int columns, int ld)
    {
        var t = new float[columns * rows];
        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < columns; c++)
            {
                t[(c * rows) + r] = source[(r * ld) + c];
            }
        }

        return t;
    }

    private static void Axpy(float s, ReadOnlySpan<float> x, Span<float> y)
    {
        int j = 0;
        var sv = new Vector<float>(s);
        for (; j <= x.Length - Vector<float>.Count; j += Vector<float>.Count)
        {
            (new Vector<float>(y[j..]) + (sv * new Vector<float>(x[j..]))).CopyTo(y[j..]);
        }

        for (; j < x.Length; j++)
        {
            y[j] += s * x[j];
        }
    }
}
