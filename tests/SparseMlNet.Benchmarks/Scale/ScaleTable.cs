using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using SparseMlNet.Benchmarks.Epochs;

namespace SparseMlNet.Benchmarks.Scale;

/// <summary>
/// The <c>--scale-table</c> mode: SET-MLPs of about 0.1M, 1M and 10M neurons on synthetic microarray-shaped data, each in a child process
/// (its own peak working set, and a GC heap limit so that a size that does not fit fails with an exception, never by the kernel's OOM killer),
/// after a STREAM triad that gives the bandwidth bound of each sparse kernel.
/// </summary>
internal static class ScaleTable
{
    private const double Gib = 1L << 30;

    public static int Run(ScaleTableOptions o, TextWriter output)
    {
        long limit = o.MemoryLimitBytes ?? (long)(0.85 * AvailableBytes());
        output.WriteLine(Invariant($"Scale table: SET-MLP {o.Features}-(size/3 x 3)-{o.Classes}, ε = {o.Epsilon:G}, batch {o.BatchSize}, {o.Epochs} epochs, defaults otherwise"));
        output.WriteLine(Invariant(
            $"Data: SyntheticExpression, {o.TrainSamples} train + {o.TestSamples} test samples x {o.Features} features, {o.InformativeCount} informative (class means N(0, {o.Effect:G}²)), seed {o.Seed}"));
        output.WriteLine(EpochTable.Environment() + Invariant($", load average {ScaleRun.LoadAverage():F1} at start (1 minute; above the core count the timings include waiting for a core)"));
        Console.Error.WriteLine("measuring the STREAM triad ...");
        double bandwidth = StreamTriad.Measure();
        output.WriteLine(Invariant($"STREAM triad (a = b + s·c, 3 x {StreamTriad.DefaultElements * 4L >> 20} MiB float arrays, {Environment.ProcessorCount} cores, best of 20): {bandwidth / 1e9:F1} GB/s"));
        int stride = SparseMlNet.Kernels.SparseKernels.StrideFor(Math.Min(o.BatchSize, o.TrainSamples));
        Console.Error.WriteLine("measuring the random-row gather ...");
        double gather = RandomGather.Measure(stride, hugePages: false);
        double hugeGather = OperatingSystem.IsLinux() ? RandomGather.Measure(stride, hugePages: true) : double.NaN;
        output.WriteLine(Invariant(
            $"Random-row gather (rows of {4 * stride} B at random from a 512 MiB block, what the kernels' inner loop reads, {Environment.ProcessorCount} cores, best of 10): {gather / 1e9:F1} GB/s with 4 KiB pages ({gather / bandwidth:P0} of the triad), {hugeGather / 1e9:F1} GB/s with 2 MiB pages (madvise)"));
        output.WriteLine(Invariant($"Each size runs in a child process under a GC heap limit of {limit / Gib:F1} GiB (DOTNET_GCHeapHardLimit)."));
        output.WriteLine();

        var results = new List<ScaleResult>();
        double? bytesPerConnection = null;
        foreach (int size in o.Sizes)
        {
            int width = Math.Max(1, (int)Math.Round(size / 3.0));
            int[] layers = [o.Features, width, width, width, o.Classes];
            double connections = ScaleRun.ExpectedConnections(layers, o.Epsilon);
            if (bytesPerConnection is double measured && measured * connections > limit)
            {
                // Projected from the previous size's measured peak per connection: do not even start a run that would hit the limit.
                results.Add(new ScaleResult
                {
                    Size = size,
                    Width = width,
                    Neurons = layers.Sum(n => (long)n),
                    Connections = connections,
                    LimitBytes = limit,
                    Failure = Invariant(
                        $"refused: projected {measured * connections / Gib:F1} GiB ({measured:F0} bytes per connection measured at the previous size x {connections:N0} connections) exceeds the {limit / Gib:F1} GiB limit"),
                });
                Console.Error.WriteLine(Invariant($"[{ScaleRun.Label(size)}] {results[^1].Failure}"));
                continue;
            }

            ScaleResult result = RunChild(o, size, limit);
            results.Add(result);
            if (result.Failure is null && result.Connections > 0)
            {
                bytesPerConnection = result.PeakWorkingSetBytes / result.Connections;
            }
        }

        output.WriteLine("| hidden layers | neurons | connections | s/epoch | s/epoch per 1,000 samples | Spmm GFLOP/s (of bound) | SpmmTransposed GFLOP/s (of bound) | Sddmm GFLOP/s (of bound) | evolution s | peak working set | bytes/connection | test accuracy (chance) |");
        output.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var r in results)
        {
            string shape = Invariant($"3 x {r.Width:N0}");
            if (r.Failure is not null)
            {
                output.WriteLine(Invariant($"| {shape} | {r.Neurons:N0} | {r.Connections:N0} (expected) | {r.Failure.Replace("|", "/", StringComparison.Ordinal)} ||||||||"));
                continue;
            }

            string Kernel(string name)
            {
                var k = r.Kernels.FirstOrDefault(x => x.Kernel == name);
                return k is null || k.Seconds <= 0 ? "–" : Invariant($"{k.Gflops:F1} ({k.Gflops / k.BoundGflops(bandwidth):P0})");
            }

            output.WriteLine(Invariant(
                $"| {shape} | {r.Neurons:N0} | {r.Connections:N0} | {r.SecondsPerEpoch:F2} | {r.SecondsPerEpoch * 1000 / r.TrainSamples:F2} | {Kernel("Spmm")} | {Kernel("SpmmTransposed")} | {Kernel("Sddmm")} | {r.EvolutionSeconds:F2} | {r.PeakWorkingSetBytes / Gib:F2} GiB | {r.PeakWorkingSetBytes / r.Connections:F0} | {r.TestAccuracy:P1} ({r.Chance:P1}) |"));
        }

