using System.Buffers.Binary;

namespace SparseMlNet.Data;

/// <summary>
/// Reads the IDX format of MNIST and Fashion-MNIST: a big-endian int32 magic number, one big-endian int32 per dimension,
/// then unsigned bytes. Files may be gzip-compressed (detected by the magic bytes 1f 8b, whatever the file name) or raw.
/// </summary>
/// <remarks>
/// Every malformed input raises an <see cref="InvalidDataException"/> whose message names the file, what is wrong and what was expected.
/// Declared sizes are checked against the data actually present before large buffers are allocated.
/// </remarks>
public static class IdxReader
{
    /// <summary>Magic number of an IDX file of unsigned-byte images with three dimensions (count, rows, columns).</summary>
    public const int ImagesMagic = 0x00000803;

    /// <summary>Magic number of an IDX file of unsigned-byte labels with one dimension (count).</summary>
    public const int LabelsMagic = 0x00000801;

    private static readonly string[] ImageDimensions = ["image count", "row count", "column count"];
    private static readonly string[] LabelDimensions = ["label count"];

    /// <summary>Reads an IDX image file (magic 0x00000803).</summary>
    /// <param name="path">Path of the file, gzip-compressed or raw.</param>
    /// <returns>The images; pixel values are raw, in [0, 255].</returns>
    /// <exception cref="ArgumentException"><paramref name="path"/> is null or empty.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is empty, has the wrong magic number, a truncated header, a dimension below 1, truncated pixel data, data past the declared size, or is corrupt gzip.</exception>
    public static IdxImages ReadImages(string path)
    {
        using Stream stream = DataFile.OpenRead(path);
        return ReadImagesFrom(stream, path);
    }

    /// <summary>Reads IDX images from an open, already decompressed stream (embedded sample data); <paramref name="path"/> names it in errors.</summary>
    internal static IdxImages ReadImagesFrom(Stream stream, string path)
    {
        Span<int> dims = stackalloc int[ImageDimensions.Length];
        ReadHeader(stream, path, ImagesMagic, "image", ImageDimensions, dims);
        int count = dims[0], rows = dims[1], columns = dims[2];
        float[] pixels = DataFile.ReadBytesAsFloats(stream, (long)count * rows * columns, path, $"{count} images of {rows}x{columns} pixels");

        return new IdxImages(pixels, count, rows, columns);
    }

    /// <summary>Reads an IDX label file (magic 0x00000801).</summary>
    /// <param name="path">Path of the file, gzip-compressed or raw.</param>
    /// <returns>One label per item, each in [0, 255].</returns>
    /// <exception cref="ArgumentException"><paramref name="path"/> is null or empty.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is empty, has the wrong magic number, a truncated header, a count below 1, truncated label data, data past the declared size, or is corrupt gzip.</exception>
    public static int[] ReadLabels(string path)
    {
        using Stream stream = DataFile.OpenRead(path);
        return ReadLabelsFrom(stream, path);
    }

    /// <summary>Reads IDX labels from an open, already decompressed stream (embedded sample data); <paramref name="path"/> names it in errors.</summary>
    internal static int[] ReadLabelsFrom(Stream stream, string path)
    {
        Span<int> dims = stackalloc int[LabelDimensions.Length];
        ReadHeader(stream, path, LabelsMagic, "label", LabelDimensions, dims);
        byte[] bytes = DataFile.ReadToEndExactly(stream, dims[0], path, $"{dims[0]} labels");
        var labels = new int[bytes.Length];
        for (int i = 0; i < bytes.Length; i++)
        {
            labels[i] = bytes[i];
        }

        return labels;
    }

