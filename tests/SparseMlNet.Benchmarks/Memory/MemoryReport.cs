using System.Globalization;
using SparseMlNet.Benchmarks.Epochs;
using SparseMlNet.Data;
using SparseMlNet.Networks;
using SparseMlNet.Networks.Activations;
using SparseMlNet.Networks.Losses;
using SparseMlNet.Networks.Layers;
using SparseMlNet.Sparse;
using SparseMlNet.Training;

namespace SparseMlNet.Benchmarks.Memory;

/// <summary>
/// The <c>--memory</c> mode: shows that a sparse layer's memory is O(nnz + n_in + n_out), never O(n_in·n_out), by building a
/// 1,000,000 × 1,000,000 Erdős–Rényi layer at ε = 1 (about 2·10⁶ connections; dense it would need 4 TB of weights), and reports the bytes per
/// connection held while training the Fashion-MNIST network 784-1000-1000-1000-10.
/// </summary>
internal static class MemoryReport
{
    private const int HugeNeurons = 1_000_000;
    private const int DefaultSamples = 5000;
    private const double Mib = 1024 * 1024;

    public static void Run(ModeOptions options, TextWriter output)
    {
        output.WriteLine(EpochTable.Environment());
        output.WriteLine();
        HugeLayer(output);
        output.WriteLine();
        int samples = options.Samples ?? BenchmarkData.SamplesFromEnvironment(DefaultSamples);
        var (data, source) = BenchmarkData.Load(samples);
        output.WriteLine(Invariant($"## Memory held while training {data.FeatureCount}-{string.Join('-', BenchmarkData.HiddenLayers)}-{data.ClassCount} (batch {MlpTrainerOptions.Defaults.BatchSize})"));
        output.WriteLine(Invariant($"Data: {source} (in the baseline, not counted)"));
        output.WriteLine();
        output.WriteLine("| network | nnz | declared bytes/connection | declared total | live heap during training | of which O(neurons·batch) buffers | measured bytes/connection |");
        output.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
        foreach (var configuration in new[] { new EpochConfiguration(NetworkKind.Set, 20), new EpochConfiguration(NetworkKind.FixProb, 20), new EpochConfiguration(NetworkKind.Dense, 0) })
        {
            TrainingMemory(configuration, data, output);
        }

        output.WriteLine();
        output.WriteLine("Declared: Σ layer nnz × Layer.TrainingBytesPerConnection (weight, momentum, gradient and, for sparse layers, CSR column, CSC row and CSC→CSR map).");
        output.WriteLine("Live heap: managed heap after a full GC at the first mini-batch of training, minus the heap before training.");
        output.WriteLine("Measured bytes/connection: (live heap − the O(neurons·batch) activation, mask and delta buffers) / nnz; the remainder also holds biases and the 4-byte-per-sample shuffle order.");
    }

