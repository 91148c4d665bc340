using System.IO.Compression;
using System.Text;
using SparseMlNet.Data;

namespace SparseMlNet.Tests.Data;

/// <summary>Files that are cut short, mislabelled or malformed are refused with a message that says what was found, never read as valid.</summary>
public sealed class DataIntegrityTests : IDisposable
{
    private readonly TestFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Theory]
    [InlineData(0.1)]
    [InlineData(0.5)]
    [InlineData(0.999)]
    public void Read_GzipCutShort_ThrowsTruncatedGzip(double keep)
    {
        byte[] whole = File.ReadAllBytes(TestFiles.Fixture(TestFiles.Digits));
        string path = _files.WriteBytes("cut.csv.gz", whole[..(int)(whole.Length * keep)]);

        var ex = Assert.Throws<InvalidDataException>(() => CsvDatasetReader.Read(path));
        Assert.Contains("truncated gzip file", ex.Message, StringComparison.Ordinal);
        Assert.Contains("cut.csv.gz", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_GzipCutAtARowBoundaryAfterAFlush_ThrowsTruncatedGzip()
    {
        // The deflate stream is flushed after row 74, and the file cut right there: every byte decompresses, the rows are whole, only the trailer is missing.
        string csv = Encoding.UTF8.GetString(DecompressFixture());
        string[] lines = csv.Split('\n');
        string head = string.Join('\n', lines[..75]) + "\n";
        using var compressed = new MemoryStream();
        var gzip = new GZipStream(compressed, CompressionLevel.Optimal, leaveOpen: true);
        gzip.Write(Encoding.UTF8.GetBytes(head));
        gzip.Flush();
        long cut = compressed.Length;
        gzip.Write(Encoding.UTF8.GetBytes(string.Join('\n', lines[75..])));
        gzip.Dispose();
        string path = _files.WriteBytes("rows.csv.gz", compressed.ToArray()[..(int)cut]);

        var ex = Assert.Throws<InvalidDataException>(() => CsvDatasetReader.Read(path));
        Assert.Contains("truncated gzip file", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_WholeGzip_StillReadsEveryRow()
    {
        string path = _files.WriteGzip("whole.csv.gz", DecompressFixture());
        Assert.Equal(1797, CsvDatasetReader.Read(path).Dataset.Count);
    }

    [Fact]
    public void ReadIdx_GzipCutShort_ThrowsTruncated()
    {
        byte[] whole = File.ReadAllBytes(TestFiles.Fixture(TestFiles.FashionLabels));
        string path = _files.WriteBytes("labels.gz", whole[..(whole.Length - 4)]);
        string images = TestFiles.Fixture(TestFiles.FashionImages);

        var ex = Assert.Throws<InvalidDataException>(() => IdxReader.ReadDataset(images, path));
        Assert.Contains("truncated", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2000000000")]
    [InlineData("10000000")]
    [InlineData("100000")]
    public void Read_OneOutOfRangeIntegerLabel_ThrowsShowingTheValues(string label)
    {
        var csv = new StringBuilder("label,a,b\n");
        for (int i = 0; i < 299; i++)
        {
            csv.Append(i % 10).Append(",1,2\n");
        }

        csv.Append(label).Append(",3,4\n");
        string path = _files.WriteText("gap.csv", csv.ToString());

        var ex = Assert.Throws<InvalidDataException>(() => CsvDatasetReader.Read(path));
        Assert.Contains("dense range 0..K-1", ex.Message, StringComparison.Ordinal);
        Assert.Contains($"0, 1, 2, 3, 4, 5, 6, 7, 8, 9, {label}", ex.Message, StringComparison.Ordinal);
        Assert.Contains("line 301", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_IntegerLabelsWithAGapButAClassCount_AreIndices()
    {
        string path = _files.WriteText("subset.csv", "label,a\n0,1\n3,2\n");
        var data = CsvDatasetReader.Read(path, options: new CsvReadOptions { ClassCount = 5 }).Dataset;
        Assert.Equal([0, 3], data.Labels.ToArray());
        Assert.Equal(5, data.ClassCount);
    }

    [Theory]
    [InlineData("-1", "1", "'-1'")]
    [InlineData("1.5", "0", "'1.5'")]
    public void Read_NumericLabelThatIsNotAnIndex_ThrowsInsteadOfTextClasses(string bad, string good, string shown)
    {
        string path = _files.WriteText("labels.csv", $"label,a\n{good},1\n{bad},2\n{good},3\n");

        var ex = Assert.Throws<InvalidDataException>(() => CsvDatasetReader.Read(path));
        Assert.Contains($"label {shown} is a number but not a class index", ex.Message, StringComparison.Ordinal);
        Assert.Contains("line 3", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_TextLabels_AreStillClassNames()
    {
        string path = _files.WriteText("text.csv", "label,a\nAML,1\nALL,2\n");
        Assert.Equal(["ALL", "AML"], CsvDatasetReader.Read(path).ClassNames);
    }

    [Fact]
    public void Read_ClassIndicesAgainstNamedClasses_AreAccepted()
    {
        string path = _files.WriteText("indices.csv", "label,a\n2,1\n0,2\n");
        var result = CsvDatasetReader.Read(path, options: new CsvReadOptions { ClassNames = ["cat", "dog", "emu"] });
        Assert.Equal([2, 0], result.Dataset.Labels.ToArray());
        Assert.Equal(3, result.Dataset.ClassCount);
    }

    [Theory]
    [InlineData(";", "';'")]
    [InlineData("\t", "tab")]
    public void Read_OtherSeparator_SaysWhichSeparatorTheFileSeemsToUse(string separator, string shown)
    {
        string path = _files.WriteText("semi.csv", $"label{separator}a{separator}b\n0{separator}1{separator}2\n");

        var ex = Assert.Throws<InvalidDataException>(() => CsvDatasetReader.Read(path));
        Assert.Contains($"seems to be {shown}-separated", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_CsvCutMidRow_SaysTheFileEndsEarly()
    {
        string path = _files.WriteText("cut.csv", "label,a,b,c\n0,1,2,3\n1,4,5,6\n0,7,8");

        var ex = Assert.Throws<InvalidDataException>(() => CsvDatasetReader.Read(path));
        Assert.Contains("ends early", ex.Message, StringComparison.Ordinal);
        Assert.Contains("line 4", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_RaggedRowInTheMiddle_StillReportsTheRaggedRow()
    {
        string path = _files.WriteText("ragged.csv", "label,a,b\n0,1,2\n1,3\n0,4,5\n");

        var ex = Assert.Throws<InvalidDataException>(() => CsvDatasetReader.Read(path));
        Assert.Contains("line 3: the row has 2 fields", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_Directory_SaysItIsADirectory()
    {
        string folder = Path.GetDirectoryName(_files.WriteText("x.csv", "label,a\n0,1\n"))!;

        var ex = Assert.Throws<UnauthorizedAccessException>(() => CsvDatasetReader.Read(folder));
        Assert.Contains("is a directory", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadIdx_OneLabelByte200_ThrowsShowingTheValues()
    {
        int[] labels = IdxReader.ReadLabels(TestFiles.Fixture(TestFiles.FashionLabels));
        var idx = new byte[8 + labels.Length];
        idx[2] = 0x08;
        idx[3] = 0x01;
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(idx.AsSpan(4), labels.Length);
        for (int i = 0; i < labels.Length; i++)
        {
            idx[8 + i] = (byte)labels[i];
        }

        idx[8 + 17] = 200;
        string path = _files.WriteBytes("labels-idx1-ubyte", idx);

        var ex = Assert.Throws<InvalidDataException>(() => IdxReader.ReadDataset(TestFiles.Fixture(TestFiles.FashionImages), path));
        Assert.Contains("0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 200", ex.Message, StringComparison.Ordinal);
        Assert.Contains("item 17", ex.Message, StringComparison.Ordinal);
    }

    private static byte[] DecompressFixture()
    {
        using var gzip = new GZipStream(File.OpenRead(TestFiles.Fixture(TestFiles.Digits)), CompressionMode.Decompress);
        using var all = new MemoryStream();
        gzip.CopyTo(all);
        return all.ToArray();
    }
}
