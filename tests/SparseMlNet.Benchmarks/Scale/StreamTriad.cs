using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Numerics.Tensors;
using SparseMlNet.Kernels;

namespace SparseMlNet.Benchmarks.Scale;

/// <summary>
/// A STREAM-style triad (McCalpin, "Memory bandwidth and machine balance", 1995): a[i] = b[i] + s·c[i] over three float arrays far larger
/// than the last-level cache, split over all cores, best of several repetitions. Bandwidth counts 12 bytes per element (read b and c, write a),
/// STREAM's convention (the write-allocate read of a is not counted).
/// </summary>
internal static class StreamTriad
{
    /// <summary>Elements per array: 2²⁵ floats = 128 MiB, 384 MiB for the three (a 32 MiB L3 holds under a tenth of one array).</summary>
    public const int DefaultElements = 1 << 25;

    /// <summary>Measures the triad.</summary>
    /// <param name="elements">Floats per array.</param>
    /// <param name="repetitions">Timed repetitions after one warm-up; the best counts.</param>
    /// <returns>The best bandwidth, bytes per second.</returns>
    public static double Measure(int elements = DefaultElements, int repetitions = 20)
    {
        var a = new float[elements];
        var b = new float[elements];
        var c = new float[elements];
        int[] parts = ParallelRanges.Even(elements, Environment.ProcessorCount);

        // First touch by the same partition that the timed loop uses, so every page is mapped before timing.
        ParallelRanges.Run(parts, (s, e) =>
        {
            b.AsSpan(s, e - s).Fill(1f);
            c.AsSpan(s, e - s).Fill(2f);
            a.AsSpan(s, e - s).Clear();
        });

        double best = double.MaxValue;
        for (int r = 0; r <= repetitions; r++)
        {
            var clock = Stopwatch.StartNew();
            ParallelRanges.Run(parts, (s, e) => TensorPrimitives.MultiplyAdd(c.AsSpan(s, e - s), 3f, b.AsSpan(s, e - s), a.AsSpan(s, e - s)));
            double seconds = clock.Elapsed.TotalSeconds;
            if (r > 0)
            {
                best = Math.Min(best, seconds);
            }
        }

        GC.KeepAlive(a);
        return 3.0 * sizeof(float) * elements / best;
    }
}

/// <summary>
/// Random-row gather bandwidth: the access pattern of the sparse kernels' inner loop (each connection reads one activation row of 4·S bytes
/// at a random row of a block far larger than the last-level cache), without their arithmetic: all cores sum rows picked by a random index
/// array. Bytes counted: the row and its 4-byte index per gather. With <c>hugePages</c> (Linux) the block is allocated natively and advised
/// MADV_HUGEPAGE, which shows how much of the gap to the triad is address translation (the GC heap uses 4 KiB pages when transparent huge
/// pages are in <c>madvise</c> mode).
/// </summary>
internal static unsafe class RandomGather
{
    private const int MadvHugePage = 14;

    /// <summary>Measures the gather.</summary>
    /// <param name="rowFloats">S, floats per row (the activation stride, a multiple of 16).</param>
    /// <param name="hugePages">Advise 2 MiB pages for the block (Linux only; ignored elsewhere).</param>
    /// <param name="blockBytes">Size of the block gathered from.</param>
    /// <param name="gathers">Rows gathered per repetition.</param>
    /// <param name="repetitions">Timed repetitions after one warm-up; the best counts.</param>
    /// <returns>The best bandwidth, bytes per second.</returns>
    public static double Measure(int rowFloats, bool hugePages, long blockBytes = 512L << 20, int gathers = 1 << 23, int repetitions = 10)
    {
        long rows = blockBytes / (4L * rowFloats);
        const long Alignment = 2L << 20;
        float* block = (float*)NativeMemory.AlignedAlloc((nuint)blockBytes, (nuint)Alignment);
        try
        {
            if (hugePages && OperatingSystem.IsLinux())
            {
                _ = Madvise((nint)block, (nuint)blockBytes, MadvHugePage);
            }

            new Span<float>(block, (int)(blockBytes / 4)).Fill(1f); // first touch after the advice, so the pages are faulted in as huge pages
            var random = new Random(7);
            var index = new int[gathers];
            for (int i = 0; i < gathers; i++)
            {
                index[i] = random.Next((int)rows);
            }

            int[] parts = ParallelRanges.Even(gathers, Environment.ProcessorCount);
            var sums = new float[parts.Length * 16];
            nint address = (nint)block;
            double best = double.MaxValue;
            for (int r = 0; r <= repetitions; r++)
            {
                var clock = Stopwatch.StartNew();
                Parallel.For(0, parts.Length - 1, p => sums[p * 16] = SumRows((float*)address, index, parts[p], parts[p + 1], rowFloats));
                double seconds = clock.Elapsed.TotalSeconds;
                if (r > 0)
                {
                    best = Math.Min(best, seconds);
                }
            }

            GC.KeepAlive(sums);
            return (double)gathers * ((4.0 * rowFloats) + sizeof(int)) / best;
        }
        finally
        {
            NativeMemory.AlignedFree(block);
        }
    }

    private static float SumRows(float* block, int[] index, int start, int end, int rowFloats)
    {
        var acc = Vector256<float>.Zero;
        for (int i = start; i < end; i++)
        {
            float* row = block + ((long)index[i] * rowFloats);
            for (int j = 0; j < rowFloats; j += Vector256<float>.Count)
            {
                acc += Vector256.Load(row + j);
            }
        }

        return Vector256.Sum(acc);
    }

    [DllImport("libc", EntryPoint = "madvise")]
    private static extern int Madvise(nint address, nuint length, int advice);
}
