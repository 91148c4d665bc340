using SparseMlNet.Data;

namespace SparseMlNet.Tests.Data;

public sealed class CsvDatasetReaderTests : IDisposable
{
    private readonly TestFiles _files = new();

    public void Dispose() => _files.Dispose();

    // Facts below were computed independently with Python's gzip and csv modules.
    [Fact]
    public void Read_SklearnDigits_Has1797Rows64FeaturesTenClassesValues0To16()
    {
        CsvReadResult result = CsvDatasetReader.Read(TestFiles.Fixture(TestFiles.Digits));
        Dataset data = result.Dataset;

        Assert.Equal(1797, data.Count);
        Assert.Equal(64, data.FeatureCount);
        Assert.Equal(10, data.ClassCount);
        Assert.Equal(new[] { 178, 182, 177, 183, 181, 182, 181, 179, 174, 180 }, data.ClassCounts());
        Assert.Equal(new[] { "0", "1", "2", "3", "4", "5", "6", "7", "8", "9" }, result.ClassNames);
        Assert.Equal("px0", data.FeatureNames![0]);
        Assert.Equal("px63", data.FeatureNames[63]);
        double sum = 0;
        float min = float.MaxValue, max = float.MinValue;
        foreach (float v in data.Features)
        {
            sum += v;
            min = Math.Min(min, v);
            max = Math.Max(max, v);
        }

        Assert.Equal(0f, min);
        Assert.Equal(16f, max);
        Assert.Equal(561718, sum);
        Assert.Equal(new float[] { 0, 0, 5, 13, 9, 1, 0, 0, 0 }, data.Row(0)[..9].ToArray());
    }

    [Fact]
    public void Read_GolubLeukemia_Has38Rows3051FeaturesAnd27To11Classes()
    {
        CsvReadResult result = CsvDatasetReader.Read(TestFiles.Fixture(TestFiles.Golub));
        Dataset data = result.Dataset;

        Assert.Equal(38, data.Count);
        Assert.Equal(3051, data.FeatureCount);
        Assert.Equal(new[] { 27, 11 }, data.ClassCounts());
        Assert.Equal("AFFX-HUMISGF3A/M97935_MA_at", data.FeatureNames![0]);
        Assert.Equal(-1.45769f, data.Row(0)[0]);
        Assert.Equal(-0.75161f, data.Row(0)[1]);
    }

    [Fact]
    public void Read_TextLabels_MapsSortedOrdinalAndExposesClassNames()
    {
        string path = _files.WriteText("text.csv", "x,class,y\n1,AML,2\n3,ALL,4\n5,AML,6e-1\n");

        CsvReadResult result = CsvDatasetReader.Read(path, "class");

        Assert.Equal(new[] { "ALL", "AML" }, result.ClassNames);
        Assert.Equal(new[] { 1, 0, 1 }, result.Dataset.Labels.ToArray());
        Assert.Equal(new[] { "x", "y" }, result.Dataset.FeatureNames);
        Assert.Equal(new float[] { 1, 2, 3, 4, 5, 0.6f }, result.Dataset.Features.ToArray());
    }

    [Fact]
    public void Read_FixedClassNames_MapsTestFileLikeTrainingFile()
    {
        string path = _files.WriteText("test.csv", "label,x\nAML,1\nAML,2\n");

        CsvReadResult result = CsvDatasetReader.Read(path, options: new CsvReadOptions { ClassNames = ["ALL", "AML"] });

        Assert.Equal(2, result.Dataset.ClassCount);
        Assert.Equal(new[] { 1, 1 }, result.Dataset.Labels.ToArray());
    }

    [Fact]
    public void Read_LabelOutsideFixedClassNames_ThrowsWithLine()
    {
        string path = _files.WriteText("test.csv", "label,x\nALL,1\nCLL,2\n");

        var ex = Assert.Throws<InvalidDataException>(() => CsvDatasetReader.Read(path, options: new CsvReadOptions { ClassNames = ["ALL", "AML"] }));

        Assert.Contains("line 3", ex.Message);
        Assert.Contains("'CLL'", ex.Message);
    }

    [Fact]
    public void Read_IntegerLabelsWithClassCount_KeepsMissingHighClass()
    {
        string path = _files.WriteText("subset.csv", "label,x\n0,1\n1,2\n");

        CsvReadResult result = CsvDatasetReader.Read(path, options: new CsvReadOptions { ClassCount = 3 });

        Assert.Equal(3, result.Dataset.ClassCount);
        Assert.Equal(new[] { "0", "1", "2" }, result.ClassNames);
        var ex = Assert.Throws<InvalidDataException>(() => CsvDatasetReader.Read(path, options: new CsvReadOptions { ClassCount = 1 }));
        Assert.Contains("line 3", ex.Message);
    }

    [Fact]
    public void Read_SemicolonDelimiterAndSpaces_Parses()
    {
        string path = _files.WriteText("semi.csv", "label ; a ; b\n 1 ; -1.5E+2 ; 3\n0;0;0\n");

        Dataset data = CsvDatasetReader.Read(path, options: new CsvReadOptions { Delimiter = ";" }).Dataset;

        Assert.Equal(new float[] { -150, 3, 0, 0 }, data.Features.ToArray());
        Assert.Equal(new[] { 1, 0 }, data.Labels.ToArray());
    }

