using System.Globalization;
using SparseMlNet.Data;

namespace SparseMlNet.Benchmarks.Epochs;

/// <summary>
/// The training data of the epoch benchmarks: the first n Fashion-MNIST training images (784 pixels, 10 classes) when the Debian package
/// <c>dataset-fashion-mnist</c> is installed, else synthetic data of the same shape; standardised per feature either way.
/// </summary>
internal static class BenchmarkData
{
    /// <summary>Environment variable that overrides the default sample count (60000, one Fashion-MNIST training epoch).</summary>
    public const string SamplesVariable = "SPARSEMLNET_BENCH_SAMPLES";

    /// <summary>Environment variable naming a directory holding <c>train-images-idx3-ubyte.gz</c> and <c>train-labels-idx1-ubyte.gz</c>.</summary>
    public const string DataDirectoryVariable = "SPARSEMLNET_BENCH_DATA";

    /// <summary>Samples of a Fashion-MNIST training epoch.</summary>
    public const int DefaultSamples = 60000;

    /// <summary>Pixels of a Fashion-MNIST image (28×28).</summary>
    public const int FeatureCount = 784;

    /// <summary>Fashion-MNIST classes.</summary>
    public const int ClassCount = 10;

    private const string DebianDirectory = "/usr/share/datasets/fashion-mnist";

    /// <summary>Hidden layer sizes of the SET papers' Fashion-MNIST network 784-1000-1000-1000-10.</summary>
    public static IReadOnlyList<int> HiddenLayers { get; } = [1000, 1000, 1000];

    /// <summary>The sample count from <see cref="SamplesVariable"/>, or <paramref name="fallback"/>.</summary>
    /// <exception cref="InvalidOperationException">The variable is set but is not an integer ≥ 10.</exception>
    public static int SamplesFromEnvironment(int fallback = DefaultSamples)
    {
        string? text = Environment.GetEnvironmentVariable(SamplesVariable);
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int n) && n >= ClassCount
            ? n
            : throw new InvalidOperationException($"{SamplesVariable}='{text}' is not a sample count; give an integer ≥ {ClassCount}, for example 2000.");
    }

    /// <summary>Loads <paramref name="samples"/> standardised rows and describes where they came from.</summary>
    public static (Dataset Data, string Source) Load(int samples)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(samples, ClassCount);
        string directory = Environment.GetEnvironmentVariable(DataDirectoryVariable) is { Length: > 0 } d ? d : DebianDirectory;
        string images = Path.Combine(directory, "train-images-idx3-ubyte.gz");
        string labels = Path.Combine(directory, "train-labels-idx1-ubyte.gz");
        Dataset raw;
        string source;
        if (File.Exists(images) && File.Exists(labels))
        {
            Dataset full = IdxReader.ReadDataset(images, labels, ClassCount);
            int n = Math.Min(samples, full.Count);
            raw = n == full.Count ? full : full.Subset(Enumerable.Range(0, n).ToArray());
            source = $"Fashion-MNIST ({directory}), first {n} training images";
        }
        else
        {
            raw = Synthetic(samples, seed: 7);
            source = $"synthetic Fashion-MNIST-shaped data ({samples} x {FeatureCount}, {ClassCount} classes; {directory} not found)";
        }

        return (FeatureScaler.Fit(raw, ScalingKind.Standardize).Transform(raw), source);
    }

    /// <summary>
    /// Learnable synthetic data in [0, 255] like raw pixels: each class has a random prototype image and each sample is its prototype plus Gaussian noise,
    /// clipped; labels cycle through the classes.
    /// </summary>
    private static Dataset Synthetic(int samples, int seed)
    {
        var random = new Random(seed);
        var prototypes = new float[ClassCount * FeatureCount];
        for (int i = 0; i < prototypes.Length; i++)
        {
            prototypes[i] = (float)(random.NextDouble() * 255);
        }

        var features = new float[samples * FeatureCount];
        var labels = new int[samples];
        for (int s = 0; s < samples; s++)
        {
            int label = s % ClassCount;
            labels[s] = label;
            for (int f = 0; f < FeatureCount; f++)
            {
                double u1 = 1.0 - random.NextDouble();
                double gaussian = Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * random.NextDouble());
                features[(s * FeatureCount) + f] = (float)Math.Clamp(prototypes[(label * FeatureCount) + f] + (80 * gaussian), 0, 255);
            }
        }

        return new Dataset(features, labels, FeatureCount, ClassCount);
    }
}
