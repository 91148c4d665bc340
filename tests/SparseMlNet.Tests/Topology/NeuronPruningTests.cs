using SparseMlNet.Networks;
using SparseMlNet.Networks.Activations;
using SparseMlNet.Networks.Layers;
using SparseMlNet.Networks.Losses;
using SparseMlNet.Topology;
using SparseMlNet.Training;

namespace SparseMlNet.Tests.Topology;

/// <summary>Hidden-neuron importance pruning keeps the network consistent and computes what the unpruned network computes with those neurons silenced.</summary>
public sealed class NeuronPruningTests
{
    private static readonly int[] Weak = [2, 7, 11, 19];

    private static MultilayerPerceptron NetworkWithWeakNeurons()
    {
        var network = MultilayerPerceptron.Create(NetworkKind.Set, [64, 24, 16, 10], 6, ActivationKind.Relu, ActivationKind.Identity, LossKind.SoftmaxCrossEntropy, seed: 12);
        var into = ((SparseLayer)network.Layers[0]).Matrix;
        var outOf = ((SparseLayer)network.Layers[1]).Matrix;
        foreach (int j in Weak)
        {
            for (int k = into.RowPointers[j]; k < into.RowPointers[j + 1]; k++)
            {
                into.Values[k] *= 1e-4f;
            }

            for (int k = 0; k < outOf.Nnz; k++)
            {
                if (outOf.ColumnIndices[k] == j)
                {
                    outOf.Values[k] *= 1e-4f;
                }
            }
        }

        return network;
    }

    [Fact]
    public void Prune_RemovesTheWeakNeuronsAndPredictsAsTheNetworkWithThemSilenced()
    {
        var (_, test) = TestNetworks.Digits;
        var pruned = NetworkWithWeakNeurons();
        var silenced = NetworkWithWeakNeurons();
        var outOf = ((SparseLayer)silenced.Layers[1]).Matrix;
        for (int k = 0; k < outOf.Nnz; k++)
        {
            if (Weak.Contains(outOf.ColumnIndices[k]))
            {
                outOf.Values[k] = 0f; // the weak neurons' outputs no longer reach the next layer
            }
        }

        int[] removed = new NeuronPruning(0.2).Prune(pruned);

        Assert.Equal(Weak.Length, removed[0]);
        Assert.Equal([64, 24 - Weak.Length, 16, 10], pruned.LayerSizes);
        Assert.Equal(pruned.Layers[0].Outputs, pruned.Layers[1].Inputs);
        float[] expected = silenced.Predict(test.Features);
        float[] actual = pruned.Predict(test.Features);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], actual[i], 5);
        }

        Assert.True(pruned.ConnectionCount < silenced.ConnectionCount);
    }

    [Fact]
    public void Training_WithNeuronPruning_ShrinksTheHiddenLayersAndStillLearns()
    {
        var (train, test) = TestNetworks.Digits;
        var options = new MlpTrainerOptions { HiddenLayerSizes = [128, 128], Epsilon = 4, Epochs = 10, BatchSize = 32, Seed = 4, NeuronPruneThreshold = 0.6 };
        var sizes = new List<int>();
        var trainer = new MlpTrainer(options);
        trainer.EpochCompleted += (_, m) => sizes.Add(m.Layers[0].Outputs + m.Layers[1].Outputs);

        var model = trainer.Train(train, test);

        Assert.True(sizes[^1] < sizes[0], $"hidden neurons {sizes[0]} → {sizes[^1]}");
        Assert.True(sizes.Zip(sizes.Skip(1)).All(p => p.Second <= p.First), "layers only shrink");
        Assert.True(Evaluation.Classification(model, test).Accuracy > 0.85);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    public void Options_ThresholdOutsideTheOpenUnitIntervalIsRefused(double tau)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(new MlpTrainerOptions { NeuronPruneThreshold = tau }.Validate);
        Assert.Equal(nameof(MlpTrainerOptions.NeuronPruneThreshold), error.ParamName);
    }

    [Fact]
    public void Options_PruningWithDenseOrEarlyStoppingIsRefused()
    {
        Assert.Throws<ArgumentException>(new MlpTrainerOptions { NeuronPruneThreshold = 0.1, Kind = NetworkKind.Dense }.Validate);
        Assert.Throws<ArgumentException>(new MlpTrainerOptions { NeuronPruneThreshold = 0.1, EarlyStoppingPatience = 3, ValidationFraction = 0.2 }.Validate);
    }
}
