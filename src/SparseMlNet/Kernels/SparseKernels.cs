using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
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
/// A block of 8 accumulators (128 floats with Vector512, 64 with Vector256, 32 with Vector128) stays in registers while a row's connections stream through.</para>
/// <para>One loop per kernel shape, written once over a vector width (<see cref="IWidth{TVector}"/>, the System.Numerics.Tensors operator pattern):
/// the JIT compiles it once per width, Vector512 (AVX-512F), Vector256 (AVX2+FMA), Vector128 (FMA or ARM64 AdvSIMD) and scalar.
/// The public entries validate every length once and pick the widest width the CPU supports.
/// <see cref="SparseKernelsReference"/> is the scalar specification every width is tested against;
/// set <c>DOTNET_EnableHWIntrinsic=0</c> to force the scalar path.</para>
/// </remarks>
internal static class SparseKernels
{
    /// <summary>Activation row strides are multiples of this many floats (one 512-bit vector).</summary>
    public const int StrideAlignment = 16;

    /// <summary>
    /// Widest vector path the kernels may use: 512 (AVX-512F), 256 (AVX2+FMA), 128 (FMA or ARM64 AdvSIMD) or 0 (scalar). Defaults to the widest the CPU supports;
    /// tests lower it to check every path against <see cref="SparseKernelsReference"/> on one machine.
    /// </summary>
    internal static int MaxVectorBits { get; set; } = 512;

    private static bool UseVector512 => MaxVectorBits >= 512 && Avx512F.IsSupported;

    private static bool UseVector256 => MaxVectorBits >= 256 && Fma.IsSupported && Avx2.IsSupported;

    private static bool UseVector128 => MaxVectorBits >= 128 && (Fma.IsSupported || AdvSimd.IsSupported);

    /// <summary>Width in bits of the path the kernels run now (512, 256, 128, or 0 for scalar): the widest the CPU supports, at most <see cref="MaxVectorBits"/>.</summary>
    internal static int ActiveVectorBits => UseVector512 ? 512 : UseVector256 ? 256 : UseVector128 ? 128 : 0;

    /// <summary>Whether <see cref="Spmm"/> accumulates with fused multiply-adds (its vector paths) rather than separate ones (scalar path).</summary>
    internal static bool FusedAccumulation => UseVector512 || UseVector256 || UseVector128;

    /// <summary>Rounds a batch size up to a valid stride.</summary>
    public static int StrideFor(int batch) => (batch + StrideAlignment - 1) / StrideAlignment * StrideAlignment;

