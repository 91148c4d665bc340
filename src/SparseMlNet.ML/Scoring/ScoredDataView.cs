using Microsoft.ML;

namespace SparseMlNet.ML.Scoring;

/// <summary>
/// The lazy output of <see cref="Trainers.SparseMlpPredictionTransformerBase.Transform"/>: nothing is scored until a cursor asks for
/// Score or PredictedLabel. Serial cursors score in batches of <see cref="BatchScoreSource.BatchSize"/> rows; shuffled ones row by row.
/// </summary>
internal sealed class ScoredDataView : IDataView
{
    private readonly IDataView _input;
    private readonly ScoringBinding _binding;

    public ScoredDataView(IDataView input, ScoringBinding binding)
    {
        _input = input;
        _binding = binding;
    }

    public bool CanShuffle => _input.CanShuffle;

    public DataViewSchema Schema => _binding.Output;

    public long? GetRowCount() => _input.GetRowCount();

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null)
    {
        ArgumentNullException.ThrowIfNull(columnsNeeded);
        var inputColumns = _binding.InputColumnsFor(columnsNeeded, out bool scored);
        var cursor = _input.GetRowCursor(inputColumns, rand);
        ScoreSource? source = !scored ? null
            : rand is null ? new BatchScoreSource(_input, cursor, _binding.Feature, _binding.Model.Network)
            : new RowScoreSource(cursor, _binding.Feature, _binding.Model.Network);
        return new ScoredCursor(cursor, _binding, source);
    }

    /// <summary>Returns one cursor (the batch scorer parallelises inside the network's kernels), which the interface allows.</summary>
    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) =>
        [GetRowCursor(columnsNeeded, rand)];
}
