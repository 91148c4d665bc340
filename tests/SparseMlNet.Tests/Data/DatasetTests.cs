using SparseMlNet.Data;

namespace SparseMlNet.Tests.Data;

public sealed class DatasetTests
{
    [Fact]
    public void Constructor_ThrowsForEmptyData()
    {
        var ex = Assert.Throws<ArgumentException>(() => new Dataset([], [], featureCount: 3));
        Assert.Equal("features", ex.ParamName);
        Assert.Contains("empty", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_ThrowsForRaggedFeatures()
    {
        var ex = Assert.Throws<ArgumentException>(() => new Dataset([1f, 2f, 3f, 4f, 5f], [0, 1], featureCount: 2));
        Assert.Equal("features", ex.ParamName);
        Assert.Contains("ragged", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(float.NaN)]
    [InlineData(float.PositiveInfinity)]
    [InlineData(float.NegativeInfinity)]
    public void Constructor_ThrowsForNonFiniteFeatureNamingRowAndColumn(float bad)
    {
        var ex = Assert.Throws<ArgumentException>(() => new Dataset([1f, 2f, 3f, bad], [0, 1], featureCount: 2));
        Assert.Equal("features", ex.ParamName);
        Assert.Contains("row 1, column 1", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_ThrowsForLabelCountDifferentFromRows()
    {
        var ex = Assert.Throws<ArgumentException>(() => new Dataset([1f, 2f, 3f, 4f], [0], featureCount: 2));
        Assert.Equal("labels", ex.ParamName);
    }

    [Fact]
    public void Constructor_ThrowsForNegativeLabel()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new Dataset([1f, 2f], [-1, 0], featureCount: 1));
        Assert.Equal("labels", ex.ParamName);
    }

    [Fact]
    public void Constructor_ThrowsForLabelOutsideClassCount()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new Dataset([1f, 2f], [0, 3], featureCount: 1, classCount: 3));
        Assert.Equal("labels", ex.ParamName);
        Assert.Contains("[0, 3)", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_InfersClassCountAndCountsPerClass()
    {
        var data = new Dataset([1f, 2f, 3f, 4f, 5f, 6f], [2, 0, 2], featureCount: 2);
        Assert.Equal(3, data.Count);
        Assert.Equal(3, data.ClassCount);
        Assert.Equal([1, 0, 2], data.ClassCounts());
        Assert.Equal([5f, 6f], data.Row(2).ToArray());
    }
}
