using System.Buffers.Binary;
using SparseMlNet.Data;

namespace SparseMlNet.Tests.Data;

public sealed class IdxReaderTests : IDisposable
{
    private readonly TestFiles _files = new();

    public void Dispose() => _files.Dispose();

    // Facts below were decoded independently with Python's gzip and struct modules.
    [Fact]
    public void ReadImages_FashionT1k_Has1000Images28x28()
    {
        IdxImages images = IdxReader.ReadImages(TestFiles.Fixture(TestFiles.FashionImages));

        Assert.Equal(1000, images.Count);
        Assert.Equal(28, images.Rows);
        Assert.Equal(28, images.Columns);
        Assert.Equal(784, images.PixelsPerImage);
        Assert.Equal(784_000, images.Pixels.Length);
        double firstImageSum = 0;
        foreach (float p in images.Pixels.AsSpan(0, 784))
        {
            firstImageSum += p;
        }

        Assert.Equal(33456, firstImageSum);
        Assert.Equal(0x62, images.Pixels[(14 * 28) + 12]);
    }

    [Fact]
    public void ReadLabels_FashionT1k_HasKnownFirstLabelsAndClassCounts()
    {
        int[] labels = IdxReader.ReadLabels(TestFiles.Fixture(TestFiles.FashionLabels));

        Assert.Equal(1000, labels.Length);
        Assert.Equal(new[] { 9, 2, 1, 1, 6, 1, 4, 6, 5, 7 }, labels[..10]);
        var counts = new int[10];
        foreach (int label in labels)
        {
            counts[label]++;
        }

        Assert.Equal(new[] { 107, 105, 111, 93, 115, 87, 97, 95, 95, 95 }, counts);
    }

    [Fact]
    public void ReadDataset_FashionT1k_HasRawPixelsAndTenClasses()
    {
        Dataset data = IdxReader.ReadDataset(TestFiles.Fixture(TestFiles.FashionImages), TestFiles.Fixture(TestFiles.FashionLabels));

        Assert.Equal(1000, data.Count);
        Assert.Equal(784, data.FeatureCount);
        Assert.Equal(10, data.ClassCount);
        Assert.Equal(9, data.Labels[0]);
        Assert.Null(data.FeatureNames);
        float max = 0;
        foreach (float p in data.Features)
        {
            Assert.InRange(p, 0f, 255f);
            max = Math.Max(max, p);
        }

        Assert.Equal(255f, max);
    }

