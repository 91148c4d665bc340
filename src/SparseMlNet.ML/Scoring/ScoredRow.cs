using Microsoft.ML;
using Microsoft.ML.Data;

namespace SparseMlNet.ML.Scoring;

/// <summary>A row of the scored output over one input row (for <see cref="SparseMlpRowMapper.GetRow"/> and PredictionEngine).</summary>
internal sealed class ScoredRow : DataViewRow
{
    private readonly DataViewRow _input;
    private readonly ScoringBinding _binding;
    private readonly ScoreSource? _source;

    public ScoredRow(DataViewRow input, ScoringBinding binding, bool scored)
    {
        _input = input;
        _binding = binding;
        _source = scored ? new RowScoreSource(input, binding.Feature, binding.Model.Network) : null;
    }

    public override DataViewSchema Schema => _binding.Output;

    public override long Position => _input.Position;

    public override long Batch => _input.Batch;

    public override ValueGetter<DataViewRowId> GetIdGetter() => _input.GetIdGetter();

    public override bool IsColumnActive(DataViewSchema.Column column) =>
        _binding.IsScored(column) ? _source is not null : _input.IsColumnActive(_binding.Input[column.Index]);

    public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column) => _binding.GetGetter<TValue>(_input, _source, column);
}
