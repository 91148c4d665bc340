using SparseMlNet.Networks;
using SparseMlNet.Networks.Layers;
using SparseMlNet.Sparse;
using SparseMlNet.Training;

namespace SparseMlNet.Tests.Training;

public sealed class TrainingStartedTests
{
    [Fact]
    public void TrainingStarted_RaisedOnceBeforeTheFirstEpochWithTheInitialNetworkThatIsThenTrained()
    {
        var (train, _) = TestNetworks.Digits;
        var trainer = new MlpTrainer(new MlpTrainerOptions { HiddenLayerSizes = [32], Epsilon = 5, Epochs = 3, BatchSize = 64, Seed = 2 });
        var events = new List<string>();
        MultilayerPerceptron? started = null;
        int[]? initialColumns = null;
        float[]? initialWeights = null;
        trainer.TrainingStarted += (_, network) =>
        {
            events.Add("started");
            started = network;
            var layer = (SparseLayer)network.Layers[0];
            initialColumns = layer.Matrix.ConnectionColumns.ToArray();
            initialWeights = layer.Matrix.Weights.ToArray();
        };
        trainer.EpochCompleted += (_, m) => events.Add($"epoch {m.Epoch}");

        MultilayerPerceptron trained = trainer.Train(train);

        Assert.Equal(["started", "epoch 1", "epoch 2", "epoch 3"], events);
        Assert.Same(trained, started);

        // What the handler saw was the untrained Erdős–Rényi network: its weights have since been trained and its topology evolved
        // (in place, so the topology is compared by value).
        SparseMatrix now = ((SparseLayer)trained.Layers[0]).Matrix;
        Assert.NotEqual(initialColumns, now.ConnectionColumns.ToArray());
        Assert.NotEqual(initialWeights, now.Weights.ToArray());
    }
}
