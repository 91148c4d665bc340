using SparseMlNet.Data;

namespace SparseMlNet.Tests.Data;

public sealed class DataSplitTests
{
    private static readonly Lazy<Dataset> Digits = new(() => CsvDatasetReader.Read(TestFiles.Fixture(TestFiles.Digits)).Dataset);
    private static readonly Lazy<Dataset> Golub = new(() => CsvDatasetReader.Read(TestFiles.Fixture(TestFiles.Golub)).Dataset);

    [Theory]
    [InlineData(0.2)]
    [InlineData(0.25)]
    [InlineData(0.5)]
    public void StratifiedSplitIndices_Golub_PreservesClassProportionsWithinOneRow(double testFraction)
    {
        AssertStratifiedSplit(Golub.Value, testFraction, seed: 7);
    }

    [Fact]
    public void StratifiedSplitIndices_Digits_PreservesClassProportionsWithinOneRow()
    {
        AssertStratifiedSplit(Digits.Value, 0.3, seed: 1);
    }

    [Fact]
    public void StratifiedSplit_ReturnsSubsetsMatchingIndices()
    {
        Dataset golub = Golub.Value;

        (Dataset train, Dataset test) = DataSplit.StratifiedSplit(golub, 0.25, seed: 3);
        (int[] trainRows, int[] testRows) = DataSplit.StratifiedSplitIndices(golub, 0.25, seed: 3);

        Assert.Equal(28, train.Count);
        Assert.Equal(10, test.Count);
        Assert.Equal(new[] { 7, 3 }, test.ClassCounts());
        Assert.Equal(2, train.ClassCount);
        Assert.Equal(golub.Row(testRows[0]).ToArray(), test.Row(0).ToArray());
        Assert.Equal(golub.Row(trainRows[^1]).ToArray(), train.Row(train.Count - 1).ToArray());
    }

    [Fact]
    public void StratifiedSplitIndices_SameSeed_SameSplit_OtherSeed_OtherSplit()
    {
        (int[] a, int[] aTest) = DataSplit.StratifiedSplitIndices(Digits.Value, 0.2, seed: 42);
        (int[] b, int[] bTest) = DataSplit.StratifiedSplitIndices(Digits.Value, 0.2, seed: 42);
        (_, int[] cTest) = DataSplit.StratifiedSplitIndices(Digits.Value, 0.2, seed: 43);

        Assert.Equal(a, b);
        Assert.Equal(aTest, bTest);
        Assert.NotEqual(aTest, cTest);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    [InlineData(-0.1)]
    [InlineData(double.NaN)]
    public void StratifiedSplit_FractionOutsideOpenUnitInterval_Throws(double testFraction)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => DataSplit.StratifiedSplit(Golub.Value, testFraction, seed: 0));

        Assert.Equal("testFraction", ex.ParamName);
    }

    [Fact]
    public void StratifiedSplit_TinyFraction_KeepsAtLeastOneTestRow()
    {
        Dataset data = new([1, 2, 3, 4], [0, 1, 0, 1], featureCount: 1);

        (Dataset train, Dataset test) = DataSplit.StratifiedSplit(data, 0.01, seed: 0);

        Assert.Equal(3, train.Count);
        Assert.Equal(1, test.Count);
        Assert.Throws<ArgumentException>(() => DataSplit.StratifiedSplit(new Dataset([1], [0], 1), 0.5, seed: 0));
    }

    [Theory]
    [InlineData(5)]
    [InlineData(10)]
    public void StratifiedFolds_Digits_DisjointCoveringBalancedAndStratified(int folds)
    {
        Dataset digits = Digits.Value;

        int[][] result = DataSplit.StratifiedFolds(digits, folds, seed: 11);

        Assert.Equal(folds, result.Length);
        AssertDisjointAndCovering(digits.Count, result);
        int[] classCounts = digits.ClassCounts();
        foreach (int[] fold in result)
        {
            Assert.InRange(fold.Length, digits.Count / folds, (digits.Count / folds) + 1);
            Assert.Equal(fold.Order().ToArray(), fold);
            int[] foldCounts = CountClasses(digits, fold);
            for (int c = 0; c < classCounts.Length; c++)
            {
                Assert.InRange(foldCounts[c], classCounts[c] / folds, (classCounts[c] / folds) + 1);
            }
        }
    }

    [Fact]
    public void StratifiedFolds_SameSeed_SameFolds()
    {
        Assert.Equal(DataSplit.StratifiedFolds(Golub.Value, 5, seed: 9), DataSplit.StratifiedFolds(Golub.Value, 5, seed: 9));
        Assert.NotEqual(DataSplit.StratifiedFolds(Golub.Value, 5, seed: 9), DataSplit.StratifiedFolds(Golub.Value, 5, seed: 10));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(39)]
    public void StratifiedFolds_FoldCountOutOfRange_Throws(int folds)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => DataSplit.StratifiedFolds(Golub.Value, folds, seed: 0));

        Assert.Equal("folds", ex.ParamName);
    }

    [Fact]
    public void StratifiedFolds_AsManyFoldsAsRows_IsLeaveOneOut()
    {
        int[][] result = DataSplit.StratifiedFolds(Golub.Value, 38, seed: 0);

        Assert.All(result, fold => Assert.Single(fold));
        AssertDisjointAndCovering(38, result);
    }

    private static void AssertStratifiedSplit(Dataset data, double testFraction, int seed)
    {
        (int[] train, int[] test) = DataSplit.StratifiedSplitIndices(data, testFraction, seed);

        AssertDisjointAndCovering(data.Count, [train, test]);
        Assert.Equal((int)Math.Round(data.Count * testFraction, MidpointRounding.AwayFromZero), test.Length);
        int[] classCounts = data.ClassCounts();
        int[] testCounts = CountClasses(data, test);
        for (int c = 0; c < classCounts.Length; c++)
        {
            double exact = (double)classCounts[c] * test.Length / data.Count;
            Assert.True(Math.Abs(testCounts[c] - exact) < 1, $"class {c}: {testCounts[c]} test rows, proportional share {exact}");
        }
    }

    private static void AssertDisjointAndCovering(int count, int[][] parts)
    {
        var seen = new bool[count];
        foreach (int[] part in parts)
        {
            foreach (int row in part)
            {
                Assert.False(seen[row], $"row {row} appears twice");
                seen[row] = true;
            }
        }

        Assert.All(seen, Assert.True);
    }

    private static int[] CountClasses(Dataset data, int[] rows)
    {
        var counts = new int[data.ClassCount];
        foreach (int row in rows)
        {
            counts[data.Labels[row]]++;
        }

        return counts;
    }
}
