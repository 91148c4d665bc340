using System.Globalization;
using SparseMlNet.Kernels;
using SparseMlNet.Networks;
using SparseMlNet.Sparse;

namespace SparseMlNet.Training;

/// <summary>
/// Estimates, before anything is allocated, the memory a network and its training buffers will take, and refuses a run that cannot fit,
/// so that an oversized layer (<c>--hidden 10000000</c>) fails at once with the figures instead of exhausting the machine.
/// </summary>
/// <remarks>
/// The estimate is connections × 24 bytes (sparse: weight, momentum, gradient, column index, transposed map; dense: 12) for every layer,
/// plus the same again for the largest layer (a SET evolution builds the new topology beside the old one), plus neurons × batch stride ×
/// 16 bytes for the forward and backward buffers of training and of evaluation, plus evaluation rows × outputs × 4 bytes of predictions.
/// Sparse connection counts are the Erdős–Rényi expectation p·n_in·n_out. The budget is
/// <see cref="GCMemoryInfo.TotalAvailableMemoryBytes"/> (physical memory, or the container or <c>DOTNET_GCHeapHardLimit</c> limit)
/// less the heap already in use (the loaded data).
/// </remarks>
internal static class MemoryEstimate
{
    private static readonly AsyncLocal<long?> BudgetOverride = new();

    /// <summary>For tests: replaces the available memory for the current asynchronous flow (null restores the real figure).</summary>
    internal static long? AvailableBytesOverride
    {
        get => BudgetOverride.Value;
        set => BudgetOverride.Value = value;
    }

    /// <summary>Estimated bytes to train a network of <paramref name="layerSizes"/>.</summary>
    /// <param name="kind">Sparse or dense layers.</param>
    /// <param name="layerSizes">Neurons per layer, input first; each ≥ 1.</param>
    /// <param name="epsilon">ε of the Erdős–Rényi initialisation (ignored by dense).</param>
    /// <param name="batchSize">Mini-batch size; ≥ 1.</param>
    /// <param name="evaluationRows">Rows scored after each epoch (0 for none).</param>
    /// <returns>Bytes, as a double so that absurd sizes do not overflow.</returns>
    public static double TrainingBytes(NetworkKind kind, IReadOnlyList<int> layerSizes, double epsilon, int batchSize, long evaluationRows)
    {
        double connections = 0, largest = 0, neurons = 0;
        int bytesPerConnection = kind == NetworkKind.Dense ? 12 : 24;
        for (int l = 1; l < layerSizes.Count; l++)
        {
            double all = (double)layerSizes[l - 1] * layerSizes[l];
            double layer = kind == NetworkKind.Dense ? all : all * ErdosRenyi.Probability(epsilon, layerSizes[l - 1], layerSizes[l]);
            connections += layer;
            largest = Math.Max(largest, layer);
        }

        foreach (int n in layerSizes)
        {
            neurons += n;
        }

        double stride = SparseKernels.StrideFor(Math.Max(1, batchSize));
        return ((connections + largest) * bytesPerConnection) + (neurons * stride * 16 * 2) + ((double)evaluationRows * layerSizes[^1] * 4);
    }

    /// <summary>Throws when <paramref name="bytes"/> exceed the memory available to this process.</summary>
    /// <param name="bytes">The estimate from <see cref="TrainingBytes"/>.</param>
    /// <param name="what">What needs the memory, for the message, for example "a SET MLP 64-1000-10".</param>
    /// <exception cref="InsufficientMemoryException">The estimate exceeds the available memory; the message gives both figures.</exception>
    public static void EnsureFits(double bytes, string what)
    {
        var info = GC.GetGCMemoryInfo();
        long total = AvailableBytesOverride ?? info.TotalAvailableMemoryBytes;
        long inUse = AvailableBytesOverride is null ? GC.GetTotalMemory(false) : 0;
        double free = total - inUse;
        if (bytes > free)
        {
            throw new InsufficientMemoryException(string.Create(
                CultureInfo.InvariantCulture,
                $"Training {what} needs about {Gib(bytes)} (network, optimiser state and batch buffers), but only {Gib(free)} of the {Gib(total)} available " +
                $"to this process (GC TotalAvailableMemoryBytes) are free. Use smaller hidden layers, a lower epsilon or a smaller batch."));
        }
    }

    private static string Gib(double bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1L << 30):0.###} GiB");
}
