using Microsoft.ML;
using SparseMlNet.FeatureSelection;

namespace SparseMlNet.ML.FeatureSelection;

/// <summary><c>mlContext.Transforms.SelectFeaturesQuickSelection(...)</c>: QuickSelection feature selection (Atashgahi et al., Machine Learning 2022) in ML.NET pipelines.</summary>
/// <example>
/// <code>
/// var pipeline = mlContext.Transforms.NormalizeMeanVariance("Features")
///     .Append(mlContext.Transforms.SelectFeaturesQuickSelection("Selected", "Features", count: 50))
///     .Append(mlContext.BinaryClassification.Trainers.LbfgsLogisticRegression(featureColumnName: "Selected"));
/// </code>
/// </example>
public static class QuickSelectionCatalogExtensions
{
    /// <summary>Creates a <see cref="QuickSelectionEstimator"/> with the common hyperparameters (the rest keep the paper's defaults).</summary>
    /// <param name="catalog"><c>mlContext.Transforms</c>.</param>
    /// <param name="outputColumnName">Output column: the selected slots.</param>
    /// <param name="inputColumnName">Input column, a known-size vector of Single; null for <paramref name="outputColumnName"/>.</param>
    /// <param name="count">Number of slots to keep; [1, input length].</param>
    /// <param name="hiddenNeurons">Hidden neurons of the autoencoder; ≥ 1.</param>
    /// <param name="epochs">Training epochs; ≥ 1.</param>
    /// <param name="seed">Seed of topology, weights, noise and evolution.</param>
    /// <exception cref="ArgumentNullException"><paramref name="catalog"/> is null.</exception>
    /// <exception cref="ArgumentException">An empty column name.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> &lt; 1 or a hyperparameter out of range.</exception>
    public static QuickSelectionEstimator SelectFeaturesQuickSelection(
        this TransformsCatalog catalog,
        string outputColumnName,
        string? inputColumnName = null,
        int count = 100,
        int hiddenNeurons = QuickSelectionOptions.Defaults.HiddenNeurons,
        int epochs = QuickSelectionOptions.Defaults.Epochs,
        int seed = QuickSelectionOptions.Defaults.Seed) =>
        catalog.SelectFeaturesQuickSelection(outputColumnName, inputColumnName, count, new QuickSelectionEstimatorOptions { HiddenNeurons = hiddenNeurons, Epochs = epochs, Seed = seed });

    /// <summary>Creates a <see cref="QuickSelectionEstimator"/> with every option.</summary>
    /// <param name="catalog"><c>mlContext.Transforms</c>.</param>
    /// <param name="outputColumnName">Output column: the selected slots.</param>
    /// <param name="inputColumnName">Input column, a known-size vector of Single; null for <paramref name="outputColumnName"/>.</param>
    /// <param name="count">Number of slots to keep; [1, input length].</param>
    /// <param name="options">Hyperparameters and monitoring; copied now.</param>
    /// <exception cref="ArgumentNullException"><paramref name="catalog"/> or <paramref name="options"/> is null.</exception>
    /// <exception cref="ArgumentException">An empty column name.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> &lt; 1 or a hyperparameter out of range.</exception>
    public static QuickSelectionEstimator SelectFeaturesQuickSelection(
        this TransformsCatalog catalog, string outputColumnName, string? inputColumnName, int count, QuickSelectionEstimatorOptions options)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new QuickSelectionEstimator(catalog, outputColumnName, inputColumnName ?? outputColumnName, count, options);
    }
}
