using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using SparseMlNet.Sparse;

namespace SparseMlNet.Kernels;

/// <summary>
/// SIMD sparse kernels on feature-major mini-batches. Every connection becomes one vector operation over the batch:
/// an axpy (forward, backward) or a dot product (weight gradient), so the work is O(nnz · batch) and the inner loop is dense and contiguous.
/// </summary>
/// <remarks>
/// <para>Activations hold neuron n of a mini-batch at <c>[n·stride, n·stride + stride)</c>; <c>stride</c> is a multiple of <see cref="StrideAlignment"/>
/// and columns past the batch are padding. Forward writes bias into the padding (harmless: it is never read back as a sample);
/// the backward and gradient kernels rely on the deltas' padding being zero, which the loss guarantees.</para>
/// <para>Each kernel works on a range of output rows (forward, gradient) or input columns (backward), so callers can run disjoint ranges on different cores.
/// A block of 8 accumulators (128 floats with AVX-512, 64 with AVX2) stays in registers while a row's connections stream through.</para>
/// <para>Paths: AVX-512F, AVX2+FMA, scalar. <see cref="SparseKernelsReference"/> is the scalar specification they are tested against;
/// set <c>DOTNET_EnableHWIntrinsic=0</c> to force the scalar path.</para>
/// </remarks>
internal static class SparseKernels
{
    /// <summary>Activation row strides are multiples of this many floats (one 512-bit vector).</summary>
    public const int StrideAlignment = 16;

    /// <summary>
    /// Widest vector path the kernels may use: 512 (AVX-512F), 256 (AVX2+FMA) or 0 (scalar). Defaults to the widest the CPU supports;
    /// tests lower it to check every path against <see cref="SparseKernelsReference"/> on one machine.
    /// </summary>
    internal static int MaxVectorBits { get; set; } = 512;

    private static bool UseAvx512 => MaxVectorBits >= 512 && Avx512F.IsSupported;

    private static bool UseAvx2 => MaxVectorBits >= 256 && Fma.IsSupported && Avx2.IsSupported;

    /// <summary>Whether <see cref="Spmm"/> accumulates with fused multiply-adds (its vector paths) rather than separate ones (scalar path).</summary>
    internal static bool FusedAccumulation => UseAvx512 || UseAvx2;

    /// <summary>Rounds a batch size up to a valid stride.</summary>
    public static int StrideFor(int batch) => (batch + StrideAlignment - 1) / StrideAlignment * StrideAlignment;

    /// <summary>Forward for output rows [rowStart, rowEnd): Y[r, :] = bias[r] + Σ_k W[k]·X[c_k, :].</summary>
    public static unsafe void Spmm(SparseMatrix w, ReadOnlySpan<float> bias, ReadOnlySpan<float> x, Span<float> y, int stride, int rowStart, int rowEnd)
    {
        CheckStride(stride);
        fixed (int* ptr = w.RowPointers)
        fixed (int* idx = w.ColumnIndices)
        fixed (float* val = w.Values)
        fixed (float* pb = bias)
        fixed (float* px = x)
        fixed (float* py = y)
        {
            GatherAccumulate(ptr, idx, new DirectWeights(val), pb, px, py, stride, rowStart, rowEnd);
        }
    }

    /// <summary>Backward to the inputs for input columns [columnStart, columnEnd): dX[c, :] = Σ_(r,c) W[r,c]·dY[r, :].</summary>
    public static unsafe void SpmmTransposed(SparseMatrix w, ReadOnlySpan<float> dy, Span<float> dx, int stride, int columnStart, int columnEnd)
    {
        CheckStride(stride);
        fixed (int* ptr = w.ColumnPointers)
        fixed (int* idx = w.TransposedRowIndices)
        fixed (int* map = w.TransposedToCsr)
        fixed (float* val = w.Values)
        fixed (float* pdy = dy)
        fixed (float* pdx = dx)
        {
            GatherAccumulate(ptr, idx, new MappedWeights(val, map), null, pdy, pdx, stride, columnStart, columnEnd);
        }
    }

