using SparseMlNet.Data;
using SparseMlNet.Analysis;

namespace SparseMlNet.Tests.Analysis;

public sealed class InputConnectivityTests
{
    // 6 inputs (a 2 × 3 image), 3 hidden neurons. Input 0: two links (|w| 0.5 + 1.5); input 4: three links (|w| 1 each, one negative); input 5: one (−2).
    private static readonly SparseMlNet.Sparse.SparseMatrix First = TopologyBuilders.Layer(3, 6,
    [
        (0, 0, 0.5f), (1, 0, -1.5f),
        (0, 4, 1f), (1, 4, -1f), (2, 4, 1f),
        (2, 5, -2f),
    ]);

    [Fact]
    public void Of_CountsAndStrengthsPerInput()
    {
        var map = InputConnectivity.Of(TopologyBuilders.Network(First, TopologyBuilders.Layer(2, 3, [(0, 0), (1, 2)])));

        Assert.Equal(6, map.InputCount);
        Assert.Equal(new[] { 2, 0, 0, 0, 3, 1 }, map.Connections);
        Assert.Equal(new[] { 2.0, 0, 0, 0, 3, 2 }, map.Strength);
        Assert.Equal(new[] { 4, 0, 5, 1, 2, 3 }, map.Ranking(InputMapQuantity.Connections));
        Assert.Equal(new[] { 4, 0, 5, 1, 2, 3 }, map.Ranking(InputMapQuantity.Strength));
    }

    [Fact]
    public void ToImage_ReshapesRowMajorAndSumsChannels()
    {
        var map = InputConnectivity.Of(First);

        double[,] image = map.ToImage(new ImageShape(2, 3), InputMapQuantity.Connections);
        Assert.Equal(2, image.GetLength(0));
        Assert.Equal(3, image.GetLength(1));
        Assert.Equal(2, image[0, 0]);
        Assert.Equal(3, image[1, 1]);
        Assert.Equal(1, image[1, 2]);

        // Three pixels of two channels: pixel p holds inputs 2p and 2p + 1.
        double[,] rgb = map.ToImage(new ImageShape(1, 3, 2), InputMapQuantity.Strength);
        Assert.Equal(new[] { 2.0, 0, 5 }, new[] { rgb[0, 0], rgb[0, 1], rgb[0, 2] });
    }

    [Fact]
    public void ToImage_ShapeNotMatchingInputs_ThrowsWithBothCounts()
    {
        var map = InputConnectivity.Of(First);

        var ex = Assert.Throws<ArgumentException>(() => map.ToImage(new ImageShape(28, 28), InputMapQuantity.Connections));
        Assert.Contains("784", ex.Message, StringComparison.Ordinal);
        Assert.Contains("6", ex.Message, StringComparison.Ordinal);
        Assert.Equal("shape", ex.ParamName);
        Assert.Throws<ArgumentException>(() => map.ToImage(new ImageShape(0, 6), InputMapQuantity.Connections));
    }

    [Theory]
    [InlineData("28x28", 28, 28, 1)]
    [InlineData(" 32X32x3 ", 32, 32, 3)]
    [InlineData("2×3", 2, 3, 1)]
    public void ImageShape_Parse_ReadsDimensions(string text, int height, int width, int channels)
    {
        Assert.Equal(new ImageShape(height, width, channels), ImageShape.Parse(text));
    }

    [Theory]
    [InlineData("28")]
    [InlineData("28x")]
    [InlineData("0x28")]
    [InlineData("28x28x3x1")]
    [InlineData("-2x5")]
    [InlineData("axb")]
    public void ImageShape_Parse_RejectsMalformed(string text)
    {
        var ex = Assert.Throws<ArgumentException>(() => ImageShape.Parse(text));
        Assert.Contains("28x28", ex.Message, StringComparison.Ordinal);
    }
}
