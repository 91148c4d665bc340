using System.Diagnostics;
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
    public static double Measure(int elements = DefaultElements, int repetitions = 10)
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
