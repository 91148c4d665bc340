namespace SparseMlNet.Data;

/// <summary>
/// Stratified train/test splits and cross-validation folds: every class is spread over the parts in proportion to its size.
/// Deterministic for a given seed (one <see cref="Random"/>(seed) shuffles the rows of each class in turn).
/// </summary>
public static class DataSplit
{
    /// <summary>Splits a data set into stratified training and test sets.</summary>
    /// <param name="data">The data to split; at least 2 rows.</param>
    /// <param name="testFraction">Fraction of rows for the test set; Range: (0, 1).</param>
    /// <param name="seed">Seed of the shuffle.</param>
    /// <returns>The two sets; rows keep their original relative order. See <see cref="StratifiedSplitIndices"/> for the sizes.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="data"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="testFraction"/> is outside (0, 1) or NaN.</exception>
    /// <exception cref="ArgumentException"><paramref name="data"/> has fewer than 2 rows.</exception>
    public static (Dataset Train, Dataset Test) StratifiedSplit(Dataset data, double testFraction, int seed)
    {
        (int[] train, int[] test) = StratifiedSplitIndices(data, testFraction, seed);
        return (data.Subset(train), data.Subset(test));
    }

    /// <summary>Computes the row indices of a stratified train/test split.</summary>
    /// <param name="data">The data to split; at least 2 rows.</param>
    /// <param name="testFraction">Fraction of rows for the test set; Range: (0, 1).</param>
    /// <param name="seed">Seed of the shuffle.</param>
    /// <returns>
    /// Disjoint, ascending row indices that together cover [0, Count). The test set holds round(Count × <paramref name="testFraction"/>) rows,
    /// clamped to [1, Count − 1]; each class contributes its proportional share of that, rounded down or up (largest remainders get
    /// the extra rows), so per-class counts are within one row of exact proportionality. A class too small to share may end up on one side only.
    /// </returns>
    /// <exception cref="ArgumentNullException"><paramref name="data"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="testFraction"/> is outside (0, 1) or NaN.</exception>
    /// <exception cref="ArgumentException"><paramref name="data"/> has fewer than 2 rows.</exception>
    public static (int[] Train, int[] Test) StratifiedSplitIndices(Dataset data, double testFraction, int seed)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (!(testFraction > 0 && testFraction < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(testFraction), testFraction, "The test fraction must lie strictly between 0 and 1.");
        }

        if (data.Count < 2)
        {
            throw new ArgumentException($"A split needs at least 2 rows; the data set has {data.Count}.", nameof(data));
        }

        int testTotal = Math.Clamp((int)Math.Round(data.Count * testFraction, MidpointRounding.AwayFromZero), 1, data.Count - 1);
        int[][] byClass = ShuffledRowsByClass(data, seed);
        int[] testPerClass = ProportionalShares(byClass, testTotal, data.Count);

        var train = new int[data.Count - testTotal];
        var test = new int[testTotal];
        int trainFilled = 0, testFilled = 0;
        for (int c = 0; c < byClass.Length; c++)
        {
            ReadOnlySpan<int> rows = byClass[c];
            rows[..testPerClass[c]].CopyTo(test.AsSpan(testFilled));
            rows[testPerClass[c]..].CopyTo(train.AsSpan(trainFilled));
            testFilled += testPerClass[c];
            trainFilled += rows.Length - testPerClass[c];
        }

        Array.Sort(train);
        Array.Sort(test);
        return (train, test);
    }

    /// <summary>Assigns the rows to stratified cross-validation folds.</summary>
    /// <param name="data">The data to fold.</param>
    /// <param name="folds">Number of folds; Range: [2, Count].</param>
    /// <param name="seed">Seed of the shuffle.</param>
    /// <returns>
    /// <paramref name="folds"/> arrays of ascending row indices, disjoint and together covering [0, Count). The rows of each class are dealt
    /// round-robin, continuing from fold to fold across classes, so fold sizes differ by at most one row, and so do each class's counts
    /// in different folds. A class with fewer rows than <paramref name="folds"/> is absent from some folds.
    /// </returns>
    /// <exception cref="ArgumentNullException"><paramref name="data"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="folds"/> is below 2 or above the row count.</exception>
    public static int[][] StratifiedFolds(Dataset data, int folds, int seed)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentOutOfRangeException.ThrowIfLessThan(folds, 2);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(folds, data.Count);

        var result = new int[folds][];
        for (int f = 0; f < folds; f++)
        {
            result[f] = new int[data.Count / folds + (f < data.Count % folds ? 1 : 0)];
        }

        var filled = new int[folds];
        int fold = 0;
        foreach (int[] rows in ShuffledRowsByClass(data, seed))
        {
            foreach (int row in rows)
            {
                result[fold][filled[fold]++] = row;
                fold = (fold + 1) % folds;
            }
        }

        foreach (int[] rows in result)
        {
            Array.Sort(rows);
        }

        return result;
    }

    /// <summary>The row indices of each class, each class's rows shuffled in turn by one <see cref="Random"/>(<paramref name="seed"/>).</summary>
    private static int[][] ShuffledRowsByClass(Dataset data, int seed)
    {
        int[] counts = data.ClassCounts();
        var byClass = new int[counts.Length][];
        for (int c = 0; c < counts.Length; c++)
        {
            byClass[c] = new int[counts[c]];
        }

        var filled = new int[counts.Length];
        ReadOnlySpan<int> labels = data.Labels;
        for (int i = 0; i < labels.Length; i++)
        {
            byClass[labels[i]][filled[labels[i]]++] = i;
        }

        var random = new Random(seed);
        foreach (int[] rows in byClass)
        {
            random.Shuffle(rows);
        }

        return byClass;
    }

    /// <summary>
    /// Splits <paramref name="total"/> over the classes in proportion to their sizes (largest-remainder method, ties to the lower class):
    /// each share is its exact proportion rounded down or up, and the shares sum to <paramref name="total"/>.
    /// </summary>
    private static int[] ProportionalShares(int[][] byClass, int total, int count)
    {
        int classes = byClass.Length;
        var shares = new int[classes];
        var remainders = new double[classes];
        int assigned = 0;
        for (int c = 0; c < classes; c++)
        {
            double exact = (double)byClass[c].Length * total / count;
            shares[c] = (int)Math.Floor(exact);
            remainders[c] = exact - shares[c];
            assigned += shares[c];
        }

        int[] order = new int[classes];
        for (int c = 0; c < classes; c++)
        {
            order[c] = c;
        }

        Array.Sort(order, (a, b) => remainders[a] != remainders[b] ? remainders[b].CompareTo(remainders[a]) : a.CompareTo(b));
        for (int k = 0; k < total - assigned; k++)
        {
            shares[order[k]]++;
        }

        return shares;
    }
}
