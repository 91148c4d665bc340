using Microsoft.ML;
using SparseMlNet.Networks;
using SparseMlNet.Training;

namespace SparseMlNet.ML.Trainers;

/// <summary>
/// <c>mlContext.MulticlassClassification.Trainers.SparseMlp(...)</c> and <c>mlContext.BinaryClassification.Trainers.SparseMlp(...)</c>:
/// the SET-MLP classifier as ML.NET trainers (Mocanu et al., Nature Communications 2018).
/// </summary>
/// <remarks>
/// ML.NET does not let third-party components reach the <see cref="MLContext"/> behind a catalog, so the simple overloads take it as
/// <c>logContext</c> (pass the same <c>mlContext</c>) to write their per-epoch messages to <see cref="MLContext.Log"/>.
/// </remarks>
/// <example>
/// <code>
/// var pipeline = mlContext.Transforms.Conversion.MapValueToKey("Label")
///     .Append(mlContext.Transforms.NormalizeMinMax("Features"))
///     .Append(mlContext.MulticlassClassification.Trainers.SparseMlp(hiddenLayerSizes: [256, 256], epochs: 20, logContext: mlContext))
///     .Append(mlContext.Transforms.Conversion.MapKeyToValue("PredictedLabel"));
/// var model = pipeline.Fit(train);
/// var metrics = mlContext.MulticlassClassification.Evaluate(model.Transform(test));
/// </code>
/// </example>
public static class SparseMlpCatalogExtensions
{
    /// <summary>Creates a multiclass <see cref="SparseMlpTrainer"/> with the common hyperparameters; the others keep their <see cref="SparseMlpOptions"/> defaults.</summary>
    /// <param name="catalog">The multiclass trainers catalog.</param>
    /// <param name="labelColumnName">Label column: key, or a number that is a class index.</param>
    /// <param name="featureColumnName">Feature column: known-size vector of Single.</param>
    /// <param name="exampleWeightColumnName">Optional Single column of per-row weights ≥ 0 used in the loss; null for none.</param>
    /// <param name="hiddenLayerSizes">Neurons of each hidden layer; null for the default 1000, 1000, 1000.</param>
    /// <param name="epsilon">ε of the Erdős–Rényi initialisation; &gt; 0.</param>
    /// <param name="zeta">ζ, the fraction of weights SET replaces after each epoch; [0, 1).</param>
    /// <param name="epochs">Training epochs; null (default: 100, or enough for 600 SGD steps on small data, <see cref="MlpTrainerOptions.EffectiveEpochs"/>) or ≥ 1.</param>
    /// <param name="learningRate">SGD learning rate; &gt; 0. Null: 0.02 for SET and FixProb, 0.01 for dense (<see cref="MlpTrainerOptions.Defaults.LearningRateFor"/>).</param>
    /// <param name="kind">Evolution policy: SET, FixProb (static sparse) or dense.</param>
    /// <param name="seed">Seed of topology, weights, shuffling, dropout and evolution.</param>
    /// <param name="logContext">When given (the same <c>mlContext</c>), one Info message per epoch goes to its log, channel "SparseMlp".</param>
    /// <exception cref="ArgumentNullException"><paramref name="catalog"/> is null.</exception>
    /// <exception cref="ArgumentException">An empty column name.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A hyperparameter out of range.</exception>
    public static SparseMlpTrainer SparseMlp(
        this MulticlassClassificationCatalog.MulticlassClassificationTrainers catalog,
        string labelColumnName = "Label",
        string featureColumnName = "Features",
        string? exampleWeightColumnName = null,
        IReadOnlyList<int>? hiddenLayerSizes = null,
        double epsilon = MlpTrainerOptions.Defaults.Epsilon,
        double zeta = MlpTrainerOptions.Defaults.Zeta,
        int? epochs = null,
        float? learningRate = null,
        NetworkKind kind = NetworkKind.Set,
        int seed = MlpTrainerOptions.Defaults.Seed,
        MLContext? logContext = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new SparseMlpTrainer(Options(labelColumnName, featureColumnName, exampleWeightColumnName, hiddenLayerSizes, epsilon, zeta, epochs, learningRate, kind, seed, logContext));
    }

