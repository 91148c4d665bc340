using System.Diagnostics;
using SparseMlNet.Kernels;
using SparseMlNet.Networks;
using SparseMlNet.Networks.Layers;

namespace SparseMlNet.Benchmarks.Scale;

/// <summary>One sparse kernel's totals over a network's layers: flops done, seconds taken and the bytes its model says it must move.</summary>
/// <param name="Kernel">Spmm (forward), SpmmTransposed (backward to the inputs) or Sddmm (weight gradient).</param>
/// <param name="Flops">2 · connections · batch, summed over the layers timed.</param>
/// <param name="Seconds">Best time of one pass over those layers (each layer's best repetition, summed).</param>
/// <param name="Bytes">Bytes moved by the model of <see cref="KernelTiming"/>, summed over the layers.</param>
/// <param name="CpuSeconds">Best process CPU time of one pass divided by the core count: the wall time the pass would take on otherwise idle cores
/// (on a machine shared with other jobs, the wall time also counts the time the kernel's threads waited for a core).</param>
internal sealed record KernelResult(string Kernel, double Flops, double Seconds, double Bytes, double CpuSeconds)
{
    public double Gflops => Flops / Seconds / 1e9;

    public double CpuGflops => Flops / CpuSeconds / 1e9;

    /// <summary>The GFLOP/s the bandwidth allows at this kernel's flops per byte.</summary>
    public double BoundGflops(double bytesPerSecond) => bytesPerSecond * Flops / Bytes / 1e9;
}

/// <summary>
/// Times the three sparse kernels on a trained network's own layers, as training calls them (the layer's methods, on every core, nnz-balanced),
/// on random feature-major blocks of the training batch's stride, and counts the bytes each must move between memory and the cores under this
/// model (S = the stride in floats, so an activation row is 4·S bytes):
/// <list type="bullet">
/// <item>Spmm (forward, CSR rows): per connection the weight 4 B, its column index 4 B and the gathered input row; per output row the output row
/// 4·S B, its row pointer 4 B and its bias 4 B.</item>
/// <item>SpmmTransposed (backward, CSC columns): per connection the row index 4 B, the CSC→CSR map 4 B, the weight 4 B (read through the map) and
/// the gathered delta row; per input column the output row 4·S B and its column pointer 4 B. Timed on the layers training runs it on (not the first).</item>
/// <item>Sddmm (weight gradient, CSR rows): per connection the column index 4 B, the gathered input row and the gradient written 4 B;
/// per output row the delta row 4·S B and its row pointer 4 B.</item>
/// </list>
/// A gathered row costs 4·S B per connection when the block it is gathered from is larger than the last-level cache (it must come from memory
/// each time), and the block's size once per pass when the block fits (the first layer's 54,675-input block of 7 MB, the softmax layer's 18-row
/// delta block). Weights read through the map are counted at 4 B, not at the 64-B line a scattered read really fetches, so that bound is optimistic.
/// </summary>
internal static class KernelTiming
{
    /// <summary>The last-level cache in bytes: Linux sysfs (cpu0's highest cache index), else 32 MiB.</summary>
    public static long LastLevelCacheBytes { get; } = ReadLastLevelCache();

    /// <summary>Bytes a kernel reads of a gathered operand block of <paramref name="rows"/> rows over <paramref name="connections"/> gathers.</summary>
    public static double GatheredBytes(double connections, long rows, int stride)
    {
        double rowBytes = 4.0 * stride;
        return rows * rowBytes > LastLevelCacheBytes ? connections * rowBytes : rows * rowBytes;
    }

