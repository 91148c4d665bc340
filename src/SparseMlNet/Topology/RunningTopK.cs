namespace SparseMlNet.Topology;

/// <summary>
/// The m largest (score, position) pairs of a stream, kept in a binary min-heap of capacity m: O(log m) per accepted offer, O(1) per rejected one,
/// O(m) memory however long the stream. Ties in score go to the smaller position, so the result does not depend on the order of offers.
/// </summary>
internal sealed class RunningTopK
{
    private readonly float[] _scores;
    private readonly long[] _positions;

    /// <summary>Creates an empty selection.</summary>
    /// <param name="capacity">m; Range: ≥ 0.</param>
    public RunningTopK(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        _scores = new float[capacity];
        _positions = new long[capacity];
    }

    /// <summary>Pairs held; at most the capacity.</summary>
    public int Count { get; private set; }

    /// <summary>Offers a candidate.</summary>
    /// <param name="score">Its score (larger is better; finite).</param>
    /// <param name="position">Its position (distinct across offers).</param>
    public void Offer(float score, long position)
    {
        if (Count < _scores.Length)
        {
            int i = Count++;
            _scores[i] = score;
            _positions[i] = position;
            SiftUp(i);
            return;
        }

        if (_scores.Length == 0 || !Better(score, position, _scores[0], _positions[0]))
        {
            return;
        }

        _scores[0] = score;
        _positions[0] = position;
        SiftDown(0);
    }

    /// <summary>The positions held, ascending.</summary>
    /// <returns>A new array of length <see cref="Count"/>.</returns>
    public long[] SortedPositions()
    {
        long[] result = _positions.AsSpan(0, Count).ToArray();
        Array.Sort(result);
        return result;
    }

    private static bool Better(float score, long position, float otherScore, long otherPosition) =>
        score > otherScore || (score == otherScore && position < otherPosition);

    private void SiftUp(int i)
    {
        while (i > 0)
        {
            int parent = (i - 1) / 2;
            if (!Better(_scores[parent], _positions[parent], _scores[i], _positions[i]))
            {
                return;
            }

            Swap(i, parent);
            i = parent;
        }
    }

    private void SiftDown(int i)
    {
        while (true)
        {
            int left = (2 * i) + 1;
            if (left >= Count)
            {
                return;
            }

            int worst = left;
            int right = left + 1;
            if (right < Count && Better(_scores[left], _positions[left], _scores[right], _positions[right]))
            {
                worst = right;
            }

            if (!Better(_scores[i], _positions[i], _scores[worst], _positions[worst]))
            {
                return;
            }

            Swap(i, worst);
            i = worst;
        }
    }

    private void Swap(int a, int b)
    {
        (_scores[a], _scores[b]) = (_scores[b], _scores[a]);
        (_positions[a], _positions[b]) = (_positions[b], _positions[a]);
    }
}
