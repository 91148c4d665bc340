using Microsoft.ML;
using SparseMlNet.FeatureSelection;

namespace SparseMlNet.ML.FeatureSelection;

/// <summary>
/// <c>mlContext.Transforms.SelectFeaturesNeuroFS(...)</c>: supervised NeuroFS feature selection (Atashgahi et al., TMLR 2023) in ML.NET pipelines, with the
/// argument order of ML.NET's <c>SelectFeaturesBasedOnMutualInformation</c>.
/// </summary>
/// <example>
/// <code>
/// var pipeline = mlContext.Transforms.Conversion.MapValueToKey("Label")
///     .Append(mlContext.Transforms.SelectFeaturesNeuroFS("Selected", "Features", labelColumnName: "Label", count: 50))
///     .Append(mlContext.MulticlassClassification.Trainers.LbfgsMaximumEntropy(featureColumnName: "Selected"));
/// </code>
/// </example>
public static class NeuroFSCatalogExtensions
{
    /// <summary>Creates a <see cref="NeuroFSEstimator"/> with the common hyperparameters (the rest keep their defaults).</summary>
    /// <param name="catalog"><c>mlContext.Transforms</c>.</param>
    /// <param name="outputColumnName">Output column: the selected slots.</param>
    /// <param name="inputColumnName">Input column, a known-size vector of Single; null for <paramref name="outputColumnName"/>.</param>
    /// <param name="labelColumnName">Label column, a key (map other labels with <c>MapValueToKey</c>).</param>
    /// <param name="count">k, the number of slots to keep; [1, input length).</param>
    /// <param name="epochs">Training epochs; ≥ 2.</param>
    /// <param name="seed">Seed of topology, weights, shuffling and evolution.</param>
    /// <returns>The estimator.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="catalog"/> is null.</exception>
    /// <exception cref="ArgumentException">An empty column name.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> &lt; 1 or a hyperparameter out of range.</exception>
    public static NeuroFSEstimator SelectFeaturesNeuroFS(
        this TransformsCatalog catalog,
        string outputColumnName,
        string? inputColumnName = null,
        string labelColumnName = "Label",
        int count = 50,
        int epochs = NeuroFSOptions.Defaults.Epochs,
        int seed = NeuroFSOptions.Defaults.Seed) =>
        catalog.SelectFeaturesNeuroFS(outputColumnName, inputColumnName, labelColumnName, count, new NeuroFSEstimatorOptions { Epochs = epochs, Seed = seed });

    /// <summary>Creates a <see cref="NeuroFSEstimator"/> with every option.</summary>
    /// <param name="catalog"><c>mlContext.Transforms</c>.</param>
    /// <param name="outputColumnName">Output column: the selected slots.</param>
    /// <param name="inputColumnName">Input column, a known-size vector of Single; null for <paramref name="outputColumnName"/>.</param>
    /// <param name="labelColumnName">Label column, a key.</param>
    /// <param name="count">k, the number of slots to keep; [1, input length).</param>
    /// <param name="options">Hyperparameters and monitoring; copied now.</param>
    /// <returns>The estimator.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="catalog"/> or <paramref name="options"/> is null.</exception>
    /// <exception cref="ArgumentException">An empty column name.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> &lt; 1 or a hyperparameter out of range.</exception>
    public static NeuroFSEstimator SelectFeaturesNeuroFS(
        this TransformsCatalog catalog, string outputColumnName, string? inputColumnName, string labelColumnName, int count, NeuroFSEstimatorOptions options)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new NeuroFSEstimator(catalog, outputColumnName, inputColumnName ?? outputColumnName, labelColumnName, count, options);
    }
}
