namespace SparseMlNet.Tests.Data;

/// <summary>Small CIFAR-10 binary files for the CLI tests: random labels 0–9 and pixels, in the format's 3,073-byte records.</summary>
internal static class Cifar10ReaderTestsFiles
{
    /// <summary>Writes <paramref name="records"/> records to <paramref name="path"/> and returns it.</summary>
    public static string Write(string path, int records)
    {
        var random = new Random(records);
        var bytes = new byte[records * 3073];
        random.NextBytes(bytes);
        for (int r = 0; r < records; r++)
        {
            bytes[r * 3073] = (byte)(r % 10);
        }

        File.WriteAllBytes(path, bytes);
        return path;
    }
}
