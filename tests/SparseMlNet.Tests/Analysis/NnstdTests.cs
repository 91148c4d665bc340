using SparseMlNet.Analysis;
using SparseMlNet.Sparse;

namespace SparseMlNet.Tests.Analysis;

public sealed class NnstdTests
{
    private static SparseMatrix[] RandomNetwork(int seed, int inputs = 30, int hidden = 20, int outputs = 4, double p = 0.2) =>
    [
        TopologyBuilders.Random(hidden, inputs, p, seed),
        TopologyBuilders.Random(hidden, hidden, p, seed + 100),
        TopologyBuilders.Random(outputs, hidden, 0.5, seed + 200),
    ];

    private static int[] Permutation(int n, int seed)
    {
        var result = Enumerable.Range(0, n).ToArray();
        new Random(seed).Shuffle(result);
        return result;
    }

    [Theory]
    [InlineData(NeuronMatching.Optimal)]
    [InlineData(NeuronMatching.Greedy)]
    public void Compare_IdenticalNetworks_IsZero(NeuronMatching matching)
    {
        var a = TopologyBuilders.Network(RandomNetwork(1));
        var b = TopologyBuilders.Network(RandomNetwork(1));

        var result = Nnstd.Compare(a, b, new NnstdOptions { Matching = matching });

        Assert.Equal(0, result.Distance);
        Assert.All(result.LayerDistances, d => Assert.Equal(0, d));
    }

    [Theory]
    [InlineData(NeuronMatching.Optimal)]
    [InlineData(NeuronMatching.Greedy)]
    public void Compare_PermutedHiddenNeurons_IsZeroAndMatchingFindsThePermutation(NeuronMatching matching)
    {
        var layers = RandomNetwork(2);
        int[] first = Permutation(20, 5);
        int[] second = Permutation(20, 6);
        var permuted = TopologyBuilders.PermuteHidden(layers, [first, second]);

        var result = Nnstd.Compare(TopologyBuilders.Network(layers), TopologyBuilders.Network(permuted), new NnstdOptions { Matching = matching });

        Assert.Equal(0, result.Distance, 12);

        // Hidden neuron j of the first network is neuron first[j] of the second (random graphs of this size have distinct neighbourhoods).
        Assert.Equal(first, result.Matchings[0]);
        Assert.Equal(second, result.Matchings[1]);
        Assert.Equal(Enumerable.Range(0, 4), result.Matchings[2]);
    }

    [Theory]
    [InlineData(NeuronMatching.Optimal)]
    [InlineData(NeuronMatching.Greedy)]
    public void Compare_DisjointEdges_IsOne(NeuronMatching matching)
    {
        // Layer 0: A's hidden neurons read even inputs, B's odd inputs, so no matching of hidden neurons makes two input sets overlap.
        var a0 = TopologyBuilders.Layer(4, 8, Enumerable.Range(0, 4).SelectMany(h => new[] { (h, 2 * h), (h, ((2 * h) + 2) % 8) }));
        var b0 = TopologyBuilders.Layer(4, 8, Enumerable.Range(0, 4).SelectMany(h => new[] { (h, (2 * h) + 1), (h, ((2 * h) + 3) % 8) }));

        // Layer 1: A's output 0 reads every hidden neuron and output 1 none; B the other way round: disjoint under any relabelling of hidden neurons.
        var a1 = TopologyBuilders.Layer(2, 4, Enumerable.Range(0, 4).Select(h => (0, h)));
        var b1 = TopologyBuilders.Layer(2, 4, Enumerable.Range(0, 4).Select(h => (1, h)));

        var result = Nnstd.Compare(TopologyBuilders.Network(a0, a1), TopologyBuilders.Network(b0, b1), new NnstdOptions { Matching = matching });

        Assert.Equal(new[] { 1.0, 1.0 }, result.LayerDistances);
        Assert.Equal(1, result.Distance);
    }

    [Fact]
    public void Compare_KnownPartialOverlap_GivesNormalisedEditDistance()
    {
        // One layer, 2 outputs: A = {0,1,2}, {3}; B = {1,2,3}, {0}. As they stand: {0,1,2} vs {1,2,3} has |Δ|/|∪| = 2/4 and {3} vs {0} has 2/2,
        // mean 1.5/2. Swapped: {0,1,2} vs {0} gives 2/3 and {3} vs {1,2,3} gives 2/3, mean (4/3)/2, the better matching.
        var a = TopologyBuilders.Layer(2, 4, [(0, 0), (0, 1), (0, 2), (1, 3)]);
        var b = TopologyBuilders.Layer(2, 4, [(0, 1), (0, 2), (0, 3), (1, 0)]);

        var fixedOutputs = Nnstd.Compare([a], [b]);
        var matchedOutputs = Nnstd.Compare([a], [b], new NnstdOptions { MatchOutputNeurons = true });

        Assert.Equal(1.5 / 2, fixedOutputs.Distance, 12);
        Assert.Equal(4.0 / 3 / 2, matchedOutputs.Distance, 12);
        Assert.Equal(new[] { 1, 0 }, matchedOutputs.Matchings[0]);
    }

