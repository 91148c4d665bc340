using SparseMlNet.Data;

namespace SparseMlNet.Tests.Data;

public sealed class SampleDataTests
{
    [Fact]
    public void FashionMnist1k_MatchesTheIdxFixtureExactly()
    {
        Dataset sample = SampleData.FashionMnist1k();
        Dataset fixture = IdxReader.ReadDataset(TestFiles.Fixture(TestFiles.FashionImages), TestFiles.Fixture(TestFiles.FashionLabels));

        Assert.Equal(1000, sample.Count);
        Assert.Equal(784, sample.FeatureCount);
        Assert.Equal(10, sample.ClassCount);
        Assert.Equal(fixture.Features.ToArray(), sample.Features.ToArray());
        Assert.Equal(fixture.Labels.ToArray(), sample.Labels.ToArray());
    }

    [Fact]
    public void FashionMnist1k_HoldsRawPixelsAndEveryClass()
    {
        Dataset sample = SampleData.FashionMnist1k();

        Assert.All(sample.ClassCounts(), count => Assert.InRange(count, 80, 120));
        Assert.Equal(0f, sample.Features.ToArray().Min());
        Assert.Equal(255f, sample.Features.ToArray().Max());
        Assert.Equal(sample.ClassCount, SampleData.FashionMnistClassNames.Count);
        Assert.Equal("Ankle boot", SampleData.FashionMnistClassNames[9]);
    }

    [Fact]
    public void FashionMnist1k_ReturnsIndependentCopies()
    {
        Dataset first = SampleData.FashionMnist1k();
        Dataset second = SampleData.FashionMnist1k();

        Assert.False(first.Features == second.Features, "each call should read a fresh copy");
        Assert.Equal(first.Labels.ToArray(), second.Labels.ToArray());
    }
}