    [Fact]
    public void Read_PlainAndGzipFiles_GiveSameData()
    {
        const string csv = "label,a,b\n0,1.25,2\n1,3,4\n";
        string plain = _files.WriteText("plain.csv.gz", csv);
        string gzip = _files.WriteGzip("gzip.csv", System.Text.Encoding.UTF8.GetBytes(csv));

        Dataset a = CsvDatasetReader.Read(plain).Dataset;
        Dataset b = CsvDatasetReader.Read(gzip).Dataset;

        Assert.Equal(a.Features.ToArray(), b.Features.ToArray());
        Assert.Equal(a.Labels.ToArray(), b.Labels.ToArray());
    }

    [Fact]
    public void Read_RaggedRow_ThrowsWithLineAndFieldCounts()
    {
        string path = _files.WriteText("ragged.csv", "label,a,b\n0,1,2\n1,3\n");

        var ex = Assert.Throws<InvalidDataException>(() => CsvDatasetReader.Read(path));

        Assert.Contains(path, ex.Message);
        Assert.Contains("line 3", ex.Message);
        Assert.Contains("2 fields", ex.Message);
        Assert.Contains("3 columns", ex.Message);
    }

    [Fact]
    public void Read_BadNumber_ThrowsFormatExceptionWithLineAndColumn()
    {
        string path = _files.WriteText("bad.csv", "label,a,b\n0,1,2\n\n1,3,4\n0,5,x7\n");

        var ex = Assert.Throws<FormatException>(() => CsvDatasetReader.Read(path));

        Assert.Contains(path, ex.Message);
        Assert.Contains("line 5,", ex.Message);
        Assert.Contains("column 'b'", ex.Message);
        Assert.Contains("'x7' is not a number", ex.Message);
    }

    [Fact]
    public void Read_CrlfLineEndings_ReportsSameLineNumbers()
    {
        string path = _files.WriteText("crlf.csv", "label,a\r\n0,1\r\n1,oops\r\n");

        var ex = Assert.Throws<FormatException>(() => CsvDatasetReader.Read(path));

        Assert.Contains("line 3,", ex.Message);
    }

    [Theory]
    [InlineData("", "the cell is empty")]
    [InlineData("NaN", "not a finite")]
    [InlineData("1e40", "not a finite")]
    public void Read_MissingOrNonFiniteValue_ThrowsWithLineAndColumn(string cell, string problem)
    {
        string path = _files.WriteText("missing.csv", $"label,a,b\n0,1,2\n1,{cell},4\n");

        var ex = Assert.Throws<FormatException>(() => CsvDatasetReader.Read(path));

        Assert.Contains("line 3", ex.Message);
        Assert.Contains("column 'a'", ex.Message);
        Assert.Contains(problem, ex.Message);
    }

    [Fact]
    public void Read_MissingLabelColumn_ThrowsListingAvailableColumns()
    {
        string path = _files.WriteText("nolabel.csv", "target,a,b\n0,1,2\n");

        var ex = Assert.Throws<InvalidDataException>(() => CsvDatasetReader.Read(path));

        Assert.Contains("no label column 'label'", ex.Message);
        Assert.Contains("'target', 'a', 'b'", ex.Message);
    }

    [Fact]
    public void Read_HeaderOnly_ThrowsNoDataRows()
    {
        string path = _files.WriteText("header.csv", "label,a,b\n");

        var ex = Assert.Throws<InvalidDataException>(() => CsvDatasetReader.Read(path));

        Assert.Contains(path, ex.Message);
        Assert.Contains("only a header row", ex.Message);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Read_EmptyFile_ThrowsEmpty(bool gzip)
    {
        string path = gzip ? _files.WriteGzip("empty.csv.gz", []) : _files.WriteText("empty.csv", string.Empty);

        var ex = Assert.Throws<InvalidDataException>(() => CsvDatasetReader.Read(path));

        Assert.Contains(path, ex.Message);
        Assert.Contains("is empty", ex.Message);
    }

    [Fact]
    public void Read_LabelColumnOnly_ThrowsNoFeatures()
    {
        string path = _files.WriteText("labels.csv", "label\n0\n1\n");

        var ex = Assert.Throws<InvalidDataException>(() => CsvDatasetReader.Read(path));

        Assert.Contains("at least one feature column", ex.Message);
    }

    [Fact]
    public void Read_MalformedQuoting_ThrowsInvalidDataWithLine()
    {
        string path = _files.WriteText("quotes.csv", "label,a\n0,1\n1,2\"3\n");

        var ex = Assert.Throws<InvalidDataException>(() => CsvDatasetReader.Read(path));

        Assert.Contains(path, ex.Message);
        Assert.Contains("line 3", ex.Message);
    }

    [Fact]
    public void Read_InconsistentOptions_ThrowsArgumentException()
    {
        string path = _files.WriteText("ok.csv", "label,a\n0,1\n");

        Assert.Throws<ArgumentException>(() => CsvDatasetReader.Read(path, options: new CsvReadOptions { Delimiter = "" }));
        Assert.Throws<ArgumentException>(() => CsvDatasetReader.Read(path, options: new CsvReadOptions { ClassCount = 0 }));
        Assert.Throws<ArgumentException>(() => CsvDatasetReader.Read(path, options: new CsvReadOptions { ClassNames = ["a", "a"] }));
        Assert.Throws<ArgumentException>(() => CsvDatasetReader.Read(path, options: new CsvReadOptions { ClassNames = ["a"], ClassCount = 2 }));
    }
}
