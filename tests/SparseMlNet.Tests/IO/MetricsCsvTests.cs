using SparseMlNet.IO;
using SparseMlNet.Tests.Data;

namespace SparseMlNet.Tests.IO;

public sealed class MetricsCsvTests : IDisposable
{
    private const string Header = "epoch,train_loss,train_accuracy,test_loss,test_accuracy,train_seconds,evaluation_seconds,evolution_seconds,peak_working_set_mb,managed_mb,nnz_l1,density_l1";
    private readonly TestFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void Read_TrainOutputWithExtraColumnsAndNaN_ReadsEveryColumn()
    {
        string path = _files.WriteText("m.csv", Header + "\n1,2.30,0.11,NaN,,1.5,0,0.2,120.5,40,1000,0.05\n2,1.90,0.35,NaN,,1.4,0,0.2,121,41,1000,0.05\n");

        MetricsLog log = MetricsCsv.Read(path);

        Assert.Equal(new[] { 1, 2 }, log.Epochs);
        Assert.Equal(new[] { 2.30, 1.90 }, log.TrainLoss);
        Assert.Equal(new[] { 0.11, 0.35 }, log.TrainAccuracy);
        Assert.All(log.TestLoss, v => Assert.True(double.IsNaN(v)));
        Assert.All(log.TestAccuracy, v => Assert.True(double.IsNaN(v)));
        Assert.Equal(new[] { 1000.0, 1000.0 }, log.Column("nnz_l1"));
        Assert.Equal(new[] { 120.5, 121 }, log.Column("PEAK_WORKING_SET_MB"));
        Assert.True(log.HasColumn("density_l1"));
        Assert.Equal(11, log.ColumnNames.Count);
        var ex = Assert.Throws<ArgumentException>(() => log.Column("nnz_l2"));
        Assert.Contains("nnz_l1", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_ReorderedColumnsAndGzip_Works()
    {
        string path = _files.WriteGzip("m.csv.gz", System.Text.Encoding.UTF8.GetBytes("test_accuracy,epoch,test_loss,train_accuracy,train_loss\n0.8,1,0.5,0.85,0.4\n"));

        MetricsLog log = MetricsCsv.Read(path);

        Assert.Equal(new[] { 1 }, log.Epochs);
        Assert.Equal(new[] { 0.8 }, log.TestAccuracy);
        Assert.Equal(new[] { 0.4 }, log.TrainLoss);
    }

    [Fact]
    public void Read_MissingRequiredColumn_NamesFileAndColumn()
    {
        string path = _files.WriteText("m.csv", "epoch,train_loss,train_accuracy,test_loss\n1,2,0.1,2\n");

        var ex = Assert.Throws<InvalidDataException>(() => MetricsCsv.Read(path));

        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
        Assert.Contains("'test_accuracy'", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData(Header + "\n", "only a header")]
    [InlineData(Header + "\n1,abc,0.1,1,0.1,1,0,0,1,1,1,1\n", "'abc' is not a number")]
    [InlineData(Header + "\n1,2,0.1,1,0.1,1,0,0,1,1,1\n", "11 fields")]
    [InlineData(Header + "\n2,2,0.1,1,0.1,1,0,0,1,1,1,1\n1,2,0.1,1,0.1,1,0,0,1,1,1,1\n", "epochs must increase")]
    [InlineData(Header + "\n1.5,2,0.1,1,0.1,1,0,0,1,1,1,1\n", "epoch number")]
    [InlineData("epoch,epoch,train_loss\n", "twice")]
    public void Read_CorruptContent_ThrowsInvalidDataWithReason(string content, string reason)
    {
        string path = _files.WriteText("bad.csv", content);

        var ex = Assert.Throws<InvalidDataException>(() => MetricsCsv.Read(path));

        Assert.Contains(reason, ex.Message, StringComparison.Ordinal);
        Assert.Contains("bad.csv", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_BinaryOrMissingFile_ClearErrors()
    {
        var random = new Random(3);
        var bytes = new byte[600];
        random.NextBytes(bytes);
        bytes[0] = 0x00;
        string binary = _files.WriteBytes("model.bin", bytes);

        Assert.Throws<InvalidDataException>(() => MetricsCsv.Read(binary));
        Assert.Throws<FileNotFoundException>(() => MetricsCsv.Read(Path.Combine(Path.GetTempPath(), "no-such-metrics-file.csv")));
        Assert.Throws<ArgumentException>(() => MetricsCsv.Read(""));
    }
}