    [Fact]
    public void ReadDataset_RawUncompressedFiles_ReadLikeGzip()
    {
        string images = _files.WriteBytes("images.idx", ImagesFile(count: 2, rows: 2, columns: 3, pixelBytes: 12));
        string labels = _files.WriteBytes("labels.idx", LabelsFile(count: 2, labelBytes: 2));
        string gzImages = _files.WriteGzip("images.bin", ImagesFile(count: 2, rows: 2, columns: 3, pixelBytes: 12));

        Dataset data = IdxReader.ReadDataset(images, labels, classCount: 4);

        Assert.Equal(2, data.Count);
        Assert.Equal(6, data.FeatureCount);
        Assert.Equal(4, data.ClassCount);
        Assert.Equal(new float[] { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11 }, data.Features.ToArray());
        Assert.Equal(new[] { 0, 1 }, data.Labels.ToArray());
        Assert.Equal(data.Features.ToArray(), IdxReader.ReadImages(gzImages).Pixels);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ReadImages_WrongMagic_ThrowsNamingFileAndExpectedMagic(bool gzip)
    {
        string path = Write("labels-as-images", LabelsFile(count: 3, labelBytes: 3), gzip);

        var ex = Assert.Throws<InvalidDataException>(() => IdxReader.ReadImages(path));

        Assert.Contains(path, ex.Message);
        Assert.Contains("magic number is 0x00000801", ex.Message);
        Assert.Contains("expected 0x00000803", ex.Message);
    }

    [Fact]
    public void ReadLabels_WrongMagic_ThrowsNamingExpectedMagic()
    {
        string path = _files.WriteBytes("garbage", [0x12, 0x34, 0x56, 0x78, 0, 0, 0, 1, 0]);

        var ex = Assert.Throws<InvalidDataException>(() => IdxReader.ReadLabels(path));

        Assert.Contains("0x12345678", ex.Message);
        Assert.Contains("expected 0x00000801", ex.Message);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ReadImages_TruncatedHeader_ThrowsTruncated(bool gzip)
    {
        string path = Write("short-header", ImagesFile(count: 1, rows: 2, columns: 2, pixelBytes: 4)[..10], gzip);

        var ex = Assert.Throws<InvalidDataException>(() => IdxReader.ReadImages(path));

        Assert.Contains(path, ex.Message);
        Assert.Contains("truncated", ex.Message);
        Assert.Contains("16-byte header", ex.Message);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ReadImages_TruncatedPixels_ThrowsTruncatedWithSizes(bool gzip)
    {
        // The header declares 10 images of 28x28 (7840 bytes) but only 3 images follow.
        string path = Write("short-pixels", ImagesFile(count: 10, rows: 28, columns: 28, pixelBytes: 3 * 784), gzip);

        var ex = Assert.Throws<InvalidDataException>(() => IdxReader.ReadImages(path));

        Assert.Contains(path, ex.Message);
        Assert.Contains("truncated", ex.Message);
        Assert.Contains("10 images of 28x28", ex.Message);
        Assert.Contains("7840 bytes", ex.Message);
        Assert.Contains("only 2352 bytes", ex.Message);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ReadImages_HugeDeclaredSize_ThrowsWithoutAllocating(bool gzip)
    {
        // 2 billion images of 1000x1000 cannot fit in any array; 1000 of 1000x1000 (10^9 bytes) fit in an array but not in these 116 bytes.
        string huge = Write("huge", ImagesFile(count: 2_000_000_000, rows: 1000, columns: 1000, pixelBytes: 100), gzip);
        string large = Write("large", ImagesFile(count: 1000, rows: 1000, columns: 1000, pixelBytes: 100), gzip);

        Assert.Contains("more than one array can hold", Assert.Throws<InvalidDataException>(() => IdxReader.ReadImages(huge)).Message);
        Assert.Contains("truncated", Assert.Throws<InvalidDataException>(() => IdxReader.ReadImages(large)).Message);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ReadLabels_DataPastDeclaredCount_Throws(bool gzip)
    {
        string path = Write("long-labels", LabelsFile(count: 3, labelBytes: 5), gzip);

        var ex = Assert.Throws<InvalidDataException>(() => IdxReader.ReadLabels(path));

        Assert.Contains(path, ex.Message);
        Assert.Contains("3 labels", ex.Message);
    }

    [Fact]
    public void ReadImages_ZeroDimension_ThrowsNamingDimension()
    {
        string path = _files.WriteBytes("zero-rows", ImagesFile(count: 1, rows: 0, columns: 28, pixelBytes: 0));

        var ex = Assert.Throws<InvalidDataException>(() => IdxReader.ReadImages(path));

        Assert.Contains("row count", ex.Message);
        Assert.Contains("expected at least 1", ex.Message);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ReadLabels_EmptyFile_ThrowsEmpty(bool gzip)
    {
        string path = Write("empty", [], gzip);

        var ex = Assert.Throws<InvalidDataException>(() => IdxReader.ReadLabels(path));

        Assert.Contains(path, ex.Message);
        Assert.Contains("is empty", ex.Message);
    }

    [Fact]
    public void ReadImages_CorruptGzip_ThrowsNamingFile()
    {
        string path = _files.WriteBytes("corrupt.gz", [0x1f, 0x8b, 0x08, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]);

        var ex = Assert.Throws<InvalidDataException>(() => IdxReader.ReadImages(path));

        Assert.Contains(path, ex.Message);
    }

    [Fact]
    public void ReadDataset_CountMismatch_ThrowsNamingBothFiles()
    {
        string images = _files.WriteBytes("images", ImagesFile(count: 3, rows: 1, columns: 2, pixelBytes: 6));
        string labels = _files.WriteBytes("labels", LabelsFile(count: 2, labelBytes: 2));

        var ex = Assert.Throws<InvalidDataException>(() => IdxReader.ReadDataset(images, labels));

        Assert.Contains(images, ex.Message);
        Assert.Contains(labels, ex.Message);
        Assert.Contains("3 images", ex.Message);
        Assert.Contains("2 labels", ex.Message);
    }

    [Fact]
    public void ReadDataset_LabelNotBelowClassCount_Throws()
    {
        string images = _files.WriteBytes("images", ImagesFile(count: 2, rows: 1, columns: 1, pixelBytes: 2));
        string labels = _files.WriteBytes("labels", LabelsFile(count: 2, labelBytes: 2));

        var ex = Assert.Throws<InvalidDataException>(() => IdxReader.ReadDataset(images, labels, classCount: 1));

        Assert.Contains("label 1", ex.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => IdxReader.ReadDataset(images, labels, classCount: 0));
    }

    [Fact]
    public void ReadImages_MissingFile_ThrowsFileNotFound()
    {
        Assert.Throws<FileNotFoundException>(() => IdxReader.ReadImages(Path.Combine(Path.GetTempPath(), "no-such-file-sparsemlnet.idx")));
    }

    private string Write(string name, byte[] content, bool gzip) => gzip ? _files.WriteGzip(name + ".gz", content) : _files.WriteBytes(name, content);

    /// <summary>An IDX image file whose header declares the given shape, followed by <paramref name="pixelBytes"/> bytes 0, 1, 2, ….</summary>
    private static byte[] ImagesFile(int count, int rows, int columns, int pixelBytes) =>
        IdxFile(IdxReader.ImagesMagic, [count, rows, columns], pixelBytes);

    /// <summary>An IDX label file declaring <paramref name="count"/> labels, followed by <paramref name="labelBytes"/> bytes 0, 1, 2, ….</summary>
    private static byte[] LabelsFile(int count, int labelBytes) => IdxFile(IdxReader.LabelsMagic, [count], labelBytes);

    private static byte[] IdxFile(int magic, int[] dims, int dataBytes)
    {
        var bytes = new byte[4 * (1 + dims.Length) + dataBytes];
        BinaryPrimitives.WriteInt32BigEndian(bytes, magic);
        for (int d = 0; d < dims.Length; d++)
        {
            BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4 * (d + 1)), dims[d]);
        }

        for (int i = 0; i < dataBytes; i++)
        {
            bytes[4 * (1 + dims.Length) + i] = (byte)i;
        }

        return bytes;
    }
}
