using Microsoft.ML;

namespace SparseMlNet.ML.FeatureSelection;

/// <summary>
/// A fitted NeuroFS slot selector: the output column holds the selected slots of the input column, in slot order, with their slot names.
/// The selection itself is ML.NET's own slot-dropping transformer (<see cref="SlotSelectionTransformer.Selector"/>), so <c>mlContext.Model.Save</c>/<c>Load</c> work
/// natively; a loaded model contains that ML.NET transformer (the same output), without <see cref="SlotSelectionTransformer.Scores"/>
/// (here the NeuroFS scores, see <see cref="SparseMlNet.FeatureSelection.NeuroFSResult.Scores"/>).
/// </summary>
public sealed class NeuroFSTransformer : SlotSelectionTransformer
{
    internal NeuroFSTransformer(string outputColumnName, string inputColumnName, int slotCount, double[] scores, int[] selected, ITransformer selector)
        : base(outputColumnName, inputColumnName, slotCount, scores, selected, selector)
    {
    }
}
