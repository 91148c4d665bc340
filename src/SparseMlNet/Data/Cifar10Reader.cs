namespace SparseMlNet.Data;

/// <summary>
/// Reads the binary version of CIFAR-10 (Krizhevsky 2009; <c>data_batch_1.bin</c> … <c>data_batch_5.bin</c>, <c>test_batch.bin</c>): records of
/// 1 label byte (0–9) and 3,072 pixel bytes, the 1,024 red values of the 32 × 32 image row by row, then the green, then the blue. Features are
/// reordered to the engine's image layout (<see cref="ImageShape"/> 32 × 32 × 3, channels innermost: index (row·32 + column)·3 + channel), as raw
/// values in [0, 255]. Files may be gzip-compressed (detected by magic bytes).
/// </summary>
public static class Cifar10Reader
{
    /// <summary>Bytes of one record: 1 label byte + 3 × 32 × 32 pixels.</summary>
    public const int RecordSize = 1 + PixelsPerImage;

    /// <summary>Pixels of one image (3 channels × 32 × 32).</summary>
    public const int PixelsPerImage = 3 * 32 * 32;

    /// <summary>The ten class names, in label order.</summary>
    public static IReadOnlyList<string> ClassNames { get; } = ["airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck"];

    /// <summary>The image layout of the features: 32 × 32 pixels, 3 channels innermost.</summary>
    public static ImageShape Shape { get; } = new(32, 32, 3);

    /// <summary>Reads and concatenates one or more CIFAR-10 binary files, in the order given.</summary>
    /// <param name="paths">The files; at least one.</param>
    /// <returns>[n, 3072] raw pixels, labels 0–9, ten classes.</returns>
    /// <exception cref="ArgumentException">No path given.</exception>
    /// <exception cref="FileNotFoundException">A file does not exist.</exception>
    /// <exception cref="InvalidDataException">A file is empty, its length is not a whole number of 3,073-byte records (the message gives both), or a label byte is above 9.</exception>
    public static Dataset Read(IReadOnlyList<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        if (paths.Count == 0)
        {
            throw new ArgumentException("Give at least one CIFAR-10 binary file, for example data_batch_1.bin.", nameof(paths));
        }

        var features = new List<float>();
        var labels = new List<int>();
        foreach (string path in paths)
        {
            byte[] bytes;
            using (Stream stream = DataFile.OpenRead(path))
            using (var memory = new MemoryStream())
            {
                stream.CopyTo(memory);
                bytes = memory.ToArray();
            }

            if (bytes.Length == 0 || bytes.Length % RecordSize != 0)
            {
                throw new InvalidDataException(
                    $"File '{path}' has {bytes.Length} bytes, which is not a whole number of CIFAR-10 records of {RecordSize} bytes (1 label + {PixelsPerImage} pixels); "
                    + "give the binary version's files (data_batch_N.bin, test_batch.bin), not the Python or MATLAB version.");
            }

            int records = bytes.Length / RecordSize;
            features.Capacity = features.Count + (records * PixelsPerImage);
            for (int r = 0; r < records; r++)
            {
                int offset = r * RecordSize;
                byte label = bytes[offset];
                if (label > 9)
                {
                    throw new InvalidDataException($"File '{path}', record {r}: label byte {label}; CIFAR-10 labels are 0–9. Is this CIFAR-100 (2 label bytes per record)?");
                }

                labels.Add(label);
                var image = new float[PixelsPerImage];
                for (int p = 0; p < PixelsPerImage; p++)
                {
                    int channel = p / 1024;
                    image[((p % 1024) * 3) + channel] = bytes[offset + 1 + p];
                }

                features.AddRange(image);
            }
        }

        return new Dataset([.. features], [.. labels], PixelsPerImage, 10);
    }
}
