using SparseMlNet.FeatureSelection;
using SparseMlNet.Networks;
using SparseMlNet.Networks.Activations;
using SparseMlNet.Networks.Losses;
using SparseMlNet.Training;

namespace SparseMlNet.Tests.Training;

/// <summary>A network that cannot fit is refused before anything is allocated, with the estimate and the available memory.</summary>
public sealed class MemoryEstimateTests
{
    [Fact]
    public void Train_NetworkAboveTheAvailableMemory_ThrowsInsufficientMemoryWithBothFigures()
    {
        var (train, _) = TestNetworks.Digits;
        var options = new MlpTrainerOptions { Kind = NetworkKind.Dense, HiddenLayerSizes = [1024], Epochs = 1 };
        MemoryEstimate.AvailableBytesOverride = 1 << 20;
        try
        {
            var ex = Assert.Throws<InsufficientMemoryException>(() => new MlpTrainer(options).Train(train));
            Assert.Contains("Dense MLP 64-1024-10 needs about", ex.Message, StringComparison.Ordinal);
            Assert.Contains("of the 0.001 GiB available", ex.Message, StringComparison.Ordinal);
        }
        finally
        {
            MemoryEstimate.AvailableBytesOverride = null;
        }
    }

    [Fact]
    public void Train_HiddenTenMillion_IsRefusedWithoutAllocating()
    {
        var (train, _) = TestNetworks.Digits;
        var options = new MlpTrainerOptions { HiddenLayerSizes = [10_000_000, 10_000_000, 10_000_000], Epochs = 1 };
        long before = GC.GetTotalAllocatedBytes(precise: true);

        Assert.Throws<InsufficientMemoryException>(() => new MlpTrainer(options).Train(train));

        Assert.True(GC.GetTotalAllocatedBytes(precise: true) - before < 16 << 20, "the refusal comes before the network is allocated");
    }

    [Fact]
    public void QuickSelectionFit_HugeHiddenLayer_IsRefusedWithoutAllocating()
    {
        var (train, _) = TestNetworks.Digits;
        var selection = new QuickSelection(new QuickSelectionOptions { HiddenNeurons = 2_000_000_000, Epochs = 1, DropConstantFeatures = true });
        long before = GC.GetTotalAllocatedBytes(precise: true);

        var ex = Assert.Throws<InsufficientMemoryException>(() => selection.Fit(train.Features, train.FeatureCount, 5));

        Assert.Contains("QuickSelection autoencoder", ex.Message, StringComparison.Ordinal);
        Assert.True(GC.GetTotalAllocatedBytes(precise: true) - before < 64 << 20, "the refusal comes before the network is allocated");
    }

    [Fact]
    public void NeuroFSFit_GradientPassAboveTheAvailableMemory_IsRefusedNamingIt()
    {
        var (train, _) = TestNetworks.Digits;
        var options = new NeuroFSOptions { HiddenNeurons = 20, HiddenLayers = 1, Epsilon = 4, Epochs = 2, GradientSamples = 1_000_000 };
        float[] x = train.Features.ToArray();
        int d = Enumerable.Range(0, train.FeatureCount).Count(j => Enumerable.Range(0, train.Count).Any(r => x[(r * train.FeatureCount) + j] != x[j]));
        double small = MemoryEstimate.TrainingBytes(NetworkKind.Set, [d, 20, 10], 4, options.BatchSizeFor(train.Count), 0, ActivationKind.Tanh);
        double gradient = MemoryEstimate.BatchBufferBytes([d, 20, 10], train.Count, ActivationKind.Tanh);

        // Room for the training network but not for the full-data gradient pass: the refusal must count the gradient pass too.
        MemoryEstimate.AvailableBytesOverride = (long)(((small + (gradient / 2)) * 1.1) + (64 << 20));
        try
        {
            var ex = Assert.Throws<InsufficientMemoryException>(() => new NeuroFS(options).Fit(train, 5));
            Assert.Contains($"NeuroFS network {d}-20-10 with a gradient pass of {train.Count} rows", ex.Message, StringComparison.Ordinal);
        }
        finally
        {
            MemoryEstimate.AvailableBytesOverride = null;
        }
    }

    [Theory]
    [InlineData(NetworkKind.Dense)]
    [InlineData(NetworkKind.Set)]
    public void TrainingBytes_CoversTheConnectionsOfTheBuiltNetwork(NetworkKind kind)
    {
        int[] sizes = [64, 500, 300, 10];
        var network = MultilayerPerceptron.Create(kind, sizes, 20, ActivationKind.Relu, ActivationKind.Identity, LossKind.SoftmaxCrossEntropy, 1);
        double stored = network.Layers.Sum(l => (double)l.ConnectionCount * l.TrainingBytesPerConnection);

        double estimate = MemoryEstimate.TrainingBytes(kind, sizes, 20, 128, 0);

        Assert.InRange(estimate, stored, 4 * stored + (2.0 * 874 * 128 * 16 * 2));
    }

    [Theory]
    [InlineData(ActivationKind.Relu)]
    [InlineData(ActivationKind.Tanh)]
    public void TrainingBytes_AgreesWithWhatTrainingAllocates(ActivationKind activation)
    {
        // What a SET run allocates, piece by piece: the network (with the sampler's temporaries), the training buffers, one evolution step
        // of every hidden layer (its scratch grows to the largest layer) and the evaluation predictor with its predictions.
        int[] sizes = [300, 6000, 6000, 10];
        const int batch = 32, evaluationRows = 500;
        long start = GC.GetAllocatedBytesForCurrentThread();
        var network = MultilayerPerceptron.Create(NetworkKind.Set, sizes, 20, activation, ActivationKind.Identity, LossKind.SoftmaxCrossEntropy, 1);
        var propagation = new Propagation(network, batch, training: true);
        var evolution = SparseMlNet.Topology.TopologyEvolution.Set(0.3);
        evolution.Evolve((SparseMlNet.Networks.Layers.SparseLayer)network.Layers[0], new Random(1));
        evolution.Evolve((SparseMlNet.Networks.Layers.SparseLayer)network.Layers[1], new Random(2));
        var predictor = new NetworkPredictor(network, NetworkPredictor.RowsPerPass(network, evaluationRows));
        var predictions = new float[evaluationRows * sizes[^1]];
        long allocated = GC.GetAllocatedBytesForCurrentThread() - start;
        GC.KeepAlive(propagation);
        GC.KeepAlive(predictor);
        GC.KeepAlive(predictions);

        double estimate = MemoryEstimate.TrainingBytes(NetworkKind.Set, sizes, 20, batch, evaluationRows, activation);

        Assert.InRange(estimate / allocated, 0.9, 1.3);
    }
}
