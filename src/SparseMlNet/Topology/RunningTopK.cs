namespace SparseMlNet.Topology;

/// <summary>
/// The m largest (score, position) pairs of a stream, in O(m) memory however long the stream: offers collect in a buffer of 2m; when it is full,
/// a quickselect keeps the m best and the worst of them becomes the bar a later offer must pass (O(1) per rejected offer, amortised O(1) per
/// accepted one, against O(log m) for a binary heap, whose replacements dominated a RigL step). Ties in score go to the smaller position, so the
/// result does not depend on the order of offers. Positions must be distinct.
/// </summary>
internal sealed class RunningTopK
{
    private readonly int _capacity;
    private readonly float[] _scores;
    private readonly long[] _positions;
    private int _count;
    private bool _hasBar;
    private float _barScore;
    private long _barPosition;

    /// <summary>Creates an empty selection.</summary>
    /// <param name="capacity">m; Range: ≥ 0.</param>
    public RunningTopK(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        _capacity = capacity;
        _scores = new float[2 * capacity];
        _positions = new long[2 * capacity];
    }

    /// <summary>Pairs held once the stream ends (<see cref="SortedPositions"/>): min(offers, m).</summary>
    public int Count => Math.Min(_count, _capacity);

    /// <summary>Offers one pair; kept if it ranks among the m best so far (higher score, or equal score and smaller position).</summary>
    /// <param name="score">The score, for example |gradient|.</param>
    /// <param name="position">A distinct position identifying the candidate.</param>
    public void Offer(float score, long position)
    {
        if (_capacity == 0 || (_hasBar && !Better(score, position, _barScore, _barPosition)))
        {
            return;
        }

        _scores[_count] = score;
        _positions[_count++] = position;
        if (_count == _scores.Length)
        {
            Compact();
        }
    }

    /// <summary>The positions kept, ascending.</summary>
    /// <returns>min(offers, m) positions.</returns>
    public long[] SortedPositions()
    {
        if (_count > _capacity)
        {
            Compact();
        }

        long[] result = _positions.AsSpan(0, _count).ToArray();
        Array.Sort(result);
        return result;
    }

    private static bool Better(float score, long position, float otherScore, long otherPosition) =>
        score > otherScore || (score == otherScore && position < otherPosition);

    /// <summary>Keeps the m best of the buffer in [0, m) (quickselect, median-of-three pivots) and makes the worst of them the bar.</summary>
    private void Compact()
    {
        int lo = 0;
        int hi = _count - 1;
        int k = _capacity;
        while (lo < hi)
        {
            int p = Partition(lo, hi);
            if (p == k)
            {
                break;
            }

            if (p < k)
            {
                lo = p + 1;
            }
            else
            {
                hi = p - 1;
            }
        }

        _count = k;
        int worst = 0;
        for (int i = 1; i < k; i++)
        {
            if (Better(_scores[worst], _positions[worst], _scores[i], _positions[i]))
            {
                worst = i;
            }
        }

        (_barScore, _barPosition, _hasBar) = (_scores[worst], _positions[worst], true);
    }

    /// <summary>Lomuto partition of [lo, hi] around the median of its first, middle and last pairs; returns the pivot's final index (better pairs before it).</summary>
    private int Partition(int lo, int hi)
    {
        int mid = lo + ((hi - lo) / 2);
        if (Better(_scores[mid], _positions[mid], _scores[lo], _positions[lo]))
        {
            Swap(mid, lo);
        }

        if (Better(_scores[hi], _positions[hi], _scores[lo], _positions[lo]))
        {
            Swap(hi, lo);
        }

        if (Better(_scores[mid], _positions[mid], _scores[hi], _positions[hi]))
        {
            Swap(mid, hi);
        }

        // Now [lo] ≥ [hi] ≥ [mid] in rank: [hi] is the median; partition around it.
        float pivotScore = _scores[hi];
        long pivotPosition = _positions[hi];
        int store = lo;
        for (int j = lo; j < hi; j++)
        {
            if (Better(_scores[j], _positions[j], pivotScore, pivotPosition))
            {
                Swap(store++, j);
            }
        }

        Swap(store, hi);
        return store;
    }

    private void Swap(int a, int b)
    {
        (_scores[a], _scores[b]) = (_scores[b], _scores[a]);
        (_positions[a], _positions[b]) = (_positions[b], _positions[a]);
    }
}