    [Fact]
    public void Compare_OptimalNeverWorseThanGreedyAndBothInUnitInterval()
    {
        for (int seed = 0; seed < 5; seed++)
        {
            var a = TopologyBuilders.Network(RandomNetwork(10 + seed));
            var b = TopologyBuilders.Network(RandomNetwork(50 + seed));

            var optimal = Nnstd.Compare(a, b);
            var greedy = Nnstd.Compare(a, b, new NnstdOptions { Matching = NeuronMatching.Greedy });

            Assert.InRange(optimal.LayerDistances[0], 0.01, 1);
            Assert.True(optimal.LayerDistances[0] <= greedy.LayerDistances[0] + 1e-12);
            Assert.InRange(greedy.Distance, 0, 1);
            Assert.InRange(optimal.Distance, 0, 1);
        }
    }

    [Fact]
    public void Compare_DifferentShapes_ThrowsNamingBothShapes()
    {
        var a = TopologyBuilders.Network(RandomNetwork(1));
        var b = TopologyBuilders.Network(RandomNetwork(1, hidden: 21));

        var ex = Assert.Throws<ArgumentException>(() => Nnstd.Compare(a, b));
        Assert.Contains("[30, 20, 20, 4]", ex.Message, StringComparison.Ordinal);
        Assert.Contains("[30, 21, 21, 4]", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => NnstdMatrix.Compute([a, a, b]));
    }

    [Fact]
    public void LinearAssignment_MatchesBruteForceOnSmallMatrices()
    {
        var random = new Random(4);
        for (int trial = 0; trial < 30; trial++)
        {
            int n = 1 + (trial % 6);
            double[] cost = Enumerable.Range(0, n * n).Select(_ => Math.Round(random.NextDouble() * 4) / 4).ToArray();

            int[] sigma = LinearAssignment.Solve(cost, n);
            double best = Permutations(n).Min(p => p.Select((c, r) => cost[(r * n) + c]).Sum());

            Assert.Equal(Enumerable.Range(0, n), sigma.OrderBy(c => c));
            Assert.Equal(best, sigma.Select((c, r) => cost[(r * n) + c]).Sum(), 12);
        }
    }

    [Fact]
    public void Matrix_SymmetricZeroDiagonalAndEqualsPairwiseCompare()
    {
        var networks = Enumerable.Range(0, 4).Select(s => TopologyBuilders.Network(RandomNetwork(s))).ToArray();
        var finished = new List<int>();

        var matrix = NnstdMatrix.Compute(networks, ["a", "b", "c", "d"], progress: new SynchronousProgress(finished));

        Assert.Equal(4, matrix.Count);
        Assert.Equal(3, matrix.LayerCount);
        Assert.Equal(6, finished.Count);
        for (int i = 0; i < 4; i++)
        {
            Assert.Equal(0, matrix[i, i]);
            for (int j = i + 1; j < 4; j++)
            {
                Assert.Equal(matrix[i, j], matrix[j, i]);
                Assert.Equal(Nnstd.Compare(networks[i], networks[j]).Distance, matrix[i, j], 12);
                Assert.True(matrix[i, j] > 0);
            }
        }

        Assert.Throws<ArgumentException>(() => NnstdMatrix.Compute(networks.Take(1).ToArray()));
        Assert.Throws<ArgumentException>(() => NnstdMatrix.Compute(networks, ["a"]));
    }

    private static IEnumerable<int[]> Permutations(int n)
    {
        if (n == 0)
        {
            yield return [];
            yield break;
        }

        foreach (int[] rest in Permutations(n - 1))
        {
            for (int position = 0; position <= rest.Length; position++)
            {
                var p = new List<int>(rest);
                p.Insert(position, n - 1);
                yield return p.ToArray();
            }
        }
    }

    private sealed class SynchronousProgress(List<int> sink) : IProgress<int>
    {
        public void Report(int value)
        {
            lock (sink)
            {
                sink.Add(value);
            }
        }
    }
}
