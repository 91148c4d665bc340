using Microsoft.ML;
using SparseMlNet.ML.FeatureSelection;

namespace SparseMlNet.ML.Persistence;

/// <summary>
/// What a <see cref="QuickSelectionTransformer"/> adds to the ML.NET slot selector it wraps: column names, slot count, every slot's
/// score, the selected indices and the slot names, as a JSON entry. The selector itself stays in its ML.NET run (saved by
/// <c>mlContext.Model.Save</c>), so the ML.NET part of the file is loadable on its own.
/// </summary>
internal static class QuickSelectionPartFormat
{
    public static byte[] Write(QuickSelectionTransformer transformer) => ModelJson.Serialize(new QuickSelectionState
    {
        OutputColumnName = transformer.OutputColumnName,
        InputColumnName = transformer.InputColumnName,
        SlotCount = transformer.SlotCount,
        Scores = [.. transformer.Scores],
        SelectedIndices = [.. transformer.SelectedIndices],
        SlotNames = transformer.SlotNames?.ToArray(),
    });

    /// <summary>Rebuilds the transformer around <paramref name="selector"/>, the ML.NET slot selector loaded from the same run.</summary>
    /// <exception cref="InvalidDataException">The entry is not valid or does not match its selector's output.</exception>
    public static QuickSelectionTransformer Read(Stream json, ITransformer selector)
    {
        var state = ModelJson.Deserialize<QuickSelectionState>(json, "QuickSelection entry");
        try
        {
            return new QuickSelectionTransformer(state.OutputColumnName, state.InputColumnName, state.SlotCount, state.Scores, state.SelectedIndices, state.SlotNames, selector);
        }
        catch (ArgumentException e)
        {
            throw new InvalidDataException($"A QuickSelection entry of the model file is inconsistent ({e.Message}); the file is corrupted.", e);
        }
    }

    private sealed class QuickSelectionState
    {
        public string OutputColumnName { get; set; } = "";

        public string InputColumnName { get; set; } = "";

        public int SlotCount { get; set; }

        public double[] Scores { get; set; } = [];

        public int[] SelectedIndices { get; set; } = [];

        public string[]? SlotNames { get; set; }
    }
}
