using SparseMlNet.Networks;
using SparseMlNet.Training;

namespace SparseMlNet.Tests.Training;

/// <summary>Per-row example weights in the training loss: their scale does not matter, their ratios do, and bad weights are refused.</summary>
public sealed class ExampleWeightsTests
{
    private static MlpTrainerOptions Options() => new()
    {
        Kind = NetworkKind.Set,
        HiddenLayerSizes = [64],
        Epsilon = 10,
        Epochs = 5,
        BatchSize = 32,
        Seed = 11,
    };

    [Fact]
    public void Train_EqualWeightsOfAnyScaleGiveTheUnweightedModel()
    {
        var (train, test) = TestNetworks.Digits;
        var weights = Enumerable.Repeat(3.5f, train.Count).ToArray();

        var unweighted = new MlpTrainer(Options()).Train(train);
        var weighted = new MlpTrainer(Options()).Train(train, null, null, weights);

        Assert.Equal(unweighted.Predict(test.Features), weighted.Predict(test.Features));
    }

    [Fact]
    public void Train_ZeroWeightOnAClassMeansTheClassIsNotLearned()
    {
        var (train, test) = TestNetworks.Digits;
        var weights = new float[train.Count];
        for (int i = 0; i < weights.Length; i++)
        {
            weights[i] = train.Labels[i] == 3 ? 0f : 1f;
        }

        var unweighted = new MlpTrainer(Options()).Train(train).PredictClasses(test.Features);
        var weighted = new MlpTrainer(Options()).Train(train, null, null, weights).PredictClasses(test.Features);

        int threes = test.Labels.ToArray().Count(y => y == 3);
        double Recall(int[] predicted) => Enumerable.Range(0, test.Count).Count(i => test.Labels[i] == 3 && predicted[i] == 3) / (double)threes;
        Assert.True(Recall(unweighted) > 0.8, $"unweighted recall of class 3: {Recall(unweighted):P0}");
        Assert.True(Recall(weighted) < 0.2, $"recall of class 3 with zero weight: {Recall(weighted):P0}");
    }

    [Theory]
    [InlineData(-1f)]
    [InlineData(float.NaN)]
    [InlineData(float.PositiveInfinity)]
    public void Normalise_RejectsNegativeOrNonFiniteWeightsNamingTheRow(float bad)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => ExampleWeights.Normalise([1f, bad, 1f], 3, "weights"));
        Assert.Equal("weights", error.ParamName);
        Assert.Contains("row 1", error.Message);
    }

    [Fact]
    public void Normalise_RejectsAWrongCountAndAllZeroWeights()
    {
        Assert.Throws<ArgumentException>(() => ExampleWeights.Normalise([1f, 1f], 3));
        Assert.Throws<ArgumentException>(() => ExampleWeights.Normalise([0f, 0f, 0f], 3));
    }

    [Fact]
    public void Normalise_ScalesToMeanOne()
    {
        float[] scaled = ExampleWeights.Normalise([1f, 3f, 0f, 4f], 4);
        Assert.Equal(1.0, scaled.Average(), 6);
        Assert.Equal(3f * scaled[0], scaled[1], 5);
    }
}