    /// <summary>Weight gradient for the connections of output rows [rowStart, rowEnd): G[k] = Σ_b dY[r_k, b]·X[c_k, b].</summary>
    public static unsafe void Sddmm(SparseMatrix w, ReadOnlySpan<float> dy, ReadOnlySpan<float> x, Span<float> gradient, int stride, int rowStart, int rowEnd)
    {
        CheckStride(stride);
        fixed (int* ptr = w.RowPointers)
        fixed (int* idx = w.ColumnIndices)
        fixed (float* pdy = dy)
        fixed (float* px = x)
        fixed (float* pg = gradient)
        {
            if (UseAvx512)
            {
                SddmmAvx512(ptr, idx, pdy, px, pg, stride, rowStart, rowEnd);
            }
            else if (UseAvx2)
            {
                SddmmAvx2(ptr, idx, pdy, px, pg, stride, rowStart, rowEnd);
            }
            else
            {
                SddmmScalar(ptr, idx, pdy, px, pg, stride, rowStart, rowEnd);
            }
        }
    }

    private static void CheckStride(int stride)
    {
        if (stride <= 0 || stride % StrideAlignment != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(stride), stride, $"The activation stride must be a positive multiple of {StrideAlignment}.");
        }
    }

    private static unsafe void GatherAccumulate<TWeights>(int* ptr, int* idx, TWeights weights, float* bias, float* x, float* y, int stride, int start, int end)
        where TWeights : struct, IWeightSource
    {
        if (UseAvx512)
        {
            GatherAccumulateAvx512(ptr, idx, weights, bias, x, y, stride, start, end);
        }
        else if (UseAvx2)
        {
            GatherAccumulateAvx2(ptr, idx, weights, bias, x, y, stride, start, end);
        }
        else
        {
            GatherAccumulateScalar(ptr, idx, weights, bias, x, y, stride, start, end);
        }
    }

    private static unsafe void GatherAccumulateAvx512<TWeights>(int* ptr, int* idx, TWeights weights, float* bias, float* x, float* y, int stride, int start, int end)
        where TWeights : struct, IWeightSource
    {
        const int V = 16;
        for (int r = start; r < end; r++)
        {
            int k0 = ptr[r];
            int k1 = ptr[r + 1];
            Vector512<float> init = bias is null ? Vector512<float>.Zero : Vector512.Create(bias[r]);
            float* yr = y + ((long)r * stride);
            int off = 0;
            for (; off + (8 * V) <= stride; off += 8 * V)
            {
                Vector512<float> a0 = init, a1 = init, a2 = init, a3 = init, a4 = init, a5 = init, a6 = init, a7 = init;
                for (int k = k0; k < k1; k++)
                {
                    Vector512<float> wv = Vector512.Create(weights.Get(k));
                    float* xr = x + ((long)idx[k] * stride) + off;
                    a0 = Avx512F.FusedMultiplyAdd(Vector512.Load(xr), wv, a0);
                    a1 = Avx512F.FusedMultiplyAdd(Vector512.Load(xr + V), wv, a1);
                    a2 = Avx512F.FusedMultiplyAdd(Vector512.Load(xr + (2 * V)), wv, a2);
                    a3 = Avx512F.FusedMultiplyAdd(Vector512.Load(xr + (3 * V)), wv, a3);
                    a4 = Avx512F.FusedMultiplyAdd(Vector512.Load(xr + (4 * V)), wv, a4);
                    a5 = Avx512F.FusedMultiplyAdd(Vector512.Load(xr + (5 * V)), wv, a5);
                    a6 = Avx512F.FusedMultiplyAdd(Vector512.Load(xr + (6 * V)), wv, a6);
                    a7 = Avx512F.FusedMultiplyAdd(Vector512.Load(xr + (7 * V)), wv, a7);
                }

                float* yo = yr + off;
                a0.Store(yo);
                a1.Store(yo + V);
                a2.Store(yo + (2 * V));
                a3.Store(yo + (3 * V));
                a4.Store(yo + (4 * V));
                a5.Store(yo + (5 * V));
                a6.Store(yo + (6 * V));
                a7.Store(yo + (7 * V));
            }

            // 3 to 7 vectors left (batch 33..112 when stride ≤ 128): one pass over the row's connections with one accumulator per vector,
            // instead of a pass per 32 floats (17% faster at stride 112, where the loop overhead per connection dominates).
            switch ((stride - off) / V)
            {
                case 3: GatherTailAvx512<TWeights, Three>(k0, k1, idx, weights, init, x + off, yr + off, stride); off = stride; break;
                case 4: GatherTailAvx512<TWeights, Four>(k0, k1, idx, weights, init, x + off, yr + off, stride); off = stride; break;
                case 5: GatherTailAvx512<TWeights, Five>(k0, k1, idx, weights, init, x + off, yr + off, stride); off = stride; break;
                case 6: GatherTailAvx512<TWeights, Six>(k0, k1, idx, weights, init, x + off, yr + off, stride); off = stride; break;
                case 7: GatherTailAvx512<TWeights, Seven>(k0, k1, idx, weights, init, x + off, yr + off, stride); off = stride; break;
                default: break;
            }

            for (; off + (2 * V) <= stride; off += 2 * V)
            {
                // Two independent chains per connection pair hide the FMA latency on short tails (batch 32..112).
                Vector512<float> a0 = init, a1 = init, b0 = Vector512<float>.Zero, b1 = Vector512<float>.Zero;
                int k = k0;
                for (; k + 1 < k1; k += 2)
                {
                    Vector512<float> w0 = Vector512.Create(weights.Get(k));
                    Vector512<float> w1 = Vector512.Create(weights.Get(k + 1));
                    float* x0 = x + ((long)idx[k] * stride) + off;
                    float* x1 = x + ((long)idx[k + 1] * stride) + off;
                    a0 = Avx512F.FusedMultiplyAdd(Vector512.Load(x0), w0, a0);
                    a1 = Avx512F.FusedMultiplyAdd(Vector512.Load(x0 + V), w0, a1);
                    b0 = Avx512F.FusedMultiplyAdd(Vector512.Load(x1), w1, b0);
                    b1 = Avx512F.FusedMultiplyAdd(Vector512.Load(x1 + V), w1, b1);
                }

                if (k < k1)
                {
                    Vector512<float> w0 = Vector512.Create(weights.Get(k));
                    float* x0 = x + ((long)idx[k] * stride) + off;
                    a0 = Avx512F.FusedMultiplyAdd(Vector512.Load(x0), w0, a0);
                    a1 = Avx512F.FusedMultiplyAdd(Vector512.Load(x0 + V), w0, a1);
                }

                (a0 + b0).Store(yr + off);
                (a1 + b1).Store(yr + off + V);
            }

            for (; off < stride; off += V)
            {
                Vector512<float> a0 = init;
                for (int k = k0; k < k1; k++)
                {
                    a0 = Avx512F.FusedMultiplyAdd(Vector512.Load(x + ((long)idx[k] * stride) + off), Vector512.Create(weights.Get(k)), a0);
                }

                a0.Store(yr + off);
            }
        }
    }

    private static unsafe void GatherAccumulateAvx2<TWeights>(int* ptr, int* idx, TWeights weights, float* bias, float* x, float* y, int stride, int start, int end)
        where TWeights : struct, IWeightSource
    {
        const int V = 8;
        for (int r = start; r < end; r++)
        {
            int k0 = ptr[r];
            int k1 = ptr[r + 1];
            Vector256<float> init = bias is null ? Vector256<float>.Zero : Vector256.Create(bias[r]);
            float* yr = y + ((long)r * stride);
            int off = 0;
            for (; off + (8 * V) <= stride; off += 8 * V)
            {
                Vector256<float> a0 = init, a1 = init, a2 = init, a3 = init, a4 = init, a5 = init, a6 = init, a7 = init;
                for (int k = k0; k < k1; k++)
                {
                    Vector256<float> wv = Vector256.Create(weights.Get(k));
                    float* xr = x + ((long)idx[k] * stride) + off;
                    a0 = Fma.MultiplyAdd(Vector256.Load(xr), wv, a0);
                    a1 = Fma.MultiplyAdd(Vector256.Load(xr + V), wv, a1);
                    a2 = Fma.MultiplyAdd(Vector256.Load(xr + (2 * V)), wv, a2);
                    a3 = Fma.MultiplyAdd(Vector256.Load(xr + (3 * V)), wv, a3);
                    a4 = Fma.MultiplyAdd(Vector256.Load(xr + (4 * V)), wv, a4);
                    a5 = Fma.MultiplyAdd(Vector256.Load(xr + (5 * V)), wv, a5);
                    a6 = Fma.MultiplyAdd(Vector256.Load(xr + (6 * V)), wv, a6);
                    a7 = Fma.MultiplyAdd(Vector256.Load(xr + (7 * V)), wv, a7);
                }

                float* yo = yr + off;
                a0.Store(yo);
                a1.Store(yo + V);
                a2.Store(yo + (2 * V));
                a3.Store(yo + (3 * V));
                a4.Store(yo + (4 * V));
                a5.Store(yo + (5 * V));
                a6.Store(yo + (6 * V));
                a7.Store(yo + (7 * V));
            }

            for (; off < stride; off += V)
            {
                Vector256<float> a0 = init;
                for (int k = k0; k < k1; k++)
                {
                    a0 = Fma.MultiplyAdd(Vector256.Load(x + ((long)idx[k] * stride) + off), Vector256.Create(weights.Get(k)), a0);
                }

                a0.Store(yr + off);
            }
        }
    }

    private static unsafe void GatherAccumulateScalar<TWeights>(int* ptr, int* idx, TWeights weights, float* bias, float* x, float* y, int stride, int start, int end)
        where TWeights : struct, IWeightSource
    {
        for (int r = start; r < end; r++)
        {
            float* yr = y + ((long)r * stride);
            float init = bias is null ? 0f : bias[r];
            for (int b = 0; b < stride; b++)
            {
                yr[b] = init;
            }

            for (int k = ptr[r]; k < ptr[r + 1]; k++)
            {
                float wk = weights.Get(k);
                float* xr = x + ((long)idx[k] * stride);
                for (int b = 0; b < stride; b++)
                {
                    yr[b] += wk * xr[b];
                }
            }
        }
    }

    private static unsafe void SddmmAvx512(int* ptr, int* idx, float* dy, float* x, float* g, int stride, int start, int end)
    {
        const int V = 16;
        for (int r = start; r < end; r++)
        {
            int k0 = ptr[r];
            int k1 = ptr[r + 1];
            float* dr = dy + ((long)r * stride);
            for (int k = k0; k < k1; k++)
            {
                g[k] = 0;
            }

            int off = 0;
            for (; off + (8 * V) <= stride; off += 8 * V)
            {
                Vector512<float> d0 = Vector512.Load(dr + off), d1 = Vector512.Load(dr + off + V), d2 = Vector512.Load(dr + off + (2 * V)), d3 = Vector512.Load(dr + off + (3 * V));
                Vector512<float> d4 = Vector512.Load(dr + off + (4 * V)), d5 = Vector512.Load(dr + off + (5 * V)), d6 = Vector512.Load(dr + off + (6 * V)), d7 = Vector512.Load(dr + off + (7 * V));
                for (int k = k0; k < k1; k++)
                {
                    float* xr = x + ((long)idx[k] * stride) + off;
                    Vector512<float> s0 = Avx512F.Multiply(d0, Vector512.Load(xr));
                    Vector512<float> s1 = Avx512F.Multiply(d1, Vector512.Load(xr + V));
                    s0 = Avx512F.FusedMultiplyAdd(d2, Vector512.Load(xr + (2 * V)), s0);
                    s1 = Avx512F.FusedMultiplyAdd(d3, Vector512.Load(xr + (3 * V)), s1);
                    s0 = Avx512F.FusedMultiplyAdd(d4, Vector512.Load(xr + (4 * V)), s0);
                    s1 = Avx512F.FusedMultiplyAdd(d5, Vector512.Load(xr + (5 * V)), s1);
                    s0 = Avx512F.FusedMultiplyAdd(d6, Vector512.Load(xr + (6 * V)), s0);
                    s1 = Avx512F.FusedMultiplyAdd(d7, Vector512.Load(xr + (7 * V)), s1);
                    g[k] += Vector512.Sum(s0 + s1);
                }
            }

            // 1 to 7 vectors left: the deltas stay in registers and each connection is reduced once.
            switch ((stride - off) / V)
            {
                case 1: SddmmTailAvx512<One>(k0, k1, idx, dr + off, x + off, g, stride); break;
                case 2: SddmmTailAvx512<Two>(k0, k1, idx, dr + off, x + off, g, stride); break;
                case 3: SddmmTailAvx512<Three>(k0, k1, idx, dr + off, x + off, g, stride); break;
                case 4: SddmmTailAvx512<Four>(k0, k1, idx, dr + off, x + off, g, stride); break;
                case 5: SddmmTailAvx512<Five>(k0, k1, idx, dr + off, x + off, g, stride); break;
                case 6: SddmmTailAvx512<Six>(k0, k1, idx, dr + off, x + off, g, stride); break;
                case 7: SddmmTailAvx512<Seven>(k0, k1, idx, dr + off, x + off, g, stride); break;
                default: break;
            }
        }
    }

    /// <summary>Y[r, 0..N·16) of one row in a single pass over its connections, N = <typeparamref name="TCount"/> accumulators (3 ≤ N ≤ 7; the JIT drops the unused ones).</summary>
    private static unsafe void GatherTailAvx512<TWeights, TCount>(int k0, int k1, int* idx, TWeights weights, Vector512<float> init, float* x, float* yo, int stride)
        where TWeights : struct, IWeightSource
        where TCount : struct, IVectorCount
    {
        const int V = 16;
        int n = TCount.Count;
        Vector512<float> a0 = init, a1 = init, a2 = init, a3 = init, a4 = init, a5 = init, a6 = init;
        for (int k = k0; k < k1; k++)
        {
            Vector512<float> wv = Vector512.Create(weights.Get(k));
            float* xr = x + ((long)idx[k] * stride);
            a0 = Avx512F.FusedMultiplyAdd(Vector512.Load(xr), wv, a0);
            a1 = Avx512F.FusedMultiplyAdd(Vector512.Load(xr + V), wv, a1);
            a2 = Avx512F.FusedMultiplyAdd(Vector512.Load(xr + (2 * V)), wv, a2);
            if (n > 3)
            {
                a3 = Avx512F.FusedMultiplyAdd(Vector512.Load(xr + (3 * V)), wv, a3);
            }

            if (n > 4)
            {
                a4 = Avx512F.FusedMultiplyAdd(Vector512.Load(xr + (4 * V)), wv, a4);
            }

            if (n > 5)
            {
                a5 = Avx512F.FusedMultiplyAdd(Vector512.Load(xr + (5 * V)), wv, a5);
            }

            if (n > 6)
            {
                a6 = Avx512F.FusedMultiplyAdd(Vector512.Load(xr + (6 * V)), wv, a6);
            }
        }

        a0.Store(yo);
        a1.Store(yo + V);
        a2.Store(yo + (2 * V));
        if (n > 3)
        {
            a3.Store(yo + (3 * V));
        }

        if (n > 4)
        {
            a4.Store(yo + (4 * V));
        }

        if (n > 5)
        {
            a5.Store(yo + (5 * V));
        }

        if (n > 6)
        {
            a6.Store(yo + (6 * V));
        }
    }

    /// <summary>G[k] += Σ over N·16 columns of dY[r]·X[c_k] for one row's connections, N = <typeparamref name="TCount"/> (1 ≤ N ≤ 7), dY held in registers.</summary>
    private static unsafe void SddmmTailAvx512<TCount>(int k0, int k1, int* idx, float* dr, float* x, float* g, int stride)
        where TCount : struct, IVectorCount
    {
        const int V = 16;
        int n = TCount.Count;
        Vector512<float> d0 = Vector512.Load(dr);
        Vector512<float> d1 = n > 1 ? Vector512.Load(dr + V) : default;
        Vector512<float> d2 = n > 2 ? Vector512.Load(dr + (2 * V)) : default;
        Vector512<float> d3 = n > 3 ? Vector512.Load(dr + (3 * V)) : default;
        Vector512<float> d4 = n > 4 ? Vector512.Load(dr + (4 * V)) : default;
        Vector512<float> d5 = n > 5 ? Vector512.Load(dr + (5 * V)) : default;
        Vector512<float> d6 = n > 6 ? Vector512.Load(dr + (6 * V)) : default;
        for (int k = k0; k < k1; k++)
        {
            float* xr = x + ((long)idx[k] * stride);
            Vector512<float> s0 = Avx512F.Multiply(d0, Vector512.Load(xr));
            Vector512<float> s1 = n > 1 ? Avx512F.Multiply(d1, Vector512.Load(xr + V)) : Vector512<float>.Zero;
            if (n > 2)
            {
                s0 = Avx512F.FusedMultiplyAdd(d2, Vector512.Load(xr + (2 * V)), s0);
            }

            if (n > 3)
            {
                s1 = Avx512F.FusedMultiplyAdd(d3, Vector512.Load(xr + (3 * V)), s1);
            }

            if (n > 4)
            {
                s0 = Avx512F.FusedMultiplyAdd(d4, Vector512.Load(xr + (4 * V)), s0);
            }

            if (n > 5)
            {
                s1 = Avx512F.FusedMultiplyAdd(d5, Vector512.Load(xr + (5 * V)), s1);
            }

            if (n > 6)
            {
                s0 = Avx512F.FusedMultiplyAdd(d6, Vector512.Load(xr + (6 * V)), s0);
            }

            g[k] += Vector512.Sum(s0 + s1);
        }
    }

    private static unsafe void SddmmAvx2(int* ptr, int* idx, float* dy, float* x, float* g, int stride, int start, int end)
    {
        const int V = 8;
        for (int r = start; r < end; r++)
        {
            int k0 = ptr[r];
            int k1 = ptr[r + 1];
            float* dr = dy + ((long)r * stride);
            for (int k = k0; k < k1; k++)
            {
                g[k] = 0;
            }

            int off = 0;
            for (; off + (4 * V) <= stride; off += 4 * V)
            {
                Vector256<float> d0 = Vector256.Load(dr + off), d1 = Vector256.Load(dr + off + V), d2 = Vector256.Load(dr + off + (2 * V)), d3 = Vector256.Load(dr + off + (3 * V));
                for (int k = k0; k < k1; k++)
                {
                    float* xr = x + ((long)idx[k] * stride) + off;
                    Vector256<float> s0 = Avx.Multiply(d0, Vector256.Load(xr));
                    Vector256<float> s1 = Avx.Multiply(d1, Vector256.Load(xr + V));
                    s0 = Fma.MultiplyAdd(d2, Vector256.Load(xr + (2 * V)), s0);
                    s1 = Fma.MultiplyAdd(d3, Vector256.Load(xr + (3 * V)), s1);
                    g[k] += Vector256.Sum(s0 + s1);
                }
            }

            if (off < stride)
            {
                // Tail shorter than a full block: accumulate it in two vectors and reduce once per connection.
                int tail = off;
                for (int k = k0; k < k1; k++)
                {
                    float* xr = x + ((long)idx[k] * stride);
                    Vector256<float> s0 = Vector256<float>.Zero, s1 = Vector256<float>.Zero;
                    int o = tail;
                    for (; o + V < stride; o += 2 * V)
                    {
                        s0 = Fma.MultiplyAdd(Vector256.Load(dr + o), Vector256.Load(xr + o), s0);
                        s1 = Fma.MultiplyAdd(Vector256.Load(dr + o + V), Vector256.Load(xr + o + V), s1);
                    }

                    if (o < stride)
                    {
                        s0 = Fma.MultiplyAdd(Vector256.Load(dr + o), Vector256.Load(xr + o), s0);
                    }

                    g[k] += Vector256.Sum(s0 + s1);
                }
            }
        }
    }

    private static unsafe void SddmmScalar(int* ptr, int* idx, float* dy, float* x, float* g, int stride, int start, int end)
    {
        for (int r = start; r < end; r++)
        {
            float* dr = dy + ((long)r * stride);
            for (int k = ptr[r]; k < ptr[r + 1]; k++)
            {
                float* xr = x + ((long)idx[k] * stride);
                float sum = 0;
                for (int b = 0; b < stride; b++)
                {
                    sum += dr[b] * xr[b];
                }

                g[k] = sum;
            }
        }
    }

    /// <summary>A vector count known to the JIT, so a generic tail kernel compiles to straight-line code for exactly that many accumulators.</summary>
    private interface IVectorCount
    {
        static abstract int Count { get; }
    }

    private readonly struct One : IVectorCount
    {
        public static int Count => 1;
    }

    private readonly struct Two : IVectorCount
    {
        public static int Count => 2;
    }

    private readonly struct Three : IVectorCount
    {
        public static int Count => 3;
    }

    private readonly struct Four : IVectorCount
    {
        public static int Count => 4;
    }

    private readonly struct Five : IVectorCount
    {
        public static int Count => 5;
    }

    private readonly struct Six : IVectorCount
    {
        public static int Count => 6;
    }

    private readonly struct Seven : IVectorCount
    {
        public static int Count => 7;
    }

    /// <summary>Where a kernel reads the weight of its k-th connection: directly (CSR order) or through the transposed index's map to CSR.</summary>
    private interface IWeightSource
    {
        float Get(int k);
    }

    private readonly unsafe struct DirectWeights(float* values) : IWeightSource
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public float Get(int k) => values[k];
    }

    private readonly unsafe struct MappedWeights(float* values, int* map) : IWeightSource
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public float Get(int k) => values[map[k]];
    }
}
