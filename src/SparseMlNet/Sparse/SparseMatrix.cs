namespace SparseMlNet.Sparse;

/// <summary>
/// The connectivity and weights of one sparse layer: a matrix of shape [<see cref="Rows"/> = n_out, <see cref="Columns"/> = n_in]
/// stored in compressed sparse row (CSR) order by output neuron, plus a transposed (CSC) index by input neuron.
/// </summary>
/// <remarks>
/// <para>Layout (memory proportional to nnz plus neurons, never to n_in·n_out):</para>
/// <list type="bullet">
/// <item><c>RowPointers[n_out + 1]</c>, <c>ColumnIndices[nnz]</c>, <c>Values[nnz]</c>: CSR by output neuron, column indices ascending in each row.
/// The forward kernel (Y = W·X) and the weight-gradient kernel (SDDMM) walk it row by row.</item>
/// <item><c>ColumnPointers[n_in + 1]</c>, <c>TransposedRowIndices[nnz]</c>, <c>TransposedToCsr[nnz]</c>: the same connections grouped by input neuron,
/// each pointing back to its CSR slot, so the backward kernel (dX = Wᵀ·dY) reads the one weight array and no copy has to be kept in sync.</item>
/// </list>
/// <para>Every per-connection array (weights, optimiser state, gradients) shares the CSR order; topology evolution rebuilds both indices in O(nnz log nnz).</para>
/// </remarks>
public sealed class SparseMatrix
{
    private SparseMatrix(int rows, int columns, int[] rowPointers, int[] columnIndices, float[] values)
    {
        Rows = rows;
        Columns = columns;
        RowPointers = rowPointers;
        ColumnIndices = columnIndices;
        Values = values;
        ColumnPointers = new int[columns + 1];
        TransposedRowIndices = new int[columnIndices.Length];
        TransposedToCsr = new int[columnIndices.Length];
        BuildTransposedIndex(new int[columns]);
    }

    /// <summary>Number of rows: output neurons n_out.</summary>
    public int Rows { get; }

    /// <summary>Number of columns: input neurons n_in.</summary>
    public int Columns { get; }

    /// <summary>Number of connections (stored non-zeros).</summary>
    public int Nnz => ColumnIndices.Length;

    /// <summary>Fraction of the n_out·n_in possible connections that exist; Range: [0, 1].</summary>
    public double Density => Nnz / ((double)Rows * Columns);

    internal int[] RowPointers { get; }

    internal int[] ColumnIndices { get; }

    /// <summary>Weights in CSR order (mutable: the optimiser updates them in place).</summary>
    internal float[] Values { get; }

    internal int[] ColumnPointers { get; }

    internal int[] TransposedRowIndices { get; }

    internal int[] TransposedToCsr { get; }

    /// <summary>Weights in CSR order, length <see cref="Nnz"/>.</summary>
    public ReadOnlySpan<float> Weights => Values;

    /// <summary>Row pointers of the CSR layout, length <see cref="Rows"/> + 1.</summary>
    public ReadOnlySpan<int> RowOffsets => RowPointers;

    /// <summary>Column (input neuron) index of each connection in CSR order, length <see cref="Nnz"/>.</summary>
    public ReadOnlySpan<int> ConnectionColumns => ColumnIndices;

    /// <summary>Number of connections of output neuron <paramref name="row"/> (its fan-in).</summary>
    public int RowDegree(int row) => RowPointers[row + 1] - RowPointers[row];

    /// <summary>Number of connections of input neuron <paramref name="column"/> (its fan-out).</summary>
    public int ColumnDegree(int column) => ColumnPointers[column + 1] - ColumnPointers[column];

    /// <summary>Returns the weight at (row, column), or 0 when there is no connection. O(log fan-in).</summary>
    public float this[int row, int column]
    {
        get
        {
            int k = Find(row, column);
            return k >= 0 ? Values[k] : 0f;
        }
    }

    /// <summary>Whether the connection (row, column) exists. O(log fan-in).</summary>
    public bool Contains(int row, int column) => Find(row, column) >= 0;

    /// <summary>
    /// Builds a matrix from coordinates in any order. Memory and time are O(nnz log nnz + rows + columns).
    /// </summary>
    /// <param name="rows">n_out; Range: ≥ 1.</param>
    /// <param name="columns">n_in; Range: ≥ 1.</param>
    /// <param name="rowIndices">Row of each connection, in [0, rows).</param>
    /// <param name="columnIndices">Column of each connection, in [0, columns).</param>
    /// <param name="values">Weight of each connection.</param>
    /// <exception cref="ArgumentOutOfRangeException">A size is below 1 or an index is outside the matrix.</exception>
    /// <exception cref="ArgumentException">The three spans differ in length, or a (row, column) pair appears twice.</exception>
    public static SparseMatrix FromCoordinates(int rows, int columns, ReadOnlySpan<int> rowIndices, ReadOnlySpan<int> columnIndices, ReadOnlySpan<float> values)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rows, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(columns, 1);
        if (rowIndices.Length != columnIndices.Length || rowIndices.Length != values.Length)
        {
            throw new ArgumentException("Row indices, column indices and values must have the same length.", nameof(values));
        }