    /// <summary>Creates a multiclass <see cref="SparseMlpTrainer"/> with every option.</summary>
    /// <param name="catalog">The multiclass trainers catalog.</param>
    /// <param name="options">Columns, hyperparameters and monitoring; copied now.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">An empty column name or invalid combination.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A hyperparameter out of range.</exception>
    public static SparseMlpTrainer SparseMlp(this MulticlassClassificationCatalog.MulticlassClassificationTrainers catalog, SparseMlpOptions options)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new SparseMlpTrainer(options);
    }

    /// <summary>Creates a binary <see cref="SparseMlpBinaryTrainer"/> (Boolean label) with the common hyperparameters; the others keep their <see cref="SparseMlpOptions"/> defaults.</summary>
    /// <param name="catalog">The binary trainers catalog.</param>
    /// <param name="labelColumnName">Label column: Boolean.</param>
    /// <param name="featureColumnName">Feature column: known-size vector of Single.</param>
    /// <param name="exampleWeightColumnName">Optional Single column of per-row weights ≥ 0 used in the loss; null for none.</param>
    /// <param name="hiddenLayerSizes">Neurons of each hidden layer; null for the default 1000, 1000, 1000.</param>
    /// <param name="epsilon">ε of the Erdős–Rényi initialisation; &gt; 0.</param>
    /// <param name="zeta">ζ, the fraction of weights SET replaces after each epoch; [0, 1).</param>
    /// <param name="epochs">Training epochs; null (default: 100, or enough for 600 SGD steps on small data, <see cref="MlpTrainerOptions.EffectiveEpochs"/>) or ≥ 1.</param>
    /// <param name="learningRate">SGD learning rate; &gt; 0. Null: the kind's default.</param>
    /// <param name="kind">Evolution policy: SET, FixProb (static sparse) or dense.</param>
    /// <param name="seed">Seed of topology, weights, shuffling, dropout and evolution.</param>
    /// <param name="logContext">When given (the same <c>mlContext</c>), one Info message per epoch goes to its log, channel "SparseMlpBinary".</param>
    /// <exception cref="ArgumentNullException"><paramref name="catalog"/> is null.</exception>
    /// <exception cref="ArgumentException">An empty column name.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A hyperparameter out of range.</exception>
    public static SparseMlpBinaryTrainer SparseMlp(
        this BinaryClassificationCatalog.BinaryClassificationTrainers catalog,
        string labelColumnName = "Label",
        string featureColumnName = "Features",
        string? exampleWeightColumnName = null,
        IReadOnlyList<int>? hiddenLayerSizes = null,
        double epsilon = MlpTrainerOptions.Defaults.Epsilon,
        double zeta = MlpTrainerOptions.Defaults.Zeta,
        int? epochs = null,
        float? learningRate = null,
        NetworkKind kind = NetworkKind.Set,
        int seed = MlpTrainerOptions.Defaults.Seed,
        MLContext? logContext = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new SparseMlpBinaryTrainer(Options(labelColumnName, featureColumnName, exampleWeightColumnName, hiddenLayerSizes, epsilon, zeta, epochs, learningRate, kind, seed, logContext));
    }

    /// <summary>Creates a binary <see cref="SparseMlpBinaryTrainer"/> with every option.</summary>
    /// <param name="catalog">The binary trainers catalog.</param>
    /// <param name="options">Columns, hyperparameters and monitoring; copied now.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">An empty column name or invalid combination.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A hyperparameter out of range.</exception>
    public static SparseMlpBinaryTrainer SparseMlp(this BinaryClassificationCatalog.BinaryClassificationTrainers catalog, SparseMlpOptions options)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new SparseMlpBinaryTrainer(options);
    }

    private static SparseMlpOptions Options(
        string labelColumnName, string featureColumnName, string? exampleWeightColumnName, IReadOnlyList<int>? hiddenLayerSizes,
        double epsilon, double zeta, int? epochs, float? learningRate, NetworkKind kind, int seed, MLContext? logContext) => new()
    {
        LabelColumnName = labelColumnName,
        FeatureColumnName = featureColumnName,
        ExampleWeightColumnName = exampleWeightColumnName,
        HiddenLayerSizes = hiddenLayerSizes ?? MlpTrainerOptions.Defaults.HiddenLayerSizes,
        Epsilon = epsilon,
        Zeta = zeta,
        Epochs = epochs,
        LearningRate = learningRate,
        Kind = kind,
        Seed = seed,
        LogContext = logContext,
    };
}