        output.WriteLine();
        output.WriteLine(Invariant($"s/epoch: median training seconds of epochs 2..{o.Epochs} ({o.TrainSamples} samples; forward, backward and update, no evaluation or evolution). Evolution: median over the epochs that evolved."));
        output.WriteLine("GFLOP/s: 2 flops per connection per sample, each kernel timed on the trained network's layers at the training batch (best of the repetitions, summed over layers; SpmmTransposed on every layer but the first, as in training).");
        output.WriteLine(Invariant(
            $"Bound: the triad's {bandwidth / 1e9:F1} GB/s x the kernel's flops per byte under KernelTiming's model: per connection Spmm 8 B, SpmmTransposed 12 B, Sddmm 8 B, plus the gathered row (4S B, S = stride) when its block exceeds the {KernelTiming.LastLevelCacheBytes >> 20} MiB last-level cache (else the block once), plus each output row once."));
        foreach (var r in results.Where(r => r.Failure is null && r.Kernels.Any(k => k.CpuSeconds > 0 && k.Seconds > 1.2 * k.CpuSeconds)))
        {
            // On a shared machine the wall time includes waiting for a core; the CPU time per core is what idle cores would take.
            output.WriteLine(Invariant(
                $"At {ScaleRun.Label(r.Size)} the kernels' wall times exceed their CPU time per core by more than 20% (other processes held the cores; load average then {r.LoadAverage:F1}); by CPU time: {string.Join(", ", r.Kernels.Select(k => Invariant($"{k.Kernel} {k.CpuGflops:F1} GFLOP/s ({k.CpuGflops / k.BoundGflops(bandwidth):P0} of the triad bound, {k.CpuGflops / k.BoundGflops(gather):P0} of the gather bound)")))}."));
        }

        foreach (var r in results.Where(r => r.Failure is null && r.Kernels.Count > 0))
        {
            output.WriteLine(Invariant(
                $"At {ScaleRun.Label(r.Size)}, wall-clock GFLOP/s against the gather bandwidth instead of the triad: {string.Join(", ", r.Kernels.Select(k => Invariant($"{k.Kernel} {k.Gflops / k.BoundGflops(gather):P0}")))}."));
        }

        output.WriteLine(Invariant($"Load average at the end: {ScaleRun.LoadAverage():F1}."));
        output.WriteLine("Peak working set: the child process's, after training (data, network, buffers and evaluation included). Bytes/connection = peak working set / connections.");
        foreach (var r in results.Where(r => r.Failure is null))
        {
            output.WriteLine(Invariant($"Training loss per epoch at {ScaleRun.Label(r.Size)}: {string.Join(", ", r.TrainLosses.Select(l => l.ToString("F3", CultureInfo.InvariantCulture)))}; the engine's memory estimate was {r.EstimateBytes / Gib:F2} GiB."));
        }

        return 0;
    }

    private static ScaleResult RunChild(ScaleTableOptions o, int size, long limit)
    {
        string host = Environment.ProcessPath ?? "dotnet";
        var start = new ProcessStartInfo(host) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(host) == "dotnet")
        {
            start.ArgumentList.Add(typeof(ScaleTable).Assembly.Location);
        }

        foreach (string argument in o.ChildArguments(size, limit))
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_GCHeapHardLimit"] = "0x" + limit.ToString("X", CultureInfo.InvariantCulture);
        using Process process = Process.Start(start)!;
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                Console.Error.WriteLine(e.Data);
            }
        };
        process.BeginErrorReadLine();
        string? line = null;
        while (process.StandardOutput.ReadLine() is { } read)
        {
            if (read.StartsWith(ScaleRun.ResultPrefix, StringComparison.Ordinal))
            {
                line = read[ScaleRun.ResultPrefix.Length..];
            }
        }

        process.WaitForExit();
        if (line is not null)
        {
            return JsonSerializer.Deserialize<ScaleResult>(line, ScaleRun.Json)!;
        }

        int width = Math.Max(1, (int)Math.Round(size / 3.0));
        int[] layers = [o.Features, width, width, width, o.Classes];
        return new ScaleResult
        {
            Size = size,
            Width = width,
            Neurons = layers.Sum(n => (long)n),
            Connections = ScaleRun.ExpectedConnections(layers, o.Epsilon),
            LimitBytes = limit,
            Failure = Invariant($"the child process exited with code {process.ExitCode} without a result"),
        };
    }

    /// <summary>MemAvailable of /proc/meminfo on Linux (what can be allocated without swapping out other processes), else the GC's total.</summary>
    private static double AvailableBytes()
    {
        try
        {
            foreach (string line in File.ReadLines("/proc/meminfo"))
            {
                if (line.StartsWith("MemAvailable:", StringComparison.Ordinal))
                {
                    string[] parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                    return double.Parse(parts[1], CultureInfo.InvariantCulture) * 1024;
                }
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }

        return GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
