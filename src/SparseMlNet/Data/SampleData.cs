using System.IO.Compression;
using System.Reflection;

namespace SparseMlNet.Data;

/// <summary>
/// Small real data sets embedded in the SparseMlNet assembly, so examples, tests and a first <c>sparsemlnet train</c> run need no download.
/// </summary>
/// <remarks>
/// Fashion-MNIST (Xiao, Rasul and Vollgraf, arXiv:1708.07747, 2017; © 2017 Zalando SE, MIT licence; see Resources/README.md in the source tree).
/// </remarks>
public static class SampleData
{
    private const string ImagesResource = "SparseMlNet.Resources.fashion_mnist_t1k-images-idx3-ubyte.gz";
    private const string LabelsResource = "SparseMlNet.Resources.fashion_mnist_t1k-labels-idx1-ubyte.gz";

    /// <summary>The Fashion-MNIST class names; entry k names label k (0 "T-shirt/top" … 9 "Ankle boot").</summary>
    public static IReadOnlyList<string> FashionMnistClassNames { get; } =
        ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"];

    /// <summary>
    /// The first 1000 images of the Fashion-MNIST test set: 28×28 grey-level clothing images in 10 classes (about 100 each; names in
    /// <see cref="FashionMnistClassNames"/>). Each call reads and returns a new copy.
    /// </summary>
    /// <returns>A data set of shape [1000, 784] with raw pixel values in [0, 255] (row by row within each image), labels 0..9, no feature names.
    /// Split it (<see cref="DataSplit"/>) and scale it (<see cref="FeatureScaler"/>) before training.</returns>
    public static Dataset FashionMnist1k()
    {
        IdxImages images = ReadResource(ImagesResource, IdxReader.ReadImagesFrom);
        int[] labels = ReadResource(LabelsResource, IdxReader.ReadLabelsFrom);
        return new Dataset(images.Pixels, labels, images.PixelsPerImage, FashionMnistClassNames.Count);
    }

    private static T ReadResource<T>(string name, Func<Stream, string, T> read)
    {
        using Stream resource = typeof(SampleData).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The embedded resource '{name}' is missing from {typeof(SampleData).Assembly.GetName().Name}; the build is broken.");
        using var gzip = new GZipStream(resource, CompressionMode.Decompress);
        return read(gzip, $"embedded resource {name}");
    }
}
