namespace SparseMlNet.Kernels;

/// <summary>Splits index ranges into cost-balanced parts and runs a body on each part, one part per core.</summary>
internal static class ParallelRanges
{
    [ThreadStatic]
    private static bool t_serial;

    /// <summary>
    /// Runs <paramref name="body"/> with every <see cref="Run"/> on this thread executing its parts one after another, on this thread: for callers that
    /// already keep every core busy with independent work (QuickSelection's ensemble trains one run per core), where splitting each kernel again only adds
    /// synchronisation. The parts and their order are the same, so results are bit-identical.
    /// </summary>
    public static T Serially<T>(Func<T> body)
    {
        bool previous = t_serial;
        t_serial = true;
        try
        {
            return body();
        }
        finally
        {
            t_serial = previous;
        }
    }

    /// <summary>
    /// Partitions [0, n) into at most <paramref name="parts"/> contiguous ranges of about equal cost, where item i costs
    /// (offsets[i + 1] − offsets[i]) + <paramref name="itemOverhead"/> (for example a row's connections plus its fixed loop overhead).
    /// </summary>
    /// <returns>Range bounds: part p covers [bounds[p], bounds[p + 1]).</returns>
    public static int[] Balanced(ReadOnlySpan<int> offsets, int parts, int itemOverhead = 8)
    {
        int n = offsets.Length - 1;
        parts = Math.Max(1, Math.Min(parts, n));
        long total = (long)offsets[n] - offsets[0] + ((long)itemOverhead * n);
        var bounds = new int[parts + 1];
        int item = 0;
        for (int p = 1; p < parts; p++)
        {
            long target = total * p / parts;
            while (item < n && (long)offsets[item] - offsets[0] + ((long)itemOverhead * item) < target)
            {
                item++;
            }

            bounds[p] = item;
        }

        bounds[parts] = n;
        return bounds;
    }

    /// <summary>Partitions [0, n) into equal-length contiguous ranges.</summary>
    public static int[] Even(int n, int parts)
    {
        parts = Math.Max(1, Math.Min(parts, n));
        var bounds = new int[parts + 1];
        for (int p = 0; p <= parts; p++)
        {
            bounds[p] = (int)((long)n * p / parts);
        }

        return bounds;
    }

    /// <summary>Runs <paramref name="body"/>(start, end) on every range of <paramref name="bounds"/>, in parallel when there is more than one.</summary>
    public static void Run(int[] bounds, Action<int, int> body)
    {
        int parts = bounds.Length - 1;
        if (parts == 1)
        {
            body(bounds[0], bounds[1]);
            return;
        }

        if (t_serial)
        {
            for (int p = 0; p < parts; p++)
            {
                body(bounds[p], bounds[p + 1]);
            }

            return;
        }

        Parallel.For(0, parts, p => body(bounds[p], bounds[p + 1]));
    }
}
