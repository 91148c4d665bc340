using SparseMlNet.Topology;

namespace SparseMlNet.Tests.Topology;

/// <summary>The running top-m keeps exactly the m best (score, position) pairs of any stream, ties to the smaller position, in any offer order.</summary>
public sealed class RunningTopKTests
{
    [Theory]
    [InlineData(0, 50, 1)]
    [InlineData(1, 50, 2)]
    [InlineData(7, 5, 3)]
    [InlineData(64, 10_000, 4)]
    [InlineData(1000, 20_000, 5)]
    [InlineData(300, 300, 6)]
    public void SortedPositions_EqualsTheTopMOfAFullSort(int capacity, int stream, int seed)
    {
        var random = new Random(seed);
        // Few distinct scores, so ties are frequent; positions distinct, offered in random order.
        long[] positions = [.. Enumerable.Range(0, stream).Select(i => (long)i * 3).OrderBy(_ => random.Next())];
        float[] scores = [.. positions.Select(_ => (float)random.Next(40) / 8)];
        var topK = new RunningTopK(capacity);
        for (int i = 0; i < stream; i++)
        {
            topK.Offer(scores[i], positions[i]);
        }

        long[] expected = [.. Enumerable.Range(0, stream).OrderByDescending(i => scores[i]).ThenBy(i => positions[i]).Take(capacity).Select(i => positions[i]).Order()];
        Assert.Equal(expected, topK.SortedPositions());
        Assert.Equal(Math.Min(capacity, stream), topK.Count);
    }
}