        int nnz = rowIndices.Length;
        var keys = new long[nnz];
        var order = new int[nnz];
        for (int k = 0; k < nnz; k++)
        {
            if ((uint)rowIndices[k] >= (uint)rows)
            {
                throw new ArgumentOutOfRangeException(nameof(rowIndices), rowIndices[k], $"Row index at position {k} is outside [0, {rows}).");
            }

            if ((uint)columnIndices[k] >= (uint)columns)
            {
                throw new ArgumentOutOfRangeException(nameof(columnIndices), columnIndices[k], $"Column index at position {k} is outside [0, {columns}).");
            }

            keys[k] = ((long)rowIndices[k] * columns) + columnIndices[k];
            order[k] = k;
        }

        Array.Sort(keys, order);
        var rowPointers = new int[rows + 1];
        var sortedColumns = new int[nnz];
        var sortedValues = new float[nnz];
        for (int k = 0; k < nnz; k++)
        {
            if (k > 0 && keys[k] == keys[k - 1])
            {
                throw new ArgumentException($"Connection ({keys[k] / columns}, {keys[k] % columns}) appears twice.", nameof(rowIndices));
            }

            int row = (int)(keys[k] / columns);
            rowPointers[row + 1]++;
            sortedColumns[k] = (int)(keys[k] % columns);
            sortedValues[k] = values[order[k]];
        }

        for (int r = 0; r < rows; r++)
        {
            rowPointers[r + 1] += rowPointers[r];
        }

        return new SparseMatrix(rows, columns, rowPointers, sortedColumns, sortedValues);
    }

    /// <summary>
    /// Wraps CSR arrays that the caller guarantees are valid (row pointers monotone, columns ascending and unique per row).
    /// Used by the engine's own builders (Erdős–Rényi sampling, evolution, model loading), which produce sorted rows directly.
    /// </summary>
    internal static SparseMatrix FromSortedCsr(int rows, int columns, int[] rowPointers, int[] columnIndices, float[] values) =>
        new(rows, columns, rowPointers, columnIndices, values);

    /// <summary>
    /// Checks the CSR invariants and throws <see cref="InvalidDataException"/> naming the first violation.
    /// Used on data from outside the process (a model file) before <see cref="FromSortedCsr"/>.
    /// </summary>
    internal static void ValidateCsr(int rows, int columns, ReadOnlySpan<int> rowPointers, ReadOnlySpan<int> columnIndices)
    {
        if (rowPointers.Length != rows + 1 || rowPointers[0] != 0 || rowPointers[rows] != columnIndices.Length)
        {
            throw new InvalidDataException("Row pointers do not describe the stored connections.");
        }

        for (int r = 0; r < rows; r++)
        {
            int start = rowPointers[r];
            int end = rowPointers[r + 1];
            if (end < start)
            {
                throw new InvalidDataException($"Row pointers decrease at row {r}.");
            }

            for (int k = start; k < end; k++)
            {
                if ((uint)columnIndices[k] >= (uint)columns || (k > start && columnIndices[k] <= columnIndices[k - 1]))
                {
                    throw new InvalidDataException($"Column indices of row {r} are out of range, unsorted or repeated.");
                }
            }
        }
    }

    internal int Find(int row, int column)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(row);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(row, Rows);
        int start = RowPointers[row];
        int k = ColumnIndices.AsSpan(start, RowPointers[row + 1] - start).BinarySearch(column);
        return k >= 0 ? start + k : -1;
    }

    /// <summary>
    /// Rebuilds the CSC index (<see cref="ColumnPointers"/>, <see cref="TransposedRowIndices"/>, <see cref="TransposedToCsr"/>) in place after
    /// the CSR arrays were rewritten in place with the same nnz (topology evolution); allocates nothing.
    /// </summary>
    /// <param name="next">Scratch of at least <see cref="Columns"/> ints; its contents are overwritten.</param>
    internal void RebuildTransposedIndex(Span<int> next)
    {
        ColumnPointers.AsSpan().Clear();
        BuildTransposedIndex(next[..Columns]);
    }

    private void BuildTransposedIndex(Span<int> next)
    {
        // Counting sort by column: O(nnz + n_in). Rows come out ascending within each column because CSR is walked in row order.
        var colPtr = ColumnPointers;
        foreach (int c in ColumnIndices)
        {
            colPtr[c + 1]++;
        }

        for (int c = 0; c < Columns; c++)
        {
            colPtr[c + 1] += colPtr[c];
        }

        colPtr.AsSpan(0, Columns).CopyTo(next);
        for (int r = 0; r < Rows; r++)
        {
            for (int k = RowPointers[r]; k < RowPointers[r + 1]; k++)
            {
                int slot = next[ColumnIndices[k]]++;
                TransposedRowIndices[slot] = r;
                TransposedToCsr[slot] = k;
            }
        }
    }
}
