using System.Globalization;
using SparseMlNet.Kernels;
using SparseMlNet.Networks;
using SparseMlNet.Networks.Activations;
using SparseMlNet.Sparse;

namespace SparseMlNet.Training;

/// <summary>
/// Estimates, before anything is allocated, the memory a network and its training buffers will take, and refuses a run that cannot fit,
/// so that an oversized layer (<c>--hidden 10000000</c>) fails at once with the figures instead of exhausting the machine.
/// </summary>
/// <remarks>
/// <para>The estimate, term by term (each one what the engine allocates, see the README's "Where the bytes go"):</para>
/// <list type="bullet">
/// <item>connections × 24 bytes (sparse: weight, momentum, gradient, CSR column, CSC row, CSC→CSR map; dense: 12) for every layer;</item>
/// <item>the largest layer's connections × 24 bytes again: the scratch of an evolution step (removal marks 1, sort keys 8, grown positions and
/// the set of drawn ones 28·ζ bytes per connection, ζ ≤ 0.5; kept between epochs), which also bounds the 8 bytes per connection the Erdős–Rényi sampler
/// holds while it builds a layer;</item>
/// <item>the mini-batch buffers [neurons, stride] of training: per hidden neuron 8 bytes per batch column under ReLU (activations and deltas),
/// 16 under the other activations (with pre-activations and dropout masks), 4 per input and 12 per output;</item>
/// <item>the two ping-pong buffers of evaluation, 2 × widest layer × 4 bytes per row of a pass (<c>NetworkPredictor.RowsPerPass</c>: at most
/// 64 MiB unless a pass of 16 rows needs more), and evaluation rows × outputs × 4 bytes of predictions.</item>
/// </list>
/// <para>Sparse connection counts are the Erdős–Rényi expectation p·n_in·n_out. The budget is
/// <see cref="GCMemoryInfo.TotalAvailableMemoryBytes"/> (physical memory, or the container or <c>DOTNET_GCHeapHardLimit</c> limit)
/// less the heap already in use (the loaded data). Measured against the peak working set of whole runs (<c>--memory-phases</c>), the
/// estimate plus the heap in use comes within about 10% above it (the runtime itself adds about 35 MB).</para>
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
    /// <param name="hiddenActivation">Activation of the hidden layers: ReLU needs half the batch buffers of the others.</param>
    /// <returns>Bytes, as a double so that absurd sizes do not overflow.</returns>
    public static double TrainingBytes(NetworkKind kind, IReadOnlyList<int> layerSizes, double epsilon, int batchSize, long evaluationRows, ActivationKind hiddenActivation = ActivationKind.Relu)
    {
        double connections = 0, largest = 0;
        int bytesPerConnection = kind == NetworkKind.Dense ? 12 : 24;
        for (int l = 1; l < layerSizes.Count; l++)
        {
            double all = (double)layerSizes[l - 1] * layerSizes[l];
            double layer = kind == NetworkKind.Dense ? all : all * ErdosRenyi.Probability(epsilon, layerSizes[l - 1], layerSizes[l]);
            connections += layer;
            largest = Math.Max(largest, layer);
        }

        double batchBuffers = BatchBufferBytes(layerSizes, batchSize, hiddenActivation);
        int widest = layerSizes.Max();
        double evaluation = evaluationRows == 0
            ? 0
            : (2.0 * sizeof(float) * widest * SparseKernels.StrideFor(NetworkPredictor.RowsPerPass(widest, (int)Math.Min(evaluationRows, int.MaxValue))))
              + ((double)evaluationRows * layerSizes[^1] * 4);
        return ((connections + largest) * bytesPerConnection) + batchBuffers + evaluation;
    }

    /// <summary>Bytes of one set of mini-batch buffers [neurons, stride] of a training pass over <paramref name="batchSize"/> rows (the third term of <see cref="TrainingBytes"/>).</summary>
    /// <param name="layerSizes">Neurons per layer, input first; each ≥ 1.</param>
    /// <param name="batchSize">Rows of the pass; ≥ 1.</param>
    /// <param name="hiddenActivation">Activation of the hidden layers: ReLU keeps no pre-activations or dropout masks.</param>
    /// <returns>Bytes.</returns>
    public static double BatchBufferBytes(IReadOnlyList<int> layerSizes, int batchSize, ActivationKind hiddenActivation = ActivationKind.Relu)
    {
        double hidden = 0;
        for (int l = 1; l < layerSizes.Count - 1; l++)
        {
            hidden += layerSizes[l];
        }

        double stride = SparseKernels.StrideFor(Math.Max(1, batchSize));
        double perHidden = hiddenActivation == ActivationKind.Relu ? 8 : 16;
        return ((hidden * perHidden) + (layerSizes[0] * 4.0) + (layerSizes[^1] * 12.0)) * stride;
    }

    /// <summary>Throws when <paramref name="bytes"/>, plus 10% and 64 MiB for the GC's free space and the runtime, exceed the memory available to this process.</summary>
    /// <param name="bytes">The estimate from <see cref="TrainingBytes"/>.</param>
    /// <param name="what">What needs the memory, for the message, for example "a SET MLP 64-1000-10".</param>
    /// <exception cref="InsufficientMemoryException">The estimate exceeds the available memory; the message gives both figures.</exception>
    public static void EnsureFits(double bytes, string what)
    {
        var info = GC.GetGCMemoryInfo();
        long total = AvailableBytesOverride ?? info.TotalAvailableMemoryBytes;
        long inUse = AvailableBytesOverride is null ? GC.GetTotalMemory(false) : 0;
        double free = total - inUse;

        // The peak working set of whole runs exceeds estimate + heap in use by up to ~10% (the GC's free space between large arrays) plus the
        // runtime's own ~35 MB (1M- and 10M-neuron runs, README "Where the bytes go"): refused on that margin, so that what passes fits.
        bytes = (bytes * 1.1) + RuntimeBytes;
        if (bytes > free)
        {
            throw new InsufficientMemoryException(string.Create(
                CultureInfo.InvariantCulture,
                $"Training {what} needs about {Gib(bytes)} (network, optimiser state and batch buffers), but only {Gib(free)} of the {Gib(total)} available " +
                $"to this process (GC TotalAvailableMemoryBytes) are free. Use smaller hidden layers, a lower epsilon or a smaller batch."));
        }
    }

    /// <summary>Memory of the runtime itself (code, stacks, GC bookkeeping) that is not managed heap.</summary>
    private const double RuntimeBytes = 64 << 20;

    private static string Gib(double bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1L << 30):0.###} GiB");
}
