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
        var options = new MlpTrainerOptions { Kind = NetworkKind.Dense, HiddenLayerSizes = [256], Epochs = 1 };
        MemoryEstimate.AvailableBytesOverride = 1 << 20;
        try
        {
            var ex = Assert.Throws<InsufficientMemoryException>(() => new MlpTrainer(options).Train(train));
            Assert.Contains("Dense MLP 64-256-10 needs about", ex.Message, StringComparison.Ordinal);
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
}
