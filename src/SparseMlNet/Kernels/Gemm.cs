using System.Runtime.InteropServices;

namespace SparseMlNet.Kernels;

/// <summary>
/// Row-major single-precision GEMM for the dense baseline: C ← α·op(A)·op(B) + β·C.
/// Uses OpenBLAS (<c>libopenblas.so.0</c>, Debian's <c>libopenblas0</c>) through P/Invoke when it loads, else a managed fallback,
/// so that dense-versus-sparse comparisons use a real BLAS wherever one is installed.
/// </summary>
public static class Gemm
{
    private const int RowMajor = 101;
    private const int NoTrans = 111;
    private const int Trans = 112;

    private static readonly Lazy<IntPtr> OpenBlas = new(LoadOpenBlas);

    private unsafe delegate void SgemmFn(int order, int transA, int transB, int m, int n, int k, float alpha, float* a, int lda, float* b, int ldb, float beta, float* c, int ldc);

    private delegate void SetThreadsFn(int threads);

    /// <summary>Whether OpenBLAS was found and is used; otherwise the managed fallback runs.</summary>
    public static bool UsesOpenBlas => OpenBlas.Value != IntPtr.Zero && !ForceManaged;

    /// <summary>
    /// Forces the managed fallback (tests compare the two paths; benchmarks measure both). Starts true when the environment variable
    /// <c>SPARSEMLNET_GEMM</c> is <c>managed</c>: the managed GEMM computes each output row on one thread in a fixed order, so dense models are
    /// bit-identical on any core count, which OpenBLAS's threaded <c>sgemm</c> does not promise.
    /// </summary>
    internal static bool ForceManaged { get; set; } =
        string.Equals(Environment.GetEnvironmentVariable("SPARSEMLNET_GEMM"), "managed", StringComparison.OrdinalIgnoreCase);

    private static SgemmFn? Sgemm { get; set; }

    /// <summary>C[m, n] ← α·op(A)·op(B) + β·C, all row-major; op(A) is [m, k], op(B) is [k, n].</summary>
    /// <param name="transposeA">Use Aᵀ (A stored [k, m]).</param>
    /// <param name="transposeB">Use Bᵀ (B stored [n, k]).</param>
    /// <param name="m">Rows of C.</param>
    /// <param name="n">Columns of C.</param>
    /// <param name="k">Inner dimension.</param>
    /// <param name="alpha">Scale of the product.</param>
    /// <param name="a">A with leading dimension <paramref name="lda"/>.</param>
    /// <param name="lda">Row stride of A as stored.</param>
    /// <param name="b">B with leading dimension <paramref name="ldb"/>.</param>
    /// <param name="ldb">Row stride of B as stored.</param>
    /// <param name="beta">Scale of the existing C (0 overwrites).</param>
    /// <param name="c">C with leading dimension <paramref name="ldc"/>.</param>
    /// <param name="ldc">Row stride of C.</param>
    public static unsafe void Multiply(bool transposeA, bool transposeB, int m, int n, int k, float alpha, ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb, float beta, Span<float> c, int ldc)
    {
        if (UsesOpenBlas && Sgemm is { } sgemm)
        {
            fixed (float* pa = a)
            fixed (float* pb = b)
            fixed (float* pc = c)
            {
                sgemm(RowMajor, transposeA ? Trans : NoTrans, transposeB ? Trans : NoTrans, m, n, k, alpha, pa, lda, pb, ldb, beta, pc, ldc);
            }

            return;
        }

        ManagedGemm.Multiply(transposeA, transposeB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
    }

    private static IntPtr LoadOpenBlas()
    {
        foreach (string name in new[] { "libopenblas.so.0", "libopenblas.so", "openblas" })
        {
            if (NativeLibrary.TryLoad(name, out IntPtr handle) && NativeLibrary.TryGetExport(handle, "cblas_sgemm", out IntPtr fn))
            {
                Sgemm = Marshal.GetDelegateForFunctionPointer<SgemmFn>(fn);
                if (NativeLibrary.TryGetExport(handle, "openblas_set_num_threads", out IntPtr threads))
                {
                    Marshal.GetDelegateForFunctionPointer<SetThreadsFn>(threads)(Environment.ProcessorCount);
                }

                return handle;
            }
        }

        return IntPtr.Zero;
    }
}
