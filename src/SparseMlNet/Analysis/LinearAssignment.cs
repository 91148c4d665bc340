namespace SparseMlNet.Analysis;

/// <summary>
/// Minimum-cost perfect matching of an n × n cost matrix (the linear assignment problem) by the Hungarian method in its shortest-augmenting-path form
/// with row and column potentials (Kuhn 1955; Munkres 1957; the O(n³) formulation of Jonker and Volgenant, Computing 38, 1987, without their initialisation heuristics).
/// </summary>
internal static class LinearAssignment
{
    /// <summary>Solves min Σ_i cost[i, σ(i)] over permutations σ.</summary>
    /// <param name="cost">Row-major n × n costs, finite.</param>
    /// <param name="n">Matrix size.</param>
    /// <param name="cancellationToken">Checked once per row.</param>
    /// <returns>σ: the column assigned to each row.</returns>
    public static int[] Solve(double[] cost, int n, CancellationToken cancellationToken = default)
    {
        // 1-based arrays with index 0 as the virtual start column, as in the classical formulation.
        var u = new double[n + 1];
        var v = new double[n + 1];
        var rowOfColumn = new int[n + 1];
        var way = new int[n + 1];
        var minSlack = new double[n + 1];
        var used = new bool[n + 1];
        for (int i = 1; i <= n; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            rowOfColumn[0] = i;
            int column = 0;
            Array.Fill(minSlack, double.PositiveInfinity);
            Array.Clear(used);
            do
            {
                used[column] = true;
                int row = rowOfColumn[column];
                double delta = double.PositiveInfinity;
                int next = 0;
                int offset = (row - 1) * n;
                double ur = u[row];
                for (int j = 1; j <= n; j++)
                {
                    if (used[j])
                    {
                        continue;
                    }

                    double slack = cost[offset + j - 1] - ur - v[j];
                    if (slack < minSlack[j])
                    {
                        minSlack[j] = slack;
                        way[j] = column;
                    }

                    if (minSlack[j] < delta)
                    {
                        delta = minSlack[j];
                        next = j;
                    }
                }

                for (int j = 0; j <= n; j++)
                {
                    if (used[j])
                    {
                        u[rowOfColumn[j]] += delta;
                        v[j] -= delta;
                    }
                    else
                    {
                        minSlack[j] -= delta;
                    }
                }

                column = next;
            }
            while (rowOfColumn[column] != 0);

            do
            {
                int previous = way[column];
                rowOfColumn[column] = rowOfColumn[previous];
                column = previous;
            }
            while (column != 0);
        }

        var assignment = new int[n];
        for (int j = 1; j <= n; j++)
        {
            assignment[rowOfColumn[j] - 1] = j - 1;
        }

        return assignment;
    }
}
