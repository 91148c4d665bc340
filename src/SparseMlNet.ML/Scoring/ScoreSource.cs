using Microsoft.ML;
using Microsoft.ML.Data;
using SparseMlNet.Networks;

namespace SparseMlNet.ML.Scoring;

/// <summary>Scores of the current row of a row or cursor: <see cref="Current"/> scores it when needed and returns its index into <see cref="Scores"/> (×K) and <see cref="Keys"/>.</summary>
internal abstract class ScoreSource
{
    /// <summary>Row-major class probabilities of the buffered rows.</summary>
    public float[] Scores { get; protected set; } = [];

    /// <summary>Predicted key (1-based class; 0 for a row with a non-finite feature) of the buffered rows.</summary>
    public uint[] Keys { get; protected set; } = [];

    /// <summary>Ensures the current row is scored and returns its buffer index.</summary>
    public abstract int Current();

    /// <summary>The error for a row whose feature vector has another length than the model takes, naming the column and both widths.</summary>
    protected static InvalidOperationException WrongWidth(string column, int actual, int expected, long row) => new(
        $"Feature column '{column}' holds a vector of length {actual} at row {row}, but the model was trained on {expected} features: " +
        $"feed '{column}' as a vector of {expected} values (the training data's columns, in the same order).");
}

/// <summary>Scores one row at a time, reading the feature column of the row itself (used by the row mapper, PredictionEngine and shuffled cursors).</summary>
internal sealed class RowScoreSource : ScoreSource
{
    private readonly DataViewRow _row;
    private readonly NetworkScorer _scorer;
    private readonly ValueGetter<VBuffer<float>> _features;
    private readonly float[] _buffer;
    private readonly string _column;
    private VBuffer<float> _vector;
    private long _position = -1;

    public RowScoreSource(DataViewRow row, DataViewSchema.Column feature, MultilayerPerceptron network)
    {
        _row = row;
        _column = feature.Name;
        _scorer = new NetworkScorer(network, 1);
        _features = row.GetGetter<VBuffer<float>>(feature);
        _buffer = new float[network.InputCount];
        Scores = new float[network.OutputCount];
        Keys = new uint[1];
    }

    public override int Current()
    {
        if (_row.Position != _position || _position < 0)
        {
            _features(ref _vector);
            if (_vector.Length != _buffer.Length)
            {
                throw WrongWidth(_column, _vector.Length, _buffer.Length, _row.Position);
            }

            _vector.CopyTo(_buffer);
            _scorer.Score(_buffer, 1, Scores, Keys);
            _position = _row.Position;
        }

        return 0;
    }
}

/// <summary>
/// Scores rows in batches for a serial, unshuffled cursor: a second cursor over the feature column reads ahead, the network scores
/// <see cref="BatchSize"/> rows at once, and each row's ID is checked against the main cursor's so that the batch stays aligned.
/// If the IDs ever differ (a data view whose cursors do not repeat the same order), it falls back to scoring row by row.
/// </summary>
internal sealed class BatchScoreSource : ScoreSource, IDisposable
{
    public const int BatchSize = 256;

    private readonly DataViewRowCursor _main;
    private readonly ValueGetter<DataViewRowId> _mainId;
    private readonly DataViewSchema.Column _feature;
    private readonly MultilayerPerceptron _network;
    private readonly NetworkScorer _scorer;
    private RowScoreSource? _fallback;
    private readonly float[] _features;
    private readonly DataViewRowId[] _ids = new DataViewRowId[BatchSize];
    private readonly string _column;
    private DataViewRowCursor? _ahead;
    private ValueGetter<VBuffer<float>>? _aheadFeatures;
    private ValueGetter<DataViewRowId>? _aheadId;
    private VBuffer<float> _vector;
    private long _start;
    private int _count;
    private bool _aligned = true;

    public BatchScoreSource(IDataView input, DataViewRowCursor main, DataViewSchema.Column feature, MultilayerPerceptron network)
    {
        _main = main;
        _column = feature.Name;
        _mainId = main.GetIdGetter();
        _feature = feature;
        _network = network;
        _scorer = new NetworkScorer(network, BatchSize);
        _features = new float[BatchSize * network.InputCount];
        Scores = new float[BatchSize * network.OutputCount];
        Keys = new uint[BatchSize];
        _ahead = input.GetRowCursor([feature]);
        _aheadFeatures = _ahead.GetGetter<VBuffer<float>>(feature);
        _aheadId = _ahead.GetIdGetter();
    }

    public override int Current()
    {
        if (!_aligned)
        {
            return FallbackCurrent();
        }

        long position = _main.Position;
        if (position < _start)
        {
            return Misaligned();
        }

        while (position >= _start + _count)
        {
            if (!Fill())
            {
                return Misaligned();
            }
        }

        int index = (int)(position - _start);

        DataViewRowId id = default;
        _mainId(ref id);
        return id.Equals(_ids[index]) ? index : Misaligned();
    }

    public void Dispose()
    {
        _ahead?.Dispose();
        _ahead = null;
    }

    /// <summary>Reads and scores the next batch; false when the read-ahead cursor has no more rows.</summary>
    private bool Fill()
    {
        _start += _count;
        _count = 0;
        int d = _network.InputCount;
        while (_count < BatchSize && _ahead!.MoveNext())
        {
            _aheadFeatures!(ref _vector);
            if (_vector.Length != d)
            {
                throw WrongWidth(_column, _vector.Length, d, _ahead.Position);
            }

            _vector.CopyTo(_features.AsSpan(_count * d, d));
            _aheadId!(ref _ids[_count]);
            _count++;
        }

        if (_count == 0)
        {
            return false;
        }

        _scorer.Score(_features, _count, Scores, Keys);
        return true;
    }

    private int Misaligned()
    {
        _aligned = false;
        Dispose();
        return FallbackCurrent();
    }

    private int FallbackCurrent()
    {
        _fallback ??= new RowScoreSource(_main, _feature, _network);
        int index = _fallback.Current();
        Scores = _fallback.Scores;
        Keys = _fallback.Keys;
        return index;
    }
}
