using SparseMlNet.Data;
using SparseMlNet.Networks;
using SparseMlNet.Training;

namespace SparseMlNet.Tests.Training;

/// <summary>End-to-end training on real data (sklearn digits, 1797 × 64, 10 classes), reproducibility, monitoring, and bad input.</summary>
public sealed class MlpTrainerTests
{
    private static MlpTrainerOptions SmallOptions(NetworkKind kind) => new()
    {
        Kind = kind,
        HiddenLayerSizes = [128, 128],
        Epsilon = 10,
        Epochs = 12,
        BatchSize = 32,
        Dropout = 0.1f,
        Seed = 3,
    };

    [Theory]
    [InlineData(NetworkKind.Set)]
    [InlineData(NetworkKind.FixProb)]
    [InlineData(NetworkKind.Dense)]
    public void Train_ReachesHighAccuracyOnDigits(NetworkKind kind)
    {
        var (train, test) = TestNetworks.Digits;
        var model = new MlpTrainer(SmallOptions(kind)).Train(train, test);

        var (_, accuracy) = Evaluation.Classification(model, test);
        Assert.True(accuracy > 0.9, $"{kind} reached {accuracy:P1} on held-out digits (chance is 10%).");
        Assert.Equal(kind, model.Kind);
    }

    [Fact]
    public void Train_SetKeepsNnzConstantAndChangesTopology()
    {
        var (train, test) = TestNetworks.Digits;
        var options = SmallOptions(NetworkKind.Set);
        var initial = MultilayerPerceptron.Create(NetworkKind.Set, [64, 128, 128, 10], options.Epsilon, options.Activation,
            SparseMlNet.Networks.Activations.ActivationKind.Identity, SparseMlNet.Networks.Losses.LossKind.SoftmaxCrossEntropy, options.Seed);
        var metrics = new List<EpochMetrics>();
        var trainer = new MlpTrainer(options);
        trainer.EpochCompleted += (_, m) => metrics.Add(m);

        var model = trainer.Train(train, test);

        Assert.Equal(options.Epochs, metrics.Count);
        for (int l = 0; l < model.Layers.Count; l++)
        {
            Assert.All(metrics, m => Assert.Equal(initial.Layers[l].ConnectionCount, m.Layers[l].Nnz));
        }

        var before = ((SparseMlNet.Networks.Layers.SparseLayer)initial.Layers[0]).Matrix;
        var after = ((SparseMlNet.Networks.Layers.SparseLayer)model.Layers[0]).Matrix;
        Assert.NotEqual(before.ColumnIndices, after.ColumnIndices);
        Assert.All(metrics.Take(options.Epochs!.Value - 1), m => Assert.True(m.EvolutionSeconds > 0));
        Assert.Equal(0, metrics[^1].EvolutionSeconds, 3);
    }

    [Fact]
    public void Train_FixProbKeepsInitialTopology()
    {
        var (train, _) = TestNetworks.Digits;
        var options = SmallOptions(NetworkKind.FixProb);
        options.Epochs = 3;
        var initial = MultilayerPerceptron.Create(NetworkKind.FixProb, [64, 128, 128, 10], options.Epsilon, options.Activation,
            SparseMlNet.Networks.Activations.ActivationKind.Identity, SparseMlNet.Networks.Losses.LossKind.SoftmaxCrossEntropy, options.Seed);
        var model = new MlpTrainer(options).Train(train);
        for (int l = 0; l < model.Layers.Count; l++)
        {
            var a = ((SparseMlNet.Networks.Layers.SparseLayer)initial.Layers[l]).Matrix;
            var b = ((SparseMlNet.Networks.Layers.SparseLayer)model.Layers[l]).Matrix;
            Assert.Equal(a.ColumnIndices, b.ColumnIndices);
            Assert.Equal(a.RowOffsets.ToArray(), b.RowOffsets.ToArray());
        }
    }

    [Fact]
    public void Train_IsReproducibleForASeed()
    {
        var (train, test) = TestNetworks.Digits;
        var options = SmallOptions(NetworkKind.Set);
        options.Epochs = 3;
        float[] first = new MlpTrainer(options).Train(train).Predict(test.Features);
        float[] second = new MlpTrainer(options).Train(train).Predict(test.Features);
        Assert.Equal(first, second);

        options.Seed = 4;
        float[] other = new MlpTrainer(options).Train(train).Predict(test.Features);
        Assert.NotEqual(first, other);
    }

    [Fact]
    public void Train_ReportsEveryEpochWithTimingsMemoryAndDensity()
    {
        var (train, test) = TestNetworks.Digits;
        var options = SmallOptions(NetworkKind.Set);
        options.Epochs = 2;
        var metrics = new List<EpochMetrics>();
        int batches = 0;
        var trainer = new MlpTrainer(options);
        trainer.EpochCompleted += (_, m) => metrics.Add(m);
        trainer.BatchCompleted += (_, _) => batches++;
        trainer.Train(train, test);

        Assert.Equal([1, 2], metrics.Select(m => m.Epoch));
        Assert.Equal(2 * ((train.Count + 31) / 32), batches);
        Assert.All(metrics, m =>
        {
            Assert.InRange(m.TestAccuracy, 0.5, 1.0);
            Assert.True(m.TrainLoss > 0 && double.IsFinite(m.TrainLoss));
            Assert.True(m.TrainSeconds > 0);
            Assert.True(m.PeakWorkingSetBytes > 0);
            Assert.Equal(3, m.Layers.Count);
            Assert.All(m.Layers, l => Assert.InRange(l.Density, 0.01, 1.0));
        });
    }

