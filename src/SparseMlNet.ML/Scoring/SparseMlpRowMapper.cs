using Microsoft.ML;
using Microsoft.ML.Data;

namespace SparseMlNet.ML.Scoring;

/// <summary>Row-to-row mapping of the SparseMlp scorer, used by PredictionEngine and by transformer chains' composite mappers.</summary>
internal sealed class SparseMlpRowMapper : IRowToRowMapper
{
    private readonly ScoringBinding _binding;

    public SparseMlpRowMapper(ScoringBinding binding) => _binding = binding;

    public DataViewSchema InputSchema => _binding.Input;

    public DataViewSchema OutputSchema => _binding.Output;

    public IEnumerable<DataViewSchema.Column> GetDependencies(IEnumerable<DataViewSchema.Column> dependingColumns)
    {
        ArgumentNullException.ThrowIfNull(dependingColumns);
        return _binding.InputColumnsFor(dependingColumns, out _);
    }

    public DataViewRow GetRow(DataViewRow input, IEnumerable<DataViewSchema.Column> activeColumns)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(activeColumns);
        if (input.Schema != _binding.Input)
        {
            throw new ArgumentException("The row's schema is not the schema this mapper was created for; create a mapper for it with GetRowToRowMapper.", nameof(input));
        }

        _binding.InputColumnsFor(activeColumns, out bool scored);
        return new ScoredRow(input, _binding, scored);
    }
}