    /// <summary>Forward for output rows [rowStart, rowEnd): Y[r, :] = bias[r] + Σ_k W[k]·X[c_k, :].</summary>
    /// <exception cref="ArgumentOutOfRangeException">The stride is not a positive multiple of <see cref="StrideAlignment"/>, or the row range is not within the matrix.</exception>
    /// <exception cref="ArgumentException">A span is shorter than the matrix and stride require (bias: rows; x: columns·stride; y: rowEnd·stride).</exception>
    public static unsafe void Spmm(SparseMatrix w, ReadOnlySpan<float> bias, ReadOnlySpan<float> x, Span<float> y, int stride, int rowStart, int rowEnd)
    {
        ArgumentNullException.ThrowIfNull(w);
        CheckStride(stride);
        CheckRange(rowStart, rowEnd, w.Rows, nameof(rowStart), nameof(rowEnd));
        CheckLength(bias.Length, w.Rows, nameof(bias));
        CheckLength(x.Length, (long)w.Columns * stride, nameof(x));
        CheckLength(y.Length, (long)rowEnd * stride, nameof(y));
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
    /// <exception cref="ArgumentOutOfRangeException">The stride is not a positive multiple of <see cref="StrideAlignment"/>, or the column range is not within the matrix.</exception>
    /// <exception cref="ArgumentException">A span is shorter than the matrix and stride require (dy: rows·stride; dx: columnEnd·stride).</exception>
    public static unsafe void SpmmTransposed(SparseMatrix w, ReadOnlySpan<float> dy, Span<float> dx, int stride, int columnStart, int columnEnd)
    {
        ArgumentNullException.ThrowIfNull(w);
        CheckStride(stride);
        CheckRange(columnStart, columnEnd, w.Columns, nameof(columnStart), nameof(columnEnd));
        CheckLength(dy.Length, (long)w.Rows * stride, nameof(dy));
        CheckLength(dx.Length, (long)columnEnd * stride, nameof(dx));
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
    /// <exception cref="ArgumentOutOfRangeException">The stride is not a positive multiple of <see cref="StrideAlignment"/>, or the row range is not within the matrix.</exception>
    /// <exception cref="ArgumentException">A span is shorter than the matrix and stride require (dy: rowEnd·stride; x: columns·stride; gradient: nnz).</exception>
    public static unsafe void Sddmm(SparseMatrix w, ReadOnlySpan<float> dy, ReadOnlySpan<float> x, Span<float> gradient, int stride, int rowStart, int rowEnd)
    {
        ArgumentNullException.ThrowIfNull(w);
        CheckStride(stride);
        CheckRange(rowStart, rowEnd, w.Rows, nameof(rowStart), nameof(rowEnd));
        CheckLength(dy.Length, (long)rowEnd * stride, nameof(dy));
        CheckLength(x.Length, (long)w.Columns * stride, nameof(x));
        CheckLength(gradient.Length, w.Nnz, nameof(gradient));
        fixed (int* ptr = w.RowPointers)
        fixed (int* idx = w.ColumnIndices)
        fixed (float* pdy = dy)
        fixed (float* px = x)
        fixed (float* pg = gradient)
        {
            if (UseVector512)
            {
                Sddmm<Width512, Vector512<float>>(ptr, idx, pdy, px, pg, stride, rowStart, rowEnd);
            }
            else if (UseVector256)
            {
                Sddmm<Width256, Vector256<float>>(ptr, idx, pdy, px, pg, stride, rowStart, rowEnd);
            }
            else if (UseVector128)
            {
                Sddmm<Width128, Vector128<float>>(ptr, idx, pdy, px, pg, stride, rowStart, rowEnd);
            }
            else
            {
                Sddmm<WidthScalar, float>(ptr, idx, pdy, px, pg, stride, rowStart, rowEnd);
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

    private static void CheckRange(int start, int end, int count, string startName, string endName)
    {
        if (start < 0 || start > count)
        {
            throw new ArgumentOutOfRangeException(startName, start, $"The range must start within [0, {count}].");
        }

        if (end < start || end > count)
        {
            throw new ArgumentOutOfRangeException(endName, end, $"The range must end within [{start}, {count}].");
        }
    }

    private static void CheckLength(int length, long required, string name)
    {
        if (length < required)
        {
            throw new ArgumentException($"The span holds {length} floats; the matrix and stride require at least {required}.", name);
        }
    }

    private static unsafe void GatherAccumulate<TWeights>(int* ptr, int* idx, TWeights weights, float* bias, float* x, float* y, int stride, int start, int end)
        where TWeights : struct, IWeightSource
    {
        if (UseVector512)
        {
            GatherAccumulate<Width512, Vector512<float>, TWeights>(ptr, idx, weights, bias, x, y, stride, start, end);
        }
        else if (UseVector256)
        {
            GatherAccumulate<Width256, Vector256<float>, TWeights>(ptr, idx, weights, bias, x, y, stride, start, end);
        }
        else if (UseVector128)
        {
            GatherAccumulate<Width128, Vector128<float>, TWeights>(ptr, idx, weights, bias, x, y, stride, start, end);
        }
        else
        {
            GatherAccumulate<WidthScalar, float, TWeights>(ptr, idx, weights, bias, x, y, stride, start, end);
        }
    }

    /// <summary>Y[r, :] = init_r + Σ_k w_k·X[idx_k, :] for r in [start, end), one per-column chain in connection order (the forward and backward shape).</summary>
    private static unsafe void GatherAccumulate<TWidth, TVector, TWeights>(int* ptr, int* idx, TWeights weights, float* bias, float* x, float* y, int stride, int start, int end)
        where TWidth : struct, IWidth<TVector>
        where TVector : struct
        where TWeights : struct, IWeightSource
    {
        int v = TWidth.Count;
        for (int r = start; r < end; r++)
        {
            int k0 = ptr[r];
            int k1 = ptr[r + 1];
            TVector init = bias is null ? TWidth.Zero : TWidth.Create(bias[r]);
            float* yr = y + ((long)r * stride);
            int off = 0;
            for (; off + (8 * v) <= stride; off += 8 * v)
            {
                TVector a0 = init, a1 = init, a2 = init, a3 = init, a4 = init, a5 = init, a6 = init, a7 = init;
                for (int k = k0; k < k1; k++)
                {
                    TVector wv = TWidth.Create(weights.Get(k));
                    float* xr = x + ((long)idx[k] * stride) + off;
                    a0 = TWidth.MultiplyAdd(TWidth.Load(xr), wv, a0);
                    a1 = TWidth.MultiplyAdd(TWidth.Load(xr + v), wv, a1);
                    a2 = TWidth.MultiplyAdd(TWidth.Load(xr + (2 * v)), wv, a2);
                    a3 = TWidth.MultiplyAdd(TWidth.Load(xr + (3 * v)), wv, a3);
                    a4 = TWidth.MultiplyAdd(TWidth.Load(xr + (4 * v)), wv, a4);
                    a5 = TWidth.MultiplyAdd(TWidth.Load(xr + (5 * v)), wv, a5);
                    a6 = TWidth.MultiplyAdd(TWidth.Load(xr + (6 * v)), wv, a6);
                    a7 = TWidth.MultiplyAdd(TWidth.Load(xr + (7 * v)), wv, a7);
                }

                float* yo = yr + off;
                TWidth.Store(a0, yo);
                TWidth.Store(a1, yo + v);
                TWidth.Store(a2, yo + (2 * v));
                TWidth.Store(a3, yo + (3 * v));
                TWidth.Store(a4, yo + (4 * v));
                TWidth.Store(a5, yo + (5 * v));
                TWidth.Store(a6, yo + (6 * v));
                TWidth.Store(a7, yo + (7 * v));
            }

            // 3 to 7 vectors left (batch 33..112 at Vector512): one pass over the row's connections with one accumulator per vector,
            // instead of a pass per 2 vectors (17% faster at stride 112, where the loop overhead per connection dominates).
            switch ((stride - off) / v)
            {
                case 3: GatherTail<TWidth, TVector, TWeights, Three>(k0, k1, idx, weights, init, x + off, yr + off, stride); off = stride; break;
                case 4: GatherTail<TWidth, TVector, TWeights, Four>(k0, k1, idx, weights, init, x + off, yr + off, stride); off = stride; break;
                case 5: GatherTail<TWidth, TVector, TWeights, Five>(k0, k1, idx, weights, init, x + off, yr + off, stride); off = stride; break;
                case 6: GatherTail<TWidth, TVector, TWeights, Six>(k0, k1, idx, weights, init, x + off, yr + off, stride); off = stride; break;
                case 7: GatherTail<TWidth, TVector, TWeights, Seven>(k0, k1, idx, weights, init, x + off, yr + off, stride); off = stride; break;
                default: break;
            }

            for (; off + (2 * v) <= stride; off += 2 * v)
            {
                // Two independent chains per connection pair hide the FMA latency on short tails.
                TVector a0 = init, a1 = init, b0 = TWidth.Zero, b1 = TWidth.Zero;
                int k = k0;
                for (; k + 1 < k1; k += 2)
                {
                    TVector w0 = TWidth.Create(weights.Get(k));
                    TVector w1 = TWidth.Create(weights.Get(k + 1));
                    float* x0 = x + ((long)idx[k] * stride) + off;
                    float* x1 = x + ((long)idx[k + 1] * stride) + off;
                    a0 = TWidth.MultiplyAdd(TWidth.Load(x0), w0, a0);
                    a1 = TWidth.MultiplyAdd(TWidth.Load(x0 + v), w0, a1);
                    b0 = TWidth.MultiplyAdd(TWidth.Load(x1), w1, b0);
                    b1 = TWidth.MultiplyAdd(TWidth.Load(x1 + v), w1, b1);
                }

                if (k < k1)
                {
                    TVector w0 = TWidth.Create(weights.Get(k));
                    float* x0 = x + ((long)idx[k] * stride) + off;
                    a0 = TWidth.MultiplyAdd(TWidth.Load(x0), w0, a0);
                    a1 = TWidth.MultiplyAdd(TWidth.Load(x0 + v), w0, a1);
                }

                TWidth.Store(TWidth.Add(a0, b0), yr + off);
                TWidth.Store(TWidth.Add(a1, b1), yr + off + v);
            }

            for (; off < stride; off += v)
            {
                TVector a0 = init;
                for (int k = k0; k < k1; k++)
                {
                    a0 = TWidth.MultiplyAdd(TWidth.Load(x + ((long)idx[k] * stride) + off), TWidth.Create(weights.Get(k)), a0);
                }

                TWidth.Store(a0, yr + off);
            }
        }
    }

    /// <summary>Y[r, 0..N·v) of one row in a single pass over its connections, N = <typeparamref name="TCount"/> accumulators (3 ≤ N ≤ 7; the JIT drops the unused ones).</summary>
    private static unsafe void GatherTail<TWidth, TVector, TWeights, TCount>(int k0, int k1, int* idx, TWeights weights, TVector init, float* x, float* yo, int stride)
        where TWidth : struct, IWidth<TVector>
        where TVector : struct
        where TWeights : struct, IWeightSource
        where TCount : struct, IVectorCount
    {
        int v = TWidth.Count;
        int n = TCount.Count;
        TVector a0 = init, a1 = init, a2 = init, a3 = init, a4 = init, a5 = init, a6 = init;
        for (int k = k0; k < k1; k++)
        {
            TVector wv = TWidth.Create(weights.Get(k));
            float* xr = x + ((long)idx[k] * stride);
            a0 = TWidth.MultiplyAdd(TWidth.Load(xr), wv, a0);
            a1 = TWidth.MultiplyAdd(TWidth.Load(xr + v), wv, a1);
            a2 = TWidth.MultiplyAdd(TWidth.Load(xr + (2 * v)), wv, a2);
            if (n > 3)
            {
                a3 = TWidth.MultiplyAdd(TWidth.Load(xr + (3 * v)), wv, a3);
            }

            if (n > 4)
            {
                a4 = TWidth.MultiplyAdd(TWidth.Load(xr + (4 * v)), wv, a4);
            }

            if (n > 5)
            {
                a5 = TWidth.MultiplyAdd(TWidth.Load(xr + (5 * v)), wv, a5);
            }

            if (n > 6)
            {
                a6 = TWidth.MultiplyAdd(TWidth.Load(xr + (6 * v)), wv, a6);
            }
        }

        TWidth.Store(a0, yo);
        TWidth.Store(a1, yo + v);
        TWidth.Store(a2, yo + (2 * v));
        if (n > 3)
        {
            TWidth.Store(a3, yo + (3 * v));
        }

        if (n > 4)
        {
            TWidth.Store(a4, yo + (4 * v));
        }

        if (n > 5)
        {
            TWidth.Store(a5, yo + (5 * v));
        }

        if (n > 6)
        {
            TWidth.Store(a6, yo + (6 * v));
        }
    }

    /// <summary>G[k] = Σ_b dY[r, b]·X[idx_k, b] for the connections of rows [start, end): 8 vectors of dY held in registers while the row's connections stream through.</summary>
    private static unsafe void Sddmm<TWidth, TVector>(int* ptr, int* idx, float* dy, float* x, float* g, int stride, int start, int end)
        where TWidth : struct, IWidth<TVector>
        where TVector : struct
    {
        int v = TWidth.Count;
        for (int r = start; r < end; r++)
        {
            int k0 = ptr[r];
            int k1 = ptr[r + 1];
            float* dr = dy + ((long)r * stride);
            if (stride >= 8 * v)
            {
                // The 8-vector chunks below accumulate into g; a stride of fewer than 8 vectors goes to the tail alone, which stores.
                for (int k = k0; k < k1; k++)
                {
                    g[k] = 0;
                }
            }

            int off = 0;
            for (; off + (8 * v) <= stride; off += 8 * v)
            {
                float* d = dr + off;
                TVector d0 = TWidth.Load(d), d1 = TWidth.Load(d + v), d2 = TWidth.Load(d + (2 * v)), d3 = TWidth.Load(d + (3 * v));
                TVector d4 = TWidth.Load(d + (4 * v)), d5 = TWidth.Load(d + (5 * v)), d6 = TWidth.Load(d + (6 * v)), d7 = TWidth.Load(d + (7 * v));
                for (int k = k0; k < k1; k++)
                {
                    float* xr = x + ((long)idx[k] * stride) + off;
                    TVector s0 = TWidth.Multiply(d0, TWidth.Load(xr));
                    TVector s1 = TWidth.Multiply(d1, TWidth.Load(xr + v));
                    s0 = TWidth.MultiplyAdd(d2, TWidth.Load(xr + (2 * v)), s0);
                    s1 = TWidth.MultiplyAdd(d3, TWidth.Load(xr + (3 * v)), s1);
                    s0 = TWidth.MultiplyAdd(d4, TWidth.Load(xr + (4 * v)), s0);
                    s1 = TWidth.MultiplyAdd(d5, TWidth.Load(xr + (5 * v)), s1);
                    s0 = TWidth.MultiplyAdd(d6, TWidth.Load(xr + (6 * v)), s0);
                    s1 = TWidth.MultiplyAdd(d7, TWidth.Load(xr + (7 * v)), s1);
                    g[k] += TWidth.Sum(TWidth.Add(s0, s1));
                }
            }

            // 1 to 7 vectors left: the deltas stay in registers and each connection is reduced once.
            switch ((stride - off) / v)
            {
                case 1: SddmmTail<TWidth, TVector, One>(k0, k1, idx, dr + off, x + off, g, stride, off > 0); break;
                case 2: SddmmTail<TWidth, TVector, Two>(k0, k1, idx, dr + off, x + off, g, stride, off > 0); break;
                case 3: SddmmTail<TWidth, TVector, Three>(k0, k1, idx, dr + off, x + off, g, stride, off > 0); break;
                case 4: SddmmTail<TWidth, TVector, Four>(k0, k1, idx, dr + off, x + off, g, stride, off > 0); break;
                case 5: SddmmTail<TWidth, TVector, Five>(k0, k1, idx, dr + off, x + off, g, stride, off > 0); break;
                case 6: SddmmTail<TWidth, TVector, Six>(k0, k1, idx, dr + off, x + off, g, stride, off > 0); break;
                case 7: SddmmTail<TWidth, TVector, Seven>(k0, k1, idx, dr + off, x + off, g, stride, off > 0); break;
                default: break;
            }
        }
    }

    /// <summary>
    /// G[k] += Σ over N·v columns of dY[r]·X[c_k] for one row's connections, N = <typeparamref name="TCount"/> (1 ≤ N ≤ 7), dY held in registers.
    /// Connections go four at a time through one <see cref="IWidth{TVector}.Sum4"/>: at batch 32 a connection is only two Vector512 products, and
    /// reducing each alone (four shuffle-and-add levels) cost more than the products; four reductions share the shuffles.
    /// With <c>accumulate</c> g already holds the sums of earlier columns and is added to; otherwise it is stored.
    /// </summary>
    private static unsafe void SddmmTail<TWidth, TVector, TCount>(int k0, int k1, int* idx, float* dr, float* x, float* g, int stride, bool accumulate)
        where TWidth : struct, IWidth<TVector>
        where TVector : struct
        where TCount : struct, IVectorCount
    {
        int v = TWidth.Count;
        int n = TCount.Count;
        TVector d0 = TWidth.Load(dr);
        TVector d1 = n > 1 ? TWidth.Load(dr + v) : TWidth.Zero;
        TVector d2 = n > 2 ? TWidth.Load(dr + (2 * v)) : TWidth.Zero;
        TVector d3 = n > 3 ? TWidth.Load(dr + (3 * v)) : TWidth.Zero;
        TVector d4 = n > 4 ? TWidth.Load(dr + (4 * v)) : TWidth.Zero;
        TVector d5 = n > 5 ? TWidth.Load(dr + (5 * v)) : TWidth.Zero;
        TVector d6 = n > 6 ? TWidth.Load(dr + (6 * v)) : TWidth.Zero;
        int k = k0;
        for (; k + 4 <= k1; k += 4)
        {
            TVector t0 = SddmmProducts<TWidth, TVector, TCount>(x + ((long)idx[k] * stride), d0, d1, d2, d3, d4, d5, d6);
            TVector t1 = SddmmProducts<TWidth, TVector, TCount>(x + ((long)idx[k + 1] * stride), d0, d1, d2, d3, d4, d5, d6);
            TVector t2 = SddmmProducts<TWidth, TVector, TCount>(x + ((long)idx[k + 2] * stride), d0, d1, d2, d3, d4, d5, d6);
            TVector t3 = SddmmProducts<TWidth, TVector, TCount>(x + ((long)idx[k + 3] * stride), d0, d1, d2, d3, d4, d5, d6);
            Vector128<float> sums = TWidth.Sum4(t0, t1, t2, t3);
            float* gk = g + k;
            (accumulate ? Vector128.Load(gk) + sums : sums).Store(gk);
        }

        for (; k < k1; k++)
        {
            float sum = TWidth.Sum(SddmmProducts<TWidth, TVector, TCount>(x + ((long)idx[k] * stride), d0, d1, d2, d3, d4, d5, d6));
            g[k] = accumulate ? g[k] + sum : sum;
        }
    }

    /// <summary>
    /// The lane-wise products dY[r]·X[c] of one connection over N vectors, folded into one vector by one FMA chain (the four connections of
    /// <see cref="SddmmTail{TWidth, TVector, TCount}"/> in flight are independent chains, which hides the FMA latency).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe TVector SddmmProducts<TWidth, TVector, TCount>(float* xr, TVector d0, TVector d1, TVector d2, TVector d3, TVector d4, TVector d5, TVector d6)
        where TWidth : struct, IWidth<TVector>
        where TVector : struct
        where TCount : struct, IVectorCount
    {
        int v = TWidth.Count;
        int n = TCount.Count;
        TVector s = TWidth.Multiply(d0, TWidth.Load(xr));
        if (n > 1)
        {
            s = TWidth.MultiplyAdd(d1, TWidth.Load(xr + v), s);
        }

        if (n > 2)
        {
            s = TWidth.MultiplyAdd(d2, TWidth.Load(xr + (2 * v)), s);
        }

        if (n > 3)
        {
            s = TWidth.MultiplyAdd(d3, TWidth.Load(xr + (3 * v)), s);
        }

        if (n > 4)
        {
            s = TWidth.MultiplyAdd(d4, TWidth.Load(xr + (4 * v)), s);
        }

        if (n > 5)
        {
            s = TWidth.MultiplyAdd(d5, TWidth.Load(xr + (5 * v)), s);
        }

        if (n > 6)
        {
            s = TWidth.MultiplyAdd(d6, TWidth.Load(xr + (6 * v)), s);
        }

        return s;
    }

    /// <summary>
    /// One vector width of the kernels' loops (the System.Numerics.Tensors operator pattern): a <c>readonly struct</c> of static members the JIT
    /// inlines, so every generic loop compiles to straight-line code for exactly that width.
    /// </summary>
    /// <typeparam name="TVector">The register type: <see cref="Vector512{T}"/>, <see cref="Vector256{T}"/>, <see cref="Vector128{T}"/> of float, or float itself.</typeparam>
    private interface IWidth<TVector>
        where TVector : struct
    {
        /// <summary>Gets the floats per register.</summary>
        static abstract int Count { get; }

        /// <summary>Gets the all-zero register.</summary>
        static abstract TVector Zero { get; }

        /// <summary>Every lane set to <paramref name="value"/>.</summary>
        static abstract TVector Create(float value);

        /// <summary>Loads <see cref="Count"/> floats from <paramref name="source"/> (no alignment required).</summary>
        static abstract unsafe TVector Load(float* source);

        /// <summary>Stores <see cref="Count"/> floats to <paramref name="destination"/>.</summary>
        static abstract unsafe void Store(TVector value, float* destination);

        /// <summary>Lane-wise sum.</summary>
        static abstract TVector Add(TVector left, TVector right);

        /// <summary>Lane-wise product.</summary>
        static abstract TVector Multiply(TVector left, TVector right);

        /// <summary>left·right + addend, fused (one rounding) on the vector widths, separate on the scalar width.</summary>
        static abstract TVector MultiplyAdd(TVector left, TVector right, TVector addend);

        /// <summary>Sum of the lanes.</summary>
        static abstract float Sum(TVector value);

        /// <summary>The lane sums of four registers, [Σa, Σb, Σc, Σd], with fewer shuffles than four <see cref="Sum"/>s.</summary>
        static abstract Vector128<float> Sum4(TVector a, TVector b, TVector c, TVector d);
    }

    private readonly struct Width512 : IWidth<Vector512<float>>
    {
        public static int Count => Vector512<float>.Count;

        public static Vector512<float> Zero => Vector512<float>.Zero;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<float> Create(float value) => Vector512.Create(value);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static unsafe Vector512<float> Load(float* source) => Vector512.Load(source);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static unsafe void Store(Vector512<float> value, float* destination) => value.Store(destination);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<float> Add(Vector512<float> left, Vector512<float> right) => left + right;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<float> Multiply(Vector512<float> left, Vector512<float> right) => left * right;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<float> MultiplyAdd(Vector512<float> left, Vector512<float> right, Vector512<float> addend) => Avx512F.FusedMultiplyAdd(left, right, addend);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static float Sum(Vector512<float> value) => Vector512.Sum(value);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector128<float> Sum4(Vector512<float> a, Vector512<float> b, Vector512<float> c, Vector512<float> d)
        {
            // Halve twice across 128-bit lanes: quarter j of w then holds four partial sums of input j; then sum within each lane.
            Vector512<float> ab = Avx512F.Shuffle4x128(a, b, 0b01_00_01_00) + Avx512F.Shuffle4x128(a, b, 0b11_10_11_10);
            Vector512<float> cd = Avx512F.Shuffle4x128(c, d, 0b01_00_01_00) + Avx512F.Shuffle4x128(c, d, 0b11_10_11_10);
            Vector512<float> w = Avx512F.Shuffle4x128(ab, cd, 0b10_00_10_00) + Avx512F.Shuffle4x128(ab, cd, 0b11_01_11_01);
            w += Avx512F.Permute4x32(w, 0b10_11_00_01);
            w += Avx512F.Permute4x32(w, 0b01_00_11_10);
            return Avx512F.PermuteVar16x32(w, Vector512.Create(0, 4, 8, 12, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)).GetLower().GetLower();
        }
    }

    private readonly struct Width256 : IWidth<Vector256<float>>
    {
        public static int Count => Vector256<float>.Count;

        public static Vector256<float> Zero => Vector256<float>.Zero;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<float> Create(float value) => Vector256.Create(value);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static unsafe Vector256<float> Load(float* source) => Vector256.Load(source);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static unsafe void Store(Vector256<float> value, float* destination) => value.Store(destination);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<float> Add(Vector256<float> left, Vector256<float> right) => left + right;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<float> Multiply(Vector256<float> left, Vector256<float> right) => left * right;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<float> MultiplyAdd(Vector256<float> left, Vector256<float> right, Vector256<float> addend) => Fma.MultiplyAdd(left, right, addend);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static float Sum(Vector256<float> value) => Vector256.Sum(value);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector128<float> Sum4(Vector256<float> a, Vector256<float> b, Vector256<float> c, Vector256<float> d)
        {
            // hadd(hadd(a, b), hadd(c, d)) = [a, b, c, d partial over lanes 0-3 | the same over lanes 4-7].
            Vector256<float> w = Avx.HorizontalAdd(Avx.HorizontalAdd(a, b), Avx.HorizontalAdd(c, d));
            return w.GetLower() + w.GetUpper();
        }
    }

    private readonly struct Width128 : IWidth<Vector128<float>>
    {
        public static int Count => Vector128<float>.Count;

        public static Vector128<float> Zero => Vector128<float>.Zero;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector128<float> Create(float value) => Vector128.Create(value);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static unsafe Vector128<float> Load(float* source) => Vector128.Load(source);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static unsafe void Store(Vector128<float> value, float* destination) => value.Store(destination);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector128<float> Add(Vector128<float> left, Vector128<float> right) => left + right;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector128<float> Multiply(Vector128<float> left, Vector128<float> right) => left * right;

        // The dispatcher selects this width only when one of the two instructions exists.
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector128<float> MultiplyAdd(Vector128<float> left, Vector128<float> right, Vector128<float> addend) =>
            Fma.IsSupported ? Fma.MultiplyAdd(left, right, addend) : AdvSimd.FusedMultiplyAdd(addend, left, right);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static float Sum(Vector128<float> value) => Vector128.Sum(value);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector128<float> Sum4(Vector128<float> a, Vector128<float> b, Vector128<float> c, Vector128<float> d)
        {
            if (Sse3.IsSupported)
            {
                return Sse3.HorizontalAdd(Sse3.HorizontalAdd(a, b), Sse3.HorizontalAdd(c, d));
            }

            if (AdvSimd.Arm64.IsSupported)
            {
                return AdvSimd.Arm64.AddPairwise(AdvSimd.Arm64.AddPairwise(a, b), AdvSimd.Arm64.AddPairwise(c, d));
            }

            return Vector128.Create(Vector128.Sum(a), Vector128.Sum(b), Vector128.Sum(c), Vector128.Sum(d));
        }
    }

    private readonly struct WidthScalar : IWidth<float>
    {
        public static int Count => 1;

        public static float Zero => 0f;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static float Create(float value) => value;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static unsafe float Load(float* source) => *source;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static unsafe void Store(float value, float* destination) => *destination = value;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static float Add(float left, float right) => left + right;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static float Multiply(float left, float right) => left * right;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static float MultiplyAdd(float left, float right, float addend) => (left * right) + addend;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static float Sum(float value) => value;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector128<float> Sum4(float a, float b, float c, float d) => Vector128.Create(a, b, c, d);
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