    [Fact]
    public void Predict_CoversEveryRowIncludingAPartialLastBatch()
    {
        var (train, test) = TestNetworks.Digits;
        var options = SmallOptions(NetworkKind.Set);
        options.Epochs = 1;
        var model = new MlpTrainer(options).Train(train);
        // 257 rows: one full inner batch of 256 and a last batch of 1.
        var rows = Enumerable.Range(0, 257).ToArray();
        var subset = test.Count >= 257 ? test.Subset(rows) : train.Subset(rows);
        float[] p = model.Predict(subset.Features);
        Assert.Equal(257 * 10, p.Length);
        for (int i = 0; i < 257; i++)
        {
            Assert.Equal(1f, p.AsSpan(i * 10, 10).ToArray().Sum(), 4);
        }

        // The last row alone gives the same probabilities as inside the big batch.
        float[] single = model.Predict(subset.Row(256));
        Assert.Equal(p.AsSpan(256 * 10, 10).ToArray(), single, new FloatComparer(1e-5f));
    }

    [Fact]
    public void Train_ThrowsTrainingDivergedForExplodingLearningRate()
    {
        var (train, _) = TestNetworks.Digits;
        var options = SmallOptions(NetworkKind.Dense);
        options.LearningRate = 1e6f;
        options.Momentum = 0.99f;
        options.Epochs = 3;
        var ex = Assert.Throws<TrainingDivergedException>(() => new MlpTrainer(options).Train(train));
        Assert.Contains("learning rate", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Train_ThrowsForSingleClass()
    {
        var data = new Dataset([1f, 2f, 3f, 4f], [0, 0], featureCount: 2);
        var ex = Assert.Throws<ArgumentException>(() => new MlpTrainer(SmallOptions(NetworkKind.Set)).Train(data));
        Assert.Equal("train", ex.ParamName);
    }

    [Fact]
    public void Train_ThrowsWhenDensityRoundsToZeroConnections()
    {
        var (train, _) = TestNetworks.Digits;
        var options = SmallOptions(NetworkKind.Set);
        options.Epsilon = 1e-6;
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new MlpTrainer(options).Train(train));
        Assert.Contains("raise epsilon", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Predict_ThrowsForDifferentFeatureCount()
    {
        var (train, _) = TestNetworks.Digits;
        var options = SmallOptions(NetworkKind.Set);
        options.Epochs = 1;
        var model = new MlpTrainer(options).Train(train);
        var ex = Assert.Throws<ArgumentException>(() => model.Predict(new float[63 * 2]));
        Assert.Contains("64 features", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => model.Predict([.. new float[63], float.NaN]));
    }

    public static TheoryData<string, Action<MlpTrainerOptions>> BadOptions() => new()
    {
        { nameof(MlpTrainerOptions.Epsilon), o => o.Epsilon = 0 },
        { nameof(MlpTrainerOptions.Epsilon), o => o.Epsilon = -3 },
        { nameof(MlpTrainerOptions.Zeta), o => o.Zeta = 1 },
        { nameof(MlpTrainerOptions.Zeta), o => o.Zeta = -0.1 },
        { nameof(MlpTrainerOptions.Dropout), o => o.Dropout = 1 },
        { nameof(MlpTrainerOptions.Dropout), o => o.Dropout = -0.5f },
        { nameof(MlpTrainerOptions.HiddenLayerSizes), o => o.HiddenLayerSizes = [100, 0] },
        { nameof(MlpTrainerOptions.LearningRate), o => o.LearningRate = 0 },
        { nameof(MlpTrainerOptions.LearningRate), o => o.LearningRate = float.NaN },
        { nameof(MlpTrainerOptions.Momentum), o => o.Momentum = 1 },
        { nameof(MlpTrainerOptions.WeightDecay), o => o.WeightDecay = -1e-4f },
        { nameof(MlpTrainerOptions.BatchSize), o => o.BatchSize = 0 },
        { nameof(MlpTrainerOptions.Epochs), o => o.Epochs = 0 },
    };

    [Theory]
    [MemberData(nameof(BadOptions))]
    public void Constructor_ThrowsNamingTheBadOption(string name, Action<MlpTrainerOptions> spoil)
    {
        var options = new MlpTrainerOptions();
        spoil(options);
        var ex = Assert.ThrowsAny<ArgumentException>(() => new MlpTrainer(options));
        Assert.Equal(name, ex.ParamName);
    }

    [Theory]
    [InlineData(NetworkKind.Set, 0.02f)]
    [InlineData(NetworkKind.FixProb, 0.02f)]
    [InlineData(NetworkKind.Dense, 0.01f)]
    public void EffectiveLearningRate_DefaultsPerKindAndHonoursAnExplicitValue(NetworkKind kind, float expected)
    {
        Assert.Equal(expected, new MlpTrainerOptions { Kind = kind }.EffectiveLearningRate);
        Assert.Equal(0.005f, new MlpTrainerOptions { Kind = kind, LearningRate = 0.005f }.EffectiveLearningRate);
    }

    [Fact]
    public void Train_HonoursCancellation()
    {
        var (train, _) = TestNetworks.Digits;
        using var cts = new CancellationTokenSource();
        var trainer = new MlpTrainer(SmallOptions(NetworkKind.Set));
        trainer.BatchCompleted += (_, p) =>
        {
            if (p.Batch == 3)
            {
                cts.Cancel();
            }
        };
        Assert.ThrowsAny<OperationCanceledException>(() => trainer.Train(train, cancellationToken: cts.Token));
    }

    private sealed class FloatComparer(float tolerance) : IEqualityComparer<float>
    {
        public bool Equals(float x, float y) => Math.Abs(x - y) <= tolerance;

        public int GetHashCode(float obj) => 0;
    }
}
