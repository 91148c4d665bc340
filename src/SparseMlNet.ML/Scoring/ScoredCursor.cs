using Microsoft.ML;
using Microsoft.ML.Data;

namespace SparseMlNet.ML.Scoring;

/// <summary>A cursor of <see cref="ScoredDataView"/>: the input cursor's columns plus Score and PredictedLabel, computed lazily.</summary>
internal sealed class ScoredCursor : DataViewRowCursor
{
    private readonly DataViewRowCursor _input;
    private readonly ScoringBinding _binding;
    private readonly ScoreSource? _source;

    public ScoredCursor(DataViewRowCursor input, ScoringBinding binding, ScoreSource? source)
    {
        _input = input;
        _binding = binding;
        _source = source;
    }

    public override DataViewSchema Schema => _binding.Output;

    public override long Position => _input.Position;

    public override long Batch => _input.Batch;

    public override ValueGetter<DataViewRowId> GetIdGetter() => _input.GetIdGetter();

    public override bool IsColumnActive(DataViewSchema.Column column) =>
        _binding.IsScored(column) ? _source is not null : _input.IsColumnActive(_binding.Input[column.Index]);

    public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column) => _binding.GetGetter<TValue>(_input, _source, column);

    public override bool MoveNext() => _input.MoveNext();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            (_source as IDisposable)?.Dispose();
            _input.Dispose();
        }

        base.Dispose(disposing);
    }
}