    public static IReadOnlyList<KernelResult> Measure(MultilayerPerceptron network, int batch, int repeats)
    {
        int stride = SparseKernels.StrideFor(batch);
        double forwardFlops = 0, forwardSeconds = 0, forwardBytes = 0, forwardCpu = 0;
        double backwardFlops = 0, backwardSeconds = 0, backwardBytes = 0, backwardCpu = 0;
        double gradientFlops = 0, gradientSeconds = 0, gradientBytes = 0, gradientCpu = 0;
        var random = new Random(1);
        for (int l = 0; l < network.Layers.Count; l++)
        {
            if (network.Layers[l] is not SparseLayer layer)
            {
                continue;
            }

            double nnz = layer.ConnectionCount;
            double flops = 2.0 * nnz * batch;
            float[] x = Block(layer.Inputs, stride, batch, random);
            float[] dy = Block(layer.Outputs, stride, batch, random);
            float[] y = new float[layer.Outputs * stride];
            float[] dx = new float[layer.Inputs * stride];
            float[] gradient = new float[layer.WeightArray.Length];
            float[] biasGradient = new float[layer.Outputs];

            forwardFlops += flops;
            forwardBytes += (nnz * 8) + GatheredBytes(nnz, layer.Inputs, stride) + (layer.Outputs * ((4.0 * stride) + 8));
            var (wall, cpu) = Best(repeats, () => layer.Forward(x, y, stride, null));
            forwardSeconds += wall;
            forwardCpu += cpu;

            gradientFlops += flops;
            gradientBytes += (nnz * 8) + GatheredBytes(nnz, layer.Inputs, stride) + (layer.Outputs * ((4.0 * stride) + 4));
            (wall, cpu) = Best(repeats, () => layer.Gradient(dy, x, gradient, biasGradient, stride));
            gradientSeconds += wall;
            gradientCpu += cpu;

            if (l > 0)
            {
                backwardFlops += flops;
                backwardBytes += (nnz * 12) + GatheredBytes(nnz, layer.Outputs, stride) + (layer.Inputs * ((4.0 * stride) + 4));
                (wall, cpu) = Best(repeats, () => layer.BackwardInput(dy, dx, stride, null));
                backwardSeconds += wall;
                backwardCpu += cpu;
            }
        }

        return
        [
            new KernelResult("Spmm", forwardFlops, forwardSeconds, forwardBytes, forwardCpu),
            new KernelResult("SpmmTransposed", backwardFlops, backwardSeconds, backwardBytes, backwardCpu),
            new KernelResult("Sddmm", gradientFlops, gradientSeconds, gradientBytes, gradientCpu),
        ];
    }

    private static long ReadLastLevelCache()
    {
        const long Fallback = 32L << 20;
        try
        {
            string root = "/sys/devices/system/cpu/cpu0/cache";
            if (!Directory.Exists(root))
            {
                return Fallback;
            }

            string? last = Directory.GetDirectories(root, "index*").OrderBy(d => int.Parse(Path.GetFileName(d)[5..], System.Globalization.CultureInfo.InvariantCulture)).LastOrDefault();
            string text = last is null ? "" : File.ReadAllText(Path.Combine(last, "size")).Trim();
            long scale = text.EndsWith('K') ? 1L << 10 : text.EndsWith('M') ? 1L << 20 : 1;
            return long.TryParse(text.TrimEnd('K', 'M'), System.Globalization.CultureInfo.InvariantCulture, out long value) ? value * scale : Fallback;
        }
        catch (IOException)
        {
            return Fallback;
        }
        catch (UnauthorizedAccessException)
        {
            return Fallback;
        }
    }

    /// <summary>The best wall time and the best process CPU time per core of <paramref name="repeats"/> timed calls after one warm-up call.</summary>
    private static (double Wall, double Cpu) Best(int repeats, Action pass)
    {
        pass();
        using var process = Process.GetCurrentProcess();
        double wall = double.MaxValue, cpu = double.MaxValue;
        for (int r = 0; r < repeats; r++)
        {
            process.Refresh();
            TimeSpan before = process.TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            pass();
            wall = Math.Min(wall, clock.Elapsed.TotalSeconds);
            process.Refresh();
            cpu = Math.Min(cpu, (process.TotalProcessorTime - before).TotalSeconds / Environment.ProcessorCount);
        }

        return (wall, cpu);
    }

    /// <summary>A feature-major block [rows, stride] with values in [−1, 1) in the first <paramref name="batch"/> columns and zero padding (the kernels' contract for deltas).</summary>
    private static float[] Block(int rows, int stride, int batch, Random random)
    {
        var block = new float[(long)rows * stride];
        for (int r = 0; r < rows; r++)
        {
            for (int b = 0; b < batch; b++)
            {
                block[((long)r * stride) + b] = (float)((2 * random.NextDouble()) - 1);
            }
        }

        return block;
    }
}
