using SparseMlNet.Networks;
using SparseMlNet.Networks.Activations;
using SparseMlNet.Networks.Layers;
using SparseMlNet.Networks.Losses;
using SparseMlNet.Topology;
using SparseMlNet.Training;

namespace SparseMlNet.Tests.Topology;

/// <summary>RigL's gradient growth, truly sparse: it picks the true top-k empty positions of a dense reference gradient, and trains.</summary>
public sealed class GradientGrowthTests
{
    [Fact]
    public void SelectNew_PicksTheEmptyPositionsWithTheLargestGradientOfADenseReference()
    {
        // A small SET network, one forward/backward pass on 20 digits, then layer 0's gradient by a dense triple loop.
        var (train, _) = TestNetworks.Digits;
        var network = MultilayerPerceptron.Create(NetworkKind.Set, [64, 24, 10], 3, ActivationKind.Relu, ActivationKind.Identity, LossKind.SoftmaxCrossEntropy, seed: 6);
        int batch = 20;
        var propagation = new Propagation(network, batch, training: true);
        int[] rows = Enumerable.Range(0, batch).ToArray();
        propagation.LoadInputs(train.Features, train.FeatureCount, rows);
        propagation.Forward(0f, 0);
        propagation.ClassificationLoss(train.Labels[..batch]);
        propagation.Backward(dropout: false);

        var layer = (SparseLayer)network.Layers[0];
        var matrix = layer.Matrix;
        float[] x = propagation.LayerInputs(0);
        ReadOnlySpan<float> delta = propagation.Deltas(0);
        var removed = new bool[matrix.Nnz];
        for (int k = 0; k < removed.Length; k += 3)
        {
            removed[k] = true; // every third connection is being pruned: its position counts as empty
        }

        var reference = new List<(double Score, long Position)>();
        for (int r = 0; r < matrix.Rows; r++)
        {
            for (int c = 0; c < matrix.Columns; c++)
            {
                int k = matrix.Find(r, c);
                if (k >= 0 && !removed[k])
                {
                    continue;
                }

                double g = 0;
                for (int b = 0; b < batch; b++)
                {
                    g += (double)delta[(r * propagation.Stride) + b] * x[(c * propagation.Stride) + b];
                }

                reference.Add((Math.Abs(g), ((long)r * matrix.Columns) + c));
            }
        }

        int count = removed.Count(f => f);
        long[] expected = [.. reference.OrderByDescending(p => p.Score).ThenBy(p => p.Position).Take(count).Select(p => p.Position).Order()];
        var gradient = new LayerGradient(new CandidateGradient(x, propagation.Stride, delta, matrix.Rows, batch), matrix.Columns, matrix.Rows);
        var chosen = new long[count];

        new GradientGrowth().SelectNew(matrix, removed, gradient, new Random(1), chosen);

        // Float (kernel) against double (reference) sums can swap near-equal neighbours at the cut: allow none outside a 1e-5 band.
        double cut = reference.OrderByDescending(p => p.Score).ElementAt(count - 1).Score;
        var differing = chosen.Except(expected).Concat(expected.Except(chosen)).ToList();
        Assert.All(differing, p => Assert.InRange(reference.Single(q => q.Position == p).Score, cut - 1e-5, cut + 1e-5));
        Assert.Equal(count, chosen.Distinct().Count());
    }

    [Fact]
    public void SelectNew_WithoutAGradient_SaysItNeedsTheTrainingLoop()
    {
        var matrix = TestNetworks.RandomMatrix(5, 5, 0.3, seed: 1);
        var error = Assert.Throws<InvalidOperationException>(() => new GradientGrowth().SelectNew(matrix, new bool[matrix.Nnz], new Random(1), new long[1]));
        Assert.Contains("gradient", error.Message);
    }

    [Fact]
    public void Training_WithGradientGrowth_KeepsNnzAndLearnsTheDigits()
    {
        var (train, test) = TestNetworks.Digits;
        var options = new MlpTrainerOptions { HiddenLayerSizes = [128, 128], Epsilon = 10, Epochs = 10, BatchSize = 32, Dropout = 0.1f, Seed = 3, Growth = GrowthKind.Gradient };
        var nnz = new List<long>();
        var trainer = new MlpTrainer(options);
        trainer.EpochCompleted += (_, m) => nnz.Add(m.Layers.Sum(l => l.Nnz));

        var model = trainer.Train(train, test);

        Assert.IsType<GradientGrowth>(options.ResolveEvolution()!.Growth);
        Assert.Single(nnz.Distinct());
        Assert.True(Evaluation.Classification(model, test).Accuracy > 0.9);
    }
}
