using SparseMlNet.Networks;
using SparseMlNet.Topology;
using SparseMlNet.Training;

namespace SparseMlNet.Tests.Topology;

/// <summary>SET's and RigL's evolution schedules, and the training loop following them.</summary>
public sealed class EvolutionScheduleTests
{
    [Fact]
    public void EveryEpoch_EvolvesAfterEveryEpochButTheLastWithConstantZeta()
    {
        var schedule = EvolutionSchedule.EveryEpoch;
        Assert.Equal([1, 2, 3, 4], Enumerable.Range(1, 5).Where(e => schedule.ShouldEvolve(e, 5)));
        Assert.All(Enumerable.Range(1, 5), e => Assert.Equal(0.3, schedule.ZetaAt(0.3, e, 5)));
    }

    [Fact]
    public void EveryThirdUntilEpochSeven_EvolvesAfterEpochsThreeAndSixOnly()
    {
        var schedule = new EvolutionSchedule(every: 3, stopEpoch: 7);
        Assert.Equal([3, 6], Enumerable.Range(1, 12).Where(e => schedule.ShouldEvolve(e, 12)));
    }

    [Fact]
    public void Cosine_DecaysZetaFromItsValueToZeroAtTheStopEpoch()
    {
        var schedule = new EvolutionSchedule(stopEpoch: 10, cosineZeta: true);
        Assert.Equal(0.3 / 2 * (1 + Math.Cos(Math.PI / 10)), schedule.ZetaAt(0.3, 1, 20), 12);
        Assert.Equal(0.15, schedule.ZetaAt(0.3, 5, 20), 12);
        Assert.Equal(0.0, schedule.ZetaAt(0.3, 10, 20), 12);
        var zetas = Enumerable.Range(1, 10).Select(e => schedule.ZetaAt(0.3, e, 20)).ToArray();
        Assert.True(zetas.Zip(zetas.Skip(1)).All(p => p.First > p.Second), "ζ must decrease monotonically");
    }

    [Theory]
    [InlineData(0, null)]
    [InlineData(1, 0)]
    public void Constructor_RejectsEveryOrStopEpochBelowOne(int every, int? stop)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new EvolutionSchedule(every, stop));
    }

    [Fact]
    public void Options_BuildTheScheduleOfEvolveEveryStopEpochAndZetaSchedule()
    {
        var defaults = new MlpTrainerOptions().ResolveEvolution()!;
        Assert.Same(EvolutionSchedule.EveryEpoch, defaults.Schedule);

        var options = new MlpTrainerOptions { EvolveEvery = 3, EvolutionStopEpoch = 9, ZetaSchedule = ZetaSchedule.Cosine };
        var schedule = Assert.IsType<EvolutionSchedule>(options.ResolveEvolution()!.Schedule);
        Assert.Equal((3, 9, true), (schedule.Every, schedule.StopEpoch, schedule.CosineZeta));
        Assert.Throws<ArgumentOutOfRangeException>(() => new MlpTrainerOptions { EvolveEvery = 0 }.Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => new MlpTrainerOptions { EvolutionStopEpoch = 0 }.Validate());
    }

    [Theory]
    [InlineData(NetworkKind.FixProb)]
    [InlineData(NetworkKind.Dense)]
    public void Options_AnEvolutionPolicyOnANonEvolvingKindIsRefused(NetworkKind kind)
    {
        var options = new MlpTrainerOptions { Kind = kind, Evolution = TopologyEvolution.Set(0.3) };
        var error = Assert.Throws<ArgumentException>(options.Validate);
        Assert.Equal(nameof(MlpTrainerOptions.Evolution), error.ParamName);
        Assert.Null(new MlpTrainerOptions { Kind = NetworkKind.FixProb }.ResolveEvolution());
    }

    [Fact]
    public void Training_FollowsTheSchedule_TopologyChangesOnlyAfterScheduledEpochs()
    {
        var (train, _) = TestNetworks.Digits;
        var options = new MlpTrainerOptions
        {
            HiddenLayerSizes = [32],
            Epsilon = 5,
            Epochs = 6,
            Seed = 8,
            Evolution = TopologyEvolution.Set(0.3, schedule: new EvolutionSchedule(every: 2, stopEpoch: 4)),
        };
        var evolved = new List<bool>();
        var trainer = new MlpTrainer(options);
        MultilayerPerceptron? network = null;
        int[]? columns = null;

        // Evolution rewrites the layer's arrays in place, so the topology is compared by value: a step replaces ζ = 30% of the connections.
        static int[] Columns(MultilayerPerceptron n) => ((SparseMlNet.Networks.Layers.SparseLayer)n.Layers[0]).Matrix.ConnectionColumns.ToArray();
        trainer.TrainingStarted += (_, n) => (network, columns) = (n, Columns(n));
        trainer.EpochCompleted += (_, m) =>
        {
            int[] now = Columns(network!);
            evolved.Add(!now.AsSpan().SequenceEqual(columns));
            columns = now;
        };

        trainer.Train(train);

        Assert.Equal([false, true, false, true, false, false], evolved);
    }
}
