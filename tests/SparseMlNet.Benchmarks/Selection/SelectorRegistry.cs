using SparseMlNet.FeatureSelection;

namespace SparseMlNet.Benchmarks.Selection;

/// <summary>
/// Every selector the selection benchmark runs, by key. Adding a method is one line here: a key and a factory of an <see cref="IFeatureScorer"/>
/// (as NeuroFS: <c>["neurofs"] = _ => FeatureScorer.NeuroFS()</c>).
/// </summary>
internal static class SelectorRegistry
{
    /// <summary>Factories by key, in table order; the argument is the ensemble's R and the minimum batches per epoch.</summary>
    public static readonly IReadOnlyDictionary<string, Func<SelectionTableOptions, IFeatureScorer>> Factories =
        new Dictionary<string, Func<SelectionTableOptions, IFeatureScorer>>(StringComparer.OrdinalIgnoreCase)
        {
            ["quickselection"] = o => FeatureScorer.QuickSelection(QuickSelection(o, runs: 1)),
            ["ensemble"] = o => FeatureScorer.QuickSelection(QuickSelection(o, o.Runs)),
            ["random"] = _ => FeatureScorer.Random(),
            ["variance"] = _ => FeatureScorer.Variance(),
            ["laplacian"] = _ => FeatureScorer.Laplacian(),
            ["mi"] = _ => FeatureScorer.MutualInformation(),
            ["neurofs"] = o => FeatureScorer.NeuroFS(o.NeuroFS),
        };

    private static QuickSelectionOptions QuickSelection(SelectionTableOptions options, int runs)
    {
        var engine = new QuickSelectionOptions { Runs = runs, MinimumBatchesPerEpoch = options.MinimumBatchesPerEpoch, DropConstantFeatures = true };
        engine.Scaling = options.Scaling ?? engine.Scaling;
        engine.Epochs = options.Epochs ?? engine.Epochs;
        engine.EnsembleEpochs = options.Epochs ?? engine.EnsembleEpochs;
        return engine;
    }
}