    private static void HugeLayer(TextWriter output)
    {
        const double epsilon = 1;
        GC.Collect();
        GC.WaitForPendingFinalizers();
        long heapBefore = GC.GetTotalMemory(forceFullCollection: true);
        long threadBefore = GC.GetAllocatedBytesForCurrentThread();
        long processBefore = GC.GetTotalAllocatedBytes(precise: true);
        var layer = SparseLayer.CreateErdosRenyi(HugeNeurons, HugeNeurons, epsilon, WeightInitialization.HeUniform, new Random(1));
        long threadAllocated = GC.GetAllocatedBytesForCurrentThread() - threadBefore;
        long processAllocated = GC.GetTotalAllocatedBytes(precise: true) - processBefore;
        long retained = GC.GetTotalMemory(forceFullCollection: true) - heapBefore;
        long nnz = layer.ConnectionCount;
        double denseBytes = (double)HugeNeurons * HugeNeurons * sizeof(float);
        long neurons = (long)layer.Inputs + layer.Outputs;

        // Per-neuron arrays of a sparse layer: CSR row pointers (n_out + 1) and CSC column pointers (n_in + 1) as int, biases and their momentum (n_out each) as float.
        long perNeuron = (sizeof(int) * (layer.Outputs + 1L)) + (sizeof(int) * (layer.Inputs + 1L)) + (2L * sizeof(float) * layer.Outputs);

        output.WriteLine(Invariant($"## A {HugeNeurons:N0} x {HugeNeurons:N0} sparse layer at ε = {epsilon:G}"));
        output.WriteLine();
        output.WriteLine("| quantity | value |");
        output.WriteLine("|---|---:|");
        output.WriteLine(Invariant($"| nnz | {nnz:N0} (expected ε(n_in + n_out) = {epsilon * neurons:N0}) |"));
        output.WriteLine(Invariant($"| density | {layer.Density:E2} |"));
        output.WriteLine(Invariant($"| bytes allocated while building (this thread) | {threadAllocated:N0} ({threadAllocated / Mib:F1} MiB) |"));
        output.WriteLine(Invariant($"| bytes allocated while building (whole process) | {processAllocated:N0} ({processAllocated / Mib:F1} MiB) |"));
        output.WriteLine(Invariant($"| bytes allocated per connection | {(double)processAllocated / nnz:F1} |"));
        output.WriteLine(Invariant($"| bytes retained after a full GC | {retained:N0} ({retained / Mib:F1} MiB) |"));
        output.WriteLine(Invariant($"| of which per-neuron arrays (row/column pointers, biases, bias momentum) | {perNeuron:N0} ({perNeuron / Mib:F1} MiB) |"));
        output.WriteLine(Invariant($"| retained bytes per connection, per-neuron arrays excluded | {(double)(retained - perNeuron) / nnz:F1} |"));
        output.WriteLine(Invariant($"| bytes per connection during training (Layer.TrainingBytesPerConnection) | {layer.TrainingBytesPerConnection} |"));
        output.WriteLine(Invariant($"| a dense n_in x n_out weight matrix alone would need | {denseBytes:N0} ({denseBytes / 1e12:F1} TB) |"));
        output.WriteLine();
        output.WriteLine("Retained per connection: weight, momentum, CSR column, CSC row and CSC→CSR map (4 bytes each); training adds the 4-byte gradient.");
        output.WriteLine("The rest of the allocation is transient (the sampling list and index-building buffers). Nothing has size n_in x n_out.");
        GC.KeepAlive(layer);
    }

    private static void TrainingMemory(EpochConfiguration configuration, Dataset data, TextWriter output)
    {
        long neuronBuffers = ActivationBufferBytes(configuration, data);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        long before = GC.GetTotalMemory(forceFullCollection: true);
        long during = 0;
        var trainer = new MlpTrainer(new MlpTrainerOptions
        {
            Kind = configuration.Kind,
            Epsilon = configuration.Kind == NetworkKind.Dense ? MlpTrainerOptions.Defaults.Epsilon : configuration.Epsilon,
            Epochs = 1,
        });
        trainer.BatchCompleted += (_, p) =>
        {
            if (p.Batch == 1)
            {
                during = GC.GetTotalMemory(forceFullCollection: true);
            }
        };
        MultilayerPerceptron network = trainer.Train(data);
        long nnz = network.ConnectionCount;
        long declared = network.Layers.Sum(l => l.ConnectionCount * l.TrainingBytesPerConnection);
        int perConnection = network.Layers[0].TrainingBytesPerConnection;
        long live = during - before;
        output.WriteLine(Invariant(
            $"| {configuration} | {nnz:N0} | {perConnection} | {declared / Mib:F1} MiB | {live / Mib:F1} MiB | {neuronBuffers / Mib:F1} MiB | {(double)(live - neuronBuffers) / nnz:F1} |"));
    }

    /// <summary>
    /// Bytes of the O(neurons · batch) training buffers (activations, pre-activations, dropout masks, deltas, bias gradients), measured by allocating
    /// the engine's mini-batch buffers for the same network and subtracting their per-connection weight-gradient arrays (4 bytes per connection).
    /// </summary>
    private static long ActivationBufferBytes(EpochConfiguration configuration, Dataset data)
    {
        int[] sizes = [data.FeatureCount, .. BenchmarkData.HiddenLayers, data.ClassCount];
        double epsilon = configuration.Kind == NetworkKind.Dense ? MlpTrainerOptions.Defaults.Epsilon : configuration.Epsilon;
        var network = MultilayerPerceptron.Create(
            configuration.Kind, sizes, epsilon, ActivationKind.Relu, ActivationKind.Identity, LossKind.SoftmaxCrossEntropy, MlpTrainerOptions.Defaults.Seed);
        long start = GC.GetAllocatedBytesForCurrentThread();
        var propagation = new Propagation(network, MlpTrainerOptions.Defaults.BatchSize, training: true);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - start;
        GC.KeepAlive(propagation);
        return allocated - (sizeof(float) * network.ConnectionCount);
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
