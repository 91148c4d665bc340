using Microsoft.ML;
using Microsoft.ML.Data;
using SparseMlNet.ML.Schema;

namespace SparseMlNet.ML.FeatureSelection;

/// <summary>
/// A fitted slot selector (<see cref="QuickSelectionTransformer"/>, <see cref="NeuroFSTransformer"/>): the output column holds the selected
/// slots of the input column, in slot order, with their slot names. The selection itself is ML.NET's own slot-dropping transformer
/// (<see cref="Selector"/>), so <c>mlContext.Model.Save</c>/<c>Load</c> work natively; a model loaded that way contains that ML.NET
/// transformer (the same output), without <see cref="Scores"/>.
/// </summary>
public abstract class SlotSelectionTransformer : ITransformer
{
    private readonly double[] _scores;
    private readonly int[] _selected;

    private protected SlotSelectionTransformer(string outputColumnName, string inputColumnName, int slotCount, double[] scores, int[] selected, ITransformer selector)
    {
        OutputColumnName = outputColumnName;
        InputColumnName = inputColumnName;
        SlotCount = slotCount;
        _scores = scores;
        _selected = selected;
        Selector = selector;
    }

    /// <summary>Name of the output column (Vector&lt;Single, SelectedIndices.Count&gt;).</summary>
    public string OutputColumnName { get; }

    /// <summary>Name of the input column (Vector&lt;Single, SlotCount&gt;).</summary>
    public string InputColumnName { get; }

    /// <summary>Length of the input vector the selector was fitted on.</summary>
    public int SlotCount { get; }

    /// <summary>
    /// The selector's score of every input slot (length <see cref="SlotCount"/>); higher is more important. QuickSelection: input neuron
    /// strength, ≥ 0; NeuroFS: see <see cref="SparseMlNet.FeatureSelection.NeuroFSResult.Scores"/>.
    /// </summary>
    public IReadOnlyList<double> Scores => _scores;

    /// <summary>The selected input slots in increasing order: output slot i is input slot SelectedIndices[i].</summary>
    public IReadOnlyList<int> SelectedIndices => _selected;

    /// <summary>ML.NET's slot-dropping transformer that performs the selection (what <c>mlContext.Model.Save</c> stores).</summary>
    public ITransformer Selector { get; }

    /// <summary>Delegates to <see cref="Selector"/>: true.</summary>
    public bool IsRowToRowMapper => Selector.IsRowToRowMapper;

    /// <summary>The input schema with the output column added.</summary>
    /// <param name="inputSchema">The input schema.</param>
    /// <returns>The output schema.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The input column is missing, not a vector of Single, or not of length <see cref="SlotCount"/>.</exception>
    public DataViewSchema GetOutputSchema(DataViewSchema inputSchema)
    {
        Check(inputSchema);
        return Selector.GetOutputSchema(inputSchema);
    }

    /// <summary>A row mapper over <paramref name="inputSchema"/>.</summary>
    /// <param name="inputSchema">The input schema.</param>
    /// <returns>The row mapper.</returns>
    /// <exception cref="ArgumentOutOfRangeException">As <see cref="GetOutputSchema"/>.</exception>
    public IRowToRowMapper GetRowToRowMapper(DataViewSchema inputSchema)
    {
        Check(inputSchema);
        return Selector.GetRowToRowMapper(inputSchema);
    }

    /// <summary>Adds the output column, lazily.</summary>
    /// <param name="input">The data.</param>
    /// <returns>The data with the output column.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">As <see cref="GetOutputSchema"/>.</exception>
    public IDataView Transform(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        Check(input.Schema);
        return Selector.Transform(input);
    }

    /// <summary>Saves <see cref="Selector"/>, ML.NET's own transformer, in its place (it loads back as that transformer).</summary>
    void ICanSaveModel.Save(ModelSaveContext ctx) => Selector.Save(ctx);

    private void Check(DataViewSchema inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        var column = SchemaErrors.Find(inputSchema, "input", InputColumnName);
        int size = SchemaErrors.RequireKnownSizeFloatVector(column, "input");
        if (size != SlotCount)
        {
            throw SchemaErrors.Mismatch("input", InputColumnName, new VectorDataViewType(NumberDataViewType.Single, SlotCount).ToString(), column.Type.ToString());
        }
    }
}