    /// <summary>Reads an IDX image file and its label file into a data set with one row of raw pixel values in [0, 255] per image.</summary>
    /// <param name="imagesPath">Path of the image file (magic 0x00000803).</param>
    /// <param name="labelsPath">Path of the label file (magic 0x00000801), one label per image.</param>
    /// <param name="classCount">Number of classes K; when null, 1 + the largest label, and the labels must then form the dense range 0..K-1 (every value occurs).
    /// Range: ≥ 1. Give it for a subset that may lack some class.</param>
    /// <returns>A data set of shape [image count, rows × columns] without feature names. Scale it separately (see <see cref="FeatureScaler"/>).</returns>
    /// <exception cref="ArgumentException">A path is null or empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="classCount"/> is below 1.</exception>
    /// <exception cref="FileNotFoundException">A file does not exist.</exception>
    /// <exception cref="InvalidDataException">Either file is malformed (see <see cref="ReadImages"/> and <see cref="ReadLabels"/>), the image and label counts differ, a label is not below <paramref name="classCount"/>,
    /// or (without <paramref name="classCount"/>) the labels are not the dense range 0..K-1.</exception>
    public static Dataset ReadDataset(string imagesPath, string labelsPath, int? classCount = null)
    {
        if (classCount is { } k)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(k, 1, nameof(classCount));
        }

        IdxImages images = ReadImages(imagesPath);
        int[] labels = ReadLabels(labelsPath);
        if (labels.Length != images.Count)
        {
            throw new InvalidDataException(
                $"Image file '{imagesPath}' holds {images.Count} images but label file '{labelsPath}' holds {labels.Length} labels; expected one label per image.");
        }

        if (classCount is { } classes)
        {
            for (int i = 0; i < labels.Length; i++)
            {
                if (labels[i] >= classes)
                {
                    throw new InvalidDataException(
                        $"Label file '{labelsPath}': label {labels[i]} of item {i} is outside [0, {classes}); expected labels below the class count {classes}.");
                }
            }
        }

        else
        {
            // Labels are class indices only when they form the dense range 0..K-1: a stray byte 200 among 0..9 would build 201 outputs.
            var present = new SortedSet<int>(labels);
            int max = present.Count == 0 ? -1 : present.Max;
            if (present.Count != max + 1)
            {
                int item = Array.IndexOf(labels, max);
                throw new InvalidDataException(
                    $"Label file '{labelsPath}': the labels are not the dense range 0..K-1 of class indices: found the values {string.Join(", ", present.Take(20))}" +
                    $"{(present.Count > 20 ? $", … ({present.Count} distinct)" : string.Empty)} (item {item} has {max}), but {max + 1 - present.Count} of 0..{max} never occur. " +
                    "Check the file, or give the class count.");
            }
        }

        return new Dataset(images.Pixels, labels, images.PixelsPerImage, classCount);
    }

    /// <summary>Reads and checks the magic number and the dimensions (each ≥ 1) into <paramref name="dims"/>.</summary>
    private static void ReadHeader(Stream stream, string path, int expectedMagic, string kind, string[] dimensionNames, Span<int> dims)
    {
        int headerLength = 4 * (1 + dims.Length);
        Span<byte> header = stackalloc byte[headerLength];
        int read = stream.ReadAtLeast(header, headerLength, throwOnEndOfStream: false);
        if (read == 0)
        {
            throw new InvalidDataException($"File '{path}' is empty; expected an IDX {kind} file starting with the magic number 0x{expectedMagic:X8}.");
        }

        if (read >= 4)
        {
            int magic = BinaryPrimitives.ReadInt32BigEndian(header);
            if (magic != expectedMagic)
            {
                string hint = magic switch
                {
                    ImagesMagic => " (that is an IDX image file)",
                    LabelsMagic => " (that is an IDX label file)",
                    _ => string.Empty,
                };
                throw new InvalidDataException(
                    $"File '{path}' is not an IDX {kind} file: its magic number is 0x{magic:X8}{hint}; expected 0x{expectedMagic:X8}.");
            }
        }

        if (read < headerLength)
        {
            throw new InvalidDataException(
                $"File '{path}' is truncated inside its IDX header: it holds {read} bytes; expected a {headerLength}-byte header (magic number and {dims.Length} dimension(s)).");
        }

        for (int d = 0; d < dims.Length; d++)
        {
            dims[d] = BinaryPrimitives.ReadInt32BigEndian(header[(4 * (d + 1))..]);
            if (dims[d] < 1)
            {
                throw new InvalidDataException(
                    $"File '{path}' declares {dims[d]} as the {dimensionNames[d]} in its IDX {kind} header; expected at least 1.");
            }
        }
    }
}
