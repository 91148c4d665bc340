namespace SparseMlNet.FeatureSelection.Evaluation;

/// <summary>
/// The Hungarian algorithm for the linear assignment problem (Kuhn, Naval Research Logistics Quarterly 2, 1955; Munkres, J. SIAM 5, 1957), in the
/// O(n²·m) shortest-augmenting-path form with row and column potentials: assigns every row of an n × m cost matrix (n ≤ m) to a distinct column
/// so that the total cost is minimal. Used to match k-means clusters to class labels.
/// </summary>
public static class HungarianAlgorithm
{
    /// <summary>Solves a minimum-cost assignment.</summary>
    /// <param name="cost">Costs [n, m] with 1 ≤ n ≤ m, all finite.</param>
    /// <returns>For each row, its assigned column; columns are distinct and the total cost is minimal.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="cost"/> is null.</exception>
    /// <exception cref="ArgumentException">The matrix is empty, has more rows than columns, or holds a NaN or infinite cost.</exception>
    public static int[] Solve(double[,] cost)
    {
        ArgumentNullException.ThrowIfNull(cost);
        int n = cost.GetLength(0);
        int m = cost.GetLength(1);
        if (n < 1 || n > m)
        {
            throw new ArgumentException($"The cost matrix is {n} x {m}; it needs 1 ≤ rows ≤ columns (transpose it otherwise).", nameof(cost));
        }

        foreach (double c in cost)
        {
            if (!double.IsFinite(c))
            {
                throw new ArgumentException("Costs must be finite.", nameof(cost));
            }
        }

        // 1-based arrays: column 0 is a virtual column holding the row being inserted; rowOf[j] is the row matched to column j (0 = none).
        var u = new double[n + 1];
        var v = new double[m + 1];
        var rowOf = new int[m + 1];
        var way = new int[m + 1];
        var minSlack = new double[m + 1];
        var used = new bool[m + 1];
        for (int i = 1; i <= n; i++)
        {
            rowOf[0] = i;
            int j0 = 0;
            Array.Fill(minSlack, double.PositiveInfinity);
            Array.Clear(used);
            do
            {
                used[j0] = true;
                int i0 = rowOf[j0];
                double delta = double.PositiveInfinity;
                int j1 = 0;
                for (int j = 1; j <= m; j++)
                {
                    if (used[j])
                    {
                        continue;
                    }

                    double slack = cost[i0 - 1, j - 1] - u[i0] - v[j];
                    if (slack < minSlack[j])
                    {
                        minSlack[j] = slack;
                        way[j] = j0;
                    }

                    if (minSlack[j] < delta)
                    {
                        delta = minSlack[j];
                        j1 = j;
                    }
                }

                for (int j = 0; j <= m; j++)
                {
                    if (used[j])
                    {
                        u[rowOf[j]] += delta;
                        v[j] -= delta;
                    }
                    else
                    {
                        minSlack[j] -= delta;
                    }
                }

                j0 = j1;
            }
            while (rowOf[j0] != 0);

            do
            {
                int j1 = way[j0];
                rowOf[j0] = rowOf[j1];
                j0 = j1;
            }
            while (j0 != 0);
        }

        var assignment = new int[n];
        for (int j = 1; j <= m; j++)
        {
            if (rowOf[j] != 0)
            {
                assignment[rowOf[j] - 1] = j - 1;
            }
        }

        return assignment;
    }
}
