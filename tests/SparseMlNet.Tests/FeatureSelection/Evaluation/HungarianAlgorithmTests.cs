using SparseMlNet.FeatureSelection.Evaluation;

namespace SparseMlNet.Tests.FeatureSelection.Evaluation;

public sealed class HungarianAlgorithmTests
{
    [Fact]
    public void Solve_FindsTheKnownOptimumOfAClassicMatrix()
    {
        double[,] cost = { { 4, 1, 3 }, { 2, 0, 5 }, { 3, 2, 2 } };

        int[] assignment = HungarianAlgorithm.Solve(cost);

        Assert.Equal([1, 0, 2], assignment); // 1 + 2 + 2 = 5
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void Solve_MatchesBruteForceOnRandomMatrices(int seed)
    {
        var random = new Random(seed);
        int n = 2 + (seed % 4);
        int m = n + (seed % 2);
        var cost = new double[n, m];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < m; j++)
            {
                cost[i, j] = random.Next(-20, 50);
            }
        }

        int[] assignment = HungarianAlgorithm.Solve(cost);

        Assert.Equal(n, assignment.Distinct().Count());
        Assert.Equal(BruteForce(cost, n, m), Enumerable.Range(0, n).Sum(i => cost[i, assignment[i]]));
    }

    [Fact]
    public void Solve_ThrowsForMoreRowsThanColumns()
    {
        var ex = Assert.Throws<ArgumentException>(() => HungarianAlgorithm.Solve(new double[3, 2]));
        Assert.Contains("3 x 2", ex.Message, StringComparison.Ordinal);
    }

    private static double BruteForce(double[,] cost, int n, int m)
    {
        double best = double.PositiveInfinity;
        var used = new bool[m];
        void Search(int row, double total)
        {
            if (row == n)
            {
                best = Math.Min(best, total);
                return;
            }

            for (int j = 0; j < m; j++)
            {
                if (!used[j])
                {
                    used[j] = true;
                    Search(row + 1, total + cost[row, j]);
                    used[j] = false;
                }
            }
        }

        Search(0, 0);
        return best;
    }
}
