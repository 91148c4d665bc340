using System.Globalization;
using SparseMlNet.Data;
using SparseMlNet.Networks;

namespace SparseMlNet.IO;

/// <summary>
/// Everything a saved model file holds, so predictions can run on raw data: the trained network, the feature scaler fitted on its
/// training data, and the names of its classes and features. Save and load it with <see cref="ModelSerializer"/>.
/// </summary>
/// <remarks>
/// A bundle is for inference and analysis: the optimiser state (momentum) is not part of it, so training a loaded network starts with fresh momentum.
/// </remarks>
public sealed class ModelBundle
{
    /// <summary>Creates a bundle and checks that its parts agree.</summary>
    /// <param name="network">The trained network.</param>
    /// <param name="scaler">The scaler applied to raw features before <paramref name="network"/>, fitted on the training data; null when the network takes raw features.
    /// Its <see cref="FeatureScaler.FeatureCount"/> must equal the network's <see cref="MultilayerPerceptron.InputCount"/>.</param>
    /// <param name="classNames">Name of each output class (index k names output k), length <see cref="MultilayerPerceptron.OutputCount"/>; null for none. Copied.</param>
    /// <param name="featureNames">Name of each input feature, length <see cref="MultilayerPerceptron.InputCount"/>; null for none. Copied.</param>
    /// <param name="policy">The dynamic-sparse-training policy the network was trained with (saved from format 2 on), or null for none recorded.
    /// Its <see cref="TrainingPolicy.NeuronsRemoved"/>, when given, has one entry per hidden layer.</param>
    /// <exception cref="ArgumentNullException"><paramref name="network"/> is null.</exception>
    /// <exception cref="ArgumentException">The scaler's feature count, the number of class names or the number of feature names does not match the network, a name is null,
    /// or the policy's neurons-removed list is not one non-negative count per hidden layer.</exception>
    public ModelBundle(MultilayerPerceptron network, FeatureScaler? scaler = null, IReadOnlyList<string>? classNames = null, IReadOnlyList<string>? featureNames = null, TrainingPolicy? policy = null)
    {
        ArgumentNullException.ThrowIfNull(network);
        if (scaler is not null && scaler.FeatureCount != network.InputCount)
        {
            throw new ArgumentException(
                $"The scaler was fitted on {scaler.FeatureCount} features but the network takes {network.InputCount}; fit the scaler on the network's training data.",
                nameof(scaler));
        }

        if (policy?.NeuronsRemoved is { } removed && (removed.Count != network.Layers.Count - 1 || removed.Any(n => n < 0)))
        {
            throw new ArgumentException(
                $"The policy lists neurons removed for {removed.Count} hidden layers (each ≥ 0); the network has {network.Layers.Count - 1}.", nameof(policy));
        }

        Network = network;
        Scaler = scaler;
        Policy = policy;
        ClassNames = CopyNames(classNames, network.OutputCount, "class", "outputs", nameof(classNames));
        FeatureNames = CopyNames(featureNames, network.InputCount, "feature", "inputs", nameof(featureNames));
    }

    /// <summary>The trained network.</summary>
    public MultilayerPerceptron Network { get; }

    /// <summary>The scaler applied to raw features before the network (fitted on the training data only), or null when the network takes raw features.</summary>
    public FeatureScaler? Scaler { get; }

    /// <summary>The dynamic-sparse-training policy and schedule the network was trained with, or null when none was recorded (format 1 files, FixProb, dense, custom policies).</summary>
    public TrainingPolicy? Policy { get; }

    /// <summary>Name of each class, index k naming output k (for example the label texts of a CSV file), or null.</summary>
    public IReadOnlyList<string>? ClassNames { get; }

    /// <summary>Name of each input feature (for example CSV header names), or null.</summary>
    public IReadOnlyList<string>? FeatureNames { get; }

    /// <summary>The name of class <paramref name="classIndex"/>: its entry in <see cref="ClassNames"/>, or the index in invariant digits when there are no names.</summary>
    /// <param name="classIndex">Range: [0, <see cref="MultilayerPerceptron.OutputCount"/>).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="classIndex"/> is outside the network's outputs.</exception>
    public string ClassName(int classIndex)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(classIndex);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(classIndex, Network.OutputCount);
        return ClassNames?[classIndex] ?? classIndex.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>Outputs (class probabilities under softmax cross-entropy) for raw, unscaled rows: applies <see cref="Scaler"/>, then the network.</summary>
    /// <param name="rawFeatures">Row-major [n, <see cref="MultilayerPerceptron.InputCount"/>], finite values, as the training data was before scaling.</param>
    /// <returns>Row-major [n, <see cref="MultilayerPerceptron.OutputCount"/>].</returns>
    /// <exception cref="ArgumentException">The length is not a positive multiple of the network's input count (the message gives it), or a value is NaN or infinite.</exception>
    public float[] Predict(ReadOnlySpan<float> rawFeatures) => Network.Predict(Scaled(rawFeatures));

    /// <summary>Arg-max class of every raw row (ties to the lower index); see <see cref="Predict"/>.</summary>
    /// <param name="rawFeatures">Row-major [n, <see cref="MultilayerPerceptron.InputCount"/>], unscaled.</param>
    /// <returns>n class indices in [0, <see cref="MultilayerPerceptron.OutputCount"/>); name them with <see cref="ClassName"/>.</returns>
    /// <exception cref="ArgumentException">As <see cref="Predict"/>.</exception>
    public int[] PredictClasses(ReadOnlySpan<float> rawFeatures) => Network.PredictClasses(Scaled(rawFeatures));

    /// <summary>Checks the shape of raw rows and applies the scaler, if any.</summary>
    private ReadOnlySpan<float> Scaled(ReadOnlySpan<float> rawFeatures)
    {
        int inputs = Network.InputCount;
        if (rawFeatures.IsEmpty || rawFeatures.Length % inputs != 0)
        {
            throw new ArgumentException(
                $"The model was trained on {inputs} features, but the data has {rawFeatures.Length} values, which is not a whole number of rows of {inputs}; give the same features as at training.",
                nameof(rawFeatures));
        }

        return Scaler is null ? rawFeatures : Scaler.Transform(rawFeatures, inputs);
    }

    private static string[]? CopyNames(IReadOnlyList<string>? names, int expected, string what, string unit, string parameter)
    {
        if (names is null)
        {
            return null;
        }

        if (names.Count != expected)
        {
            throw new ArgumentException($"There are {names.Count} {what} names but the network has {expected} {unit}; give one name per {what} or none.", parameter);
        }

        var copy = new string[expected];
        for (int i = 0; i < expected; i++)
        {
            copy[i] = names[i] ?? throw new ArgumentException($"{char.ToUpperInvariant(what[0])}{what[1..]} name {i} is null.", parameter);
        }

        return copy;
    }
}
