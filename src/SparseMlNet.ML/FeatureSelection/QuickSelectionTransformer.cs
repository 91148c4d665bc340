using Microsoft.ML;

namespace SparseMlNet.ML.FeatureSelection;

/// <summary>
/// A fitted QuickSelection slot selector: the output column holds the selected slots of the input column, in slot order, with their slot names.
/// The selection itself is ML.NET's own slot-dropping transformer (<see cref="SlotSelectionTransformer.Selector"/>), so <c>mlContext.Model.Save</c>/<c>Load</c> work
/// natively; a model loaded that way contains that ML.NET transformer (the same output), without <see cref="SlotSelectionTransformer.Scores"/>. A model saved with
/// <c>mlContext.Model.SaveSparseMlNet</c> loads back (<c>LoadSparseMlNet</c>) as this type, with its scores, selected indices and slot names.
/// </summary>
public sealed class QuickSelectionTransformer : SlotSelectionTransformer
{
    private readonly string[]? _slotNames;
    private readonly string[]? _selectedSlotNames;

    internal QuickSelectionTransformer(string outputColumnName, string inputColumnName, int slotCount, double[] scores, int[] selected, string[]? slotNames, ITransformer selector)
        : base(outputColumnName, inputColumnName, slotCount, scores, selected, selector)
    {
        if (scores.Length != slotCount || (slotNames is not null && slotNames.Length != slotCount) || selected.Any(i => (uint)i >= (uint)slotCount))
        {
            throw new ArgumentException($"A QuickSelection transformer over {slotCount} slots needs {slotCount} scores (and slot names) and selected indices in [0, {slotCount}).", nameof(scores));
        }

        _slotNames = slotNames;
        _selectedSlotNames = slotNames is null ? null : Array.ConvertAll(selected, i => slotNames[i]);
    }

    /// <summary>Names of the input slots (length <see cref="SlotSelectionTransformer.SlotCount"/>; a slot without a name is "slot{i}"), or null when the input column had no slot names.</summary>
    public IReadOnlyList<string>? SlotNames => _slotNames;

    /// <summary>Names of the selected slots, in output order (SlotNames[SelectedIndices[i]]), or null when the input column had no slot names.</summary>
    public IReadOnlyList<string>? SelectedSlotNames => _selectedSlotNames;
}
