using System.Collections.Concurrent;

namespace SparseMlNet.Topology;

/// <summary>
/// The scratch arrays of one prune-and-grow step (removal marks, grown positions, the counting-sort cursor of the CSC rebuild), kept by a
/// <see cref="TopologyEvolution"/> and reused from layer to layer and epoch to epoch, so that a step allocates nothing proportional to nnz
/// once the buffers have grown to the largest layer. Layers that evolve concurrently rent separate sets (<see cref="Pool"/>).
/// </summary>
internal sealed class EvolutionBuffers
{
    private bool[] _remove = [];
    private long[] _grown = [];
    private int[] _next = [];

    /// <summary>Removal marks for <paramref name="nnz"/> connections, all false.</summary>
    public Span<bool> Remove(int nnz)
    {
        if (_remove.Length < nnz)
        {
            _remove = new bool[nnz];
        }

        Span<bool> marks = _remove.AsSpan(0, nnz);
        marks.Clear();
        return marks;
    }

    /// <summary>Room for <paramref name="count"/> grown positions (contents undefined).</summary>
    public Span<long> Grown(int count)
    {
        if (_grown.Length < count)
        {
            _grown = new long[count];
        }

        return _grown.AsSpan(0, count);
    }

    /// <summary>Scratch of <paramref name="columns"/> ints for <c>SparseMatrix.RebuildTransposedIndex</c>.</summary>
    public Span<int> Next(int columns)
    {
        if (_next.Length < columns)
        {
            _next = new int[columns];
        }

        return _next.AsSpan(0, columns);
    }

    /// <summary>A thread-safe pool of buffer sets: at most one set per concurrently evolving layer is ever created.</summary>
    public sealed class Pool
    {
        private readonly ConcurrentBag<EvolutionBuffers> _free = [];

        /// <summary>Takes a set (a new one when all are in use).</summary>
        public EvolutionBuffers Rent() => _free.TryTake(out EvolutionBuffers? buffers) ? buffers : new EvolutionBuffers();

        /// <summary>Gives a set back for the next step.</summary>
        public void Return(EvolutionBuffers buffers) => _free.Add(buffers);
    }
}
