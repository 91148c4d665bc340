using SparseMlNet.Data;
using SparseMlNet.Networks;
using SparseMlNet.Networks.Layers;
using SparseMlNet.Randomness;
using SparseMlNet.Sparse;
using SparseMlNet.Topology;
using SparseMlNet.Training;

namespace SparseMlNet.Tests.Topology;

/// <summary>RigL's ΔT in mini-batches: the schedule, and the training loop evolving at the right mini-batches with the current mini-batch's gradient.</summary>
public sealed class BatchEvolutionTests
{
    // Digits: 1347 training rows, batch 100 → 14 mini-batches per epoch (the last of 47), 42 steps in 3 epochs.
    private const int BatchesPerEpoch = 14;

    [Fact]
    public void EveryBatches_EvolvesAtMultiplesOfDeltaTButNeverAfterTheRunsLastBatchNorAfterTheStopEpoch()
    {
        var schedule = EvolutionSchedule.EveryBatchesOf(5);
        Assert.Equal([5, 10, 15, 20, 25, 30, 35, 40], Enumerable.Range(1, 42).Where(t => schedule.ShouldEvolveAfterBatch(t, BatchesPerEpoch, 3)));
        Assert.DoesNotContain(42, Enumerable.Range(1, 42).Where(t => EvolutionSchedule.EveryBatchesOf(1).ShouldEvolveAfterBatch(t, BatchesPerEpoch, 3)));
        Assert.Equal([5, 10, 15, 20, 25], Enumerable.Range(1, 42).Where(t => EvolutionSchedule.EveryBatchesOf(5, stopEpoch: 2).ShouldEvolveAfterBatch(t, BatchesPerEpoch, 3)));
        Assert.DoesNotContain(Enumerable.Range(1, 3), e => schedule.ShouldEvolve(e, 3));
        Assert.DoesNotContain(Enumerable.Range(1, 42), t => EvolutionSchedule.EveryEpoch.ShouldEvolveAfterBatch(t, BatchesPerEpoch, 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => EvolutionSchedule.EveryBatchesOf(0));
    }

    [Fact]
    public void EveryBatches_CosineZetaDecaysOverTheMiniBatchStepsToZeroAtTheStopEpoch()
    {
        var schedule = EvolutionSchedule.EveryBatchesOf(5, stopEpoch: 2, cosineZeta: true);
        long end = 2 * BatchesPerEpoch;
        Assert.Equal(0.3 / 2 * (1 + Math.Cos(Math.PI * 5 / end)), schedule.ZetaAtBatch(0.3, 5, BatchesPerEpoch, 3), 12);
        Assert.Equal(0.15, schedule.ZetaAtBatch(0.3, 14, BatchesPerEpoch, 3), 12);
        Assert.Equal(0.0, schedule.ZetaAtBatch(0.3, end, BatchesPerEpoch, 3), 12);
        Assert.Equal(0.3, EvolutionSchedule.EveryBatchesOf(5).ZetaAtBatch(0.3, 40, BatchesPerEpoch, 3));
    }

    [Fact]
    public void Options_EvolveEveryBatchesBuildsTheBatchScheduleAndIsExclusiveWithEvolveEvery()
    {
        var options = new MlpTrainerOptions { EvolveEveryBatches = 100, EvolutionStopEpoch = 8, ZetaSchedule = ZetaSchedule.Cosine, Growth = GrowthKind.Gradient };
        var schedule = Assert.IsType<EvolutionSchedule>(options.ResolveEvolution()!.Schedule);
        Assert.Equal((100, 8, true), (schedule.EveryBatches, schedule.StopEpoch, schedule.CosineZeta));

        var range = Assert.Throws<ArgumentOutOfRangeException>(new MlpTrainerOptions { EvolveEveryBatches = 0 }.Validate);
        Assert.Equal(nameof(MlpTrainerOptions.EvolveEveryBatches), range.ParamName);
        var both = Assert.Throws<ArgumentException>(new MlpTrainerOptions { EvolveEveryBatches = 100, EvolveEvery = 2 }.Validate);
        Assert.Equal(nameof(MlpTrainerOptions.EvolveEveryBatches), both.ParamName);
    }

    [Fact]
    public void Training_EvolvesAfterExactlyTheScheduledMiniBatches_KeepingNnz()
    {
        var (train, _) = TestNetworks.Digits;
        var options = new MlpTrainerOptions { HiddenLayerSizes = [32], Epsilon = 5, Epochs = 3, BatchSize = 100, Seed = 8, EvolveEveryBatches = 5 };
        var changed = new List<int>();
        int step = 0;
        int[]? before = null;
        MultilayerPerceptron? network = null;

        // Evolution rewrites the layer in place, so its topology is compared by value: a step replaces part of the connections.
        static int[] Columns(MultilayerPerceptron n) => ((SparseLayer)n.Layers[0]).Matrix.ConnectionColumns.ToArray();
        var trainer = new MlpTrainer(options);
        trainer.TrainingStarted += (_, n) => (network, before) = (n, Columns(n));
        trainer.BatchCompleted += (_, _) =>
        {
            step++;
            int[] now = Columns(network!);
            Assert.Equal(before!.Length, now.Length);
            if (!now.AsSpan().SequenceEqual(before))
            {
                changed.Add(step);
            }

            before = now;
        };
        var evolutionSeconds = new List<double>();
        trainer.EpochCompleted += (_, m) => evolutionSeconds.Add(m.EvolutionSeconds);

        trainer.Train(train);

        Assert.Equal(3 * BatchesPerEpoch, step);
        Assert.Equal([5, 10, 15, 20, 25, 30, 35, 40], changed);
        Assert.All(evolutionSeconds, s => Assert.True(s > 0, "batch evolution time is reported as evolution seconds"));
    }

    [Fact]
    public void Training_UsesTheScheduledZetaOfEachMiniBatchStep()
    {
        var (train, _) = TestNetworks.Digits;
        var schedule = EvolutionSchedule.EveryBatchesOf(5, cosineZeta: true);
        var prune = new RecordingPrune();
        var options = new MlpTrainerOptions
        {
            HiddenLayerSizes = [32], Epsilon = 5, Epochs = 3, BatchSize = 100, Seed = 8,
            Evolution = new TopologyEvolution(0.3, prune, new RandomGrowth(), schedule: schedule),
        };

        new MlpTrainer(options).Train(train);

        double[] expected = [.. new[] { 5, 10, 15, 20, 25, 30, 35, 40 }.Select(t => schedule.ZetaAtBatch(0.3, t, BatchesPerEpoch, 3))];
        Assert.Equal(expected, prune.Zetas);
    }

    [Theory]
    [InlineData(GrowthKind.Random)]
    [InlineData(GrowthKind.Gradient)]
    public void Training_WithEveryBatches_IsDeterministicPerSeed(GrowthKind growth)
    {
        var (train, _) = TestNetworks.Digits;
        MultilayerPerceptron Run(int seed) => new MlpTrainer(new MlpTrainerOptions
        {
            HiddenLayerSizes = [32, 16], Epsilon = 5, Epochs = 2, BatchSize = 100, Seed = seed, EvolveEveryBatches = 4, Growth = growth,
        }).Train(train);

        var (a, b, c) = (Run(5), Run(5), Run(6));
        for (int l = 0; l < a.Layers.Count; l++)
        {
            var (ma, mb) = (((SparseLayer)a.Layers[l]).Matrix, ((SparseLayer)b.Layers[l]).Matrix);
            Assert.Equal(ma.ColumnIndices, mb.ColumnIndices);
            Assert.Equal(ma.Weights.ToArray(), mb.Weights.ToArray());
        }

        Assert.NotEqual(((SparseLayer)a.Layers[0]).Matrix.ColumnIndices, ((SparseLayer)c.Layers[0]).Matrix.ColumnIndices);
    }

    [Fact]
    public void GradientGrowth_EveryBatches_RanksByTheCurrentMiniBatchsGradient()
    {
        // Batch 1: the gradient at any position is δ_r · x_c, so input column c's gradient is zero exactly where the current sample's x_c is 0.
        // Each sample has its own pattern of zero features; the sample trained at step t follows from the loop's seeded shuffle.
        const int n = 40, features = 8, seed = 3, every = 7, epochs = 2;
        var random = new Random(1);
        var x = new float[n * features];
        var labels = new int[n];
        for (int i = 0; i < n; i++)
        {
            labels[i] = i % 2;
            for (int f = 0; f < features; f++)
            {
                x[(i * features) + f] = (i + f) % 3 == 0 || (i * f) % 5 == 1 ? 0f : (float)(random.NextDouble() + 0.5);
            }
        }

        var growth = new RecordingGradientGrowth();
        var options = new MlpTrainerOptions
        {
            HiddenLayerSizes = [6], Epsilon = 1, Epochs = epochs, BatchSize = 1, Dropout = 0, Seed = seed,
            Evolution = new TopologyEvolution(0.3, new MagnitudePrune(), growth, schedule: EvolutionSchedule.EveryBatchesOf(every)),
        };

        new MlpTrainer(options).Train(new Dataset(x, labels, features));

        var order = Enumerable.Range(0, n).ToArray();
        var expected = new List<bool[]>();
        ulong streams = SeedStreams.FromInt32(seed);
        for (int epoch = 1; epoch <= epochs; epoch++)
        {
            SeedStreams.CreateRandom(streams, epoch, 1, 0, 0).Shuffle(order);
            for (int b = 1; b <= n; b++)
            {
                long t = ((epoch - 1) * n) + b;
                if (t % every == 0 && t < epochs * n)
                {
                    int sample = order[b - 1];
                    expected.Add([.. Enumerable.Range(0, features).Select(f => x[(sample * features) + f] == 0)]);
                }
            }
        }

        Assert.Equal(expected.Count, growth.ZeroColumns.Count);
        Assert.Equal(expected, growth.ZeroColumns);
    }

    private sealed class RecordingPrune : IPruneCriterion
    {
        private readonly MagnitudePrune _inner = new();

        public List<double> Zetas { get; } = [];

        public int RemovalCount(SparseMatrix matrix, double zeta) => ((IPruneCriterion)_inner).RemovalCount(matrix, zeta);

        public int SelectForRemoval(SparseMatrix matrix, double zeta, Span<bool> remove)
        {
            if (matrix.Columns == 64)
            {
                lock (Zetas)
                {
                    Zetas.Add(zeta);
                }
            }

            return _inner.SelectForRemoval(matrix, zeta, remove);
        }
    }

    /// <summary>Gradient growth that records, per step, which input columns have an all-zero gradient.</summary>
    private sealed class RecordingGradientGrowth : IGradientGrowthCriterion
    {
        private readonly GradientGrowth _inner = new();

        public List<bool[]> ZeroColumns { get; } = [];

        public void SelectNew(SparseMatrix matrix, ReadOnlySpan<bool> removed, Random random, Span<long> positions) =>
            throw new InvalidOperationException("needs the gradient");

        public void SelectNew(SparseMatrix matrix, ReadOnlySpan<bool> removed, LayerGradient gradient, Random random, Span<long> positions)
        {
            ReadOnlySpan<float> g = gradient.Chunks.Compute([.. Enumerable.Range(0, matrix.Columns)]);
            var zero = new bool[matrix.Columns];
            for (int c = 0; c < matrix.Columns; c++)
            {
                zero[c] = true;
                for (int r = 0; r < matrix.Rows; r++)
                {
                    zero[c] &= g[(c * matrix.Rows) + r] == 0;
                }
            }

            ZeroColumns.Add(zero);
            _inner.SelectNew(matrix, removed, gradient, random, positions);
        }
    }
}
