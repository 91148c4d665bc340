using System.IO.Compression;
using System.Text;
using SparseMlNet.Data;
using SparseMlNet.IO;

namespace SparseMlNet.Cli.Tests;

/// <summary>
/// The issue-11 battery through the real commands: truncated, mislabelled or misplaced input fails with one clear line and exit 1,
/// oversized and diverged runs are refused, and run folders never claim a model they do not hold.
/// </summary>
public sealed class ReliabilityTests(DigitsModel trained) : IClassFixture<DigitsModel>, IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("sparsemlnet-cli-reliability-");

    public void Dispose() => _folder.Delete(recursive: true);

    [Fact]
    public void Train_GzipCutShort_FailsWithTruncatedGzipAndWritesNoModel()
    {
        byte[] whole = Gzip(DigitsText(), CompressionLevel.Optimal);
        string cut = Write("t.csv.gz", whole[..3369]);
        string output = Path.Combine(_folder.FullName, "run");

        CliRun run = CliRun.Of("train", "--train-csv", cut, "--hidden-sizes", "50", "--epochs", "1", "-o", output);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("truncated gzip file", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(output, "model.spmlnet")));
    }

    [Fact]
    public void Predict_GzipCutShort_FailsWithTruncatedGzip()
    {
        byte[] whole = Gzip(DigitsText(), CompressionLevel.Optimal);
        string cut = Write("p.csv.gz", whole[..(whole.Length / 2)]);

        CliRun run = CliRun.Of("predict", "-m", trained.Path, "--csv", cut, "-o", Path.Combine(_folder.FullName, "p.csv"));

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("truncated gzip file", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Train_OneLabelOfTwoBillion_RefusesAtOnceShowingTheLabels()
    {
        var csv = new StringBuilder("label,a,b,c\n");
        for (int i = 0; i < 299; i++)
        {
            csv.Append(i % 3).Append(',').Append(i % 7).Append(",1,2\n");
        }

        csv.Append("2000000000,1,2,3\n");
        string path = Write("gap.csv", csv.ToString());

        CliRun run = CliRun.Of("train", "--train-csv", path, "--hidden-sizes", "8", "--epochs", "1", "-o", Path.Combine(_folder.FullName, "gap"));

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("0, 1, 2, 2000000000", run.Error, StringComparison.Ordinal);
        Assert.Single(run.Error.TrimEnd().Split('\n'));
    }

    [Fact]
    public void Train_HiddenTenMillion_RefusesWithTheEstimateBeforeAllocating()
    {
        string output = Path.Combine(_folder.FullName, "huge");

        CliRun run = CliRun.Of("train", "--train-csv", CliRun.Digits, "--hidden-sizes", "10000000", "--epochs", "1", "-o", output);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("needs about", run.Error, StringComparison.Ordinal);
        Assert.Contains("GiB", run.Error, StringComparison.Ordinal);
        Assert.Contains("TotalAvailableMemoryBytes", run.Error, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(output, RunFolder.IncompleteMarker)), "the folder of a refused run is marked incomplete");
    }

    [Fact]
    public void Train_UnderAHardHeapLimit_RefusesWithTheEstimateInsteadOfAbortingOutOfMemory()
    {
        // 256 MiB heap limit; 64-100000-100000-10 needs about 1 GiB. Before the estimate the process died with a bare "Out of memory.".
        var (exitCode, error) = ChildCli.Run(
            new Dictionary<string, string> { ["DOTNET_GCHeapHardLimit"] = "0x10000000" },
            "train", "--train-csv", CliRun.Digits, "--hidden-sizes", "100000,100000", "--epochs", "1", "-o", Path.Combine(_folder.FullName, "limited"));

        Assert.Equal(1, exitCode);
        Assert.Contains("needs about", error, StringComparison.Ordinal);
        Assert.Contains("of the 0.25 GiB available", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Train_LearningRate1e6Unscaled_FailsAsDivergedAndSavesNoModel()
    {
        string output = Path.Combine(_folder.FullName, "diverged");

        CliRun run = CliRun.Of("train", "--train-csv", CliRun.Digits, "--scaling", "none", "--learning-rate", "1e6", "--hidden-sizes", "50", "--epochs", "3", "-o", output);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("diverged", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(output, "model.spmlnet")));
        Assert.True(File.Exists(Path.Combine(output, RunFolder.IncompleteMarker)));
    }

    [Fact]
    public void Train_IntoAFolderAnotherRunHolds_IsRefused()
    {
        string output = Path.Combine(_folder.FullName, "busy");
        using (RunFolder.Open(output, "model.spmlnet"))
        {
            CliRun run = CliRun.Of("train", "--train-csv", CliRun.Digits, "--hidden-sizes", "8", "--epochs", "1", "-o", output);

            Assert.Equal(1, run.ExitCode);
            Assert.Contains("in use by another train run", run.Error, StringComparison.Ordinal);
        }

        CliRun after = CliRun.Of("train", "--train-csv", CliRun.Digits, "--hidden-sizes", "8", "--epsilon", "2", "--epochs", "1", "-o", output);
        Assert.True(after.ExitCode == 0, after.Error);
        Assert.True(File.Exists(Path.Combine(output, "model.spmlnet")));
        Assert.False(File.Exists(Path.Combine(output, RunFolder.IncompleteMarker)), "a finished run removes the marker");
    }

    [Fact]
    public void Train_OutputThatIsAFile_IsRefusedAndTheFileKept()
    {
        string file = Write("notes.txt", "keep me");

        CliRun run = CliRun.Of("train", "--train-csv", CliRun.Digits, "--hidden-sizes", "8", "--epochs", "1", "-o", file);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("is a file", run.Error, StringComparison.Ordinal);
        Assert.Equal("keep me", File.ReadAllText(file));
    }

    [Fact]
    public void Train_FailedRunAfterASuccessfulOne_LeavesNoStaleModel()
    {
        string output = Path.Combine(_folder.FullName, "reused");
        Assert.Equal(0, CliRun.Of("train", "--train-csv", CliRun.Digits, "--hidden-sizes", "8", "--epsilon", "2", "--epochs", "1", "-o", output).ExitCode);

        CliRun failed = CliRun.Of("train", "--train-csv", CliRun.Digits, "--scaling", "none", "--learning-rate", "1e6", "--hidden-sizes", "50", "--epochs", "2", "-o", output);

        Assert.Equal(1, failed.ExitCode);
        Assert.False(File.Exists(Path.Combine(output, "model.spmlnet")), "the earlier run's model must not sit beside the failed run's metrics");
        Assert.True(File.Exists(Path.Combine(output, RunFolder.IncompleteMarker)));
    }

    [Fact]
    public void Train_SaveRemovesStaleTemporaryFilesOfTheModel()
    {
        string output = Path.Combine(_folder.FullName, "stale");
        Directory.CreateDirectory(output);
        string stale = Path.Combine(output, $".model.spmlnet.{Guid.NewGuid():N}.tmp");
        string other = Path.Combine(output, $".other.spmlnet.{Guid.NewGuid():N}.tmp");
        string fresh = Path.Combine(output, $".model.spmlnet.{Guid.NewGuid():N}.tmp");
        foreach (string file in new[] { stale, other, fresh })
        {
            File.WriteAllBytes(file, new byte[100]);
        }

        File.SetLastWriteTimeUtc(stale, DateTime.UtcNow.AddHours(-2));
        File.SetLastWriteTimeUtc(other, DateTime.UtcNow.AddHours(-2));

        CliRun run = CliRun.Of("train", "--train-csv", CliRun.Digits, "--hidden-sizes", "8", "--epsilon", "2", "--epochs", "1", "-o", output);

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.False(File.Exists(stale), "a killed save's temporary file of the same target is removed");
        Assert.True(File.Exists(other), "temporary files of other targets are left");
        Assert.True(File.Exists(fresh), "a recent temporary file may belong to a save under way and is left");
    }

    [Fact]
    public void Predict_OutputEqualToModel_IsRefusedAndTheModelKept()
    {
        string model = Path.Combine(_folder.FullName, "copy.spmlnet");
        File.Copy(trained.Path, model);
        byte[] before = File.ReadAllBytes(model);

        CliRun run = CliRun.Of("predict", "-m", model, "--csv", CliRun.Digits, "-o", model);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("would overwrite it", run.Error, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(model));
    }

    [Fact]
    public void Predict_DirectoryAsModelOrOutputOrData_SaysItIsADirectory()
    {
        string dir = _folder.FullName;

        CliRun model = CliRun.Of("predict", "-m", dir, "--csv", CliRun.Digits, "-o", Path.Combine(dir, "p.csv"));
        CliRun output = CliRun.Of("predict", "-m", trained.Path, "--csv", CliRun.Digits, "-o", dir);
        CliRun data = CliRun.Of("predict", "-m", trained.Path, "--csv", dir, "-o", Path.Combine(dir, "p.csv"));

        foreach (CliRun run in new[] { model, output, data })
        {
            Assert.Equal(1, run.ExitCode);
            Assert.Contains("is a directory", run.Error, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Train_SemicolonSeparatedCsv_SaysWhichSeparatorItSeemsToUse()
    {
        string path = Write("semi.csv", DigitsText().Replace(',', ';'));

        CliRun run = CliRun.Of("train", "--train-csv", path, "--hidden-sizes", "8", "--epochs", "1", "-o", Path.Combine(_folder.FullName, "semi"));

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("seems to be ';'-separated", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Train_CsvCutMidRow_SaysTheFileEndsEarly()
    {
        string text = DigitsText();
        int rowEnd = text.IndexOf('\n', text.Length / 2);
        string path = Write("cut.csv", text[..(rowEnd - 20)]);

        CliRun run = CliRun.Of("train", "--train-csv", path, "--hidden-sizes", "8", "--epochs", "1", "-o", Path.Combine(_folder.FullName, "cut"));

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("ends early", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_OneModel_SaysItNeedsTwoOrMore()
    {
        CliRun run = CliRun.Of("compare", trained.Path);

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("needs two or more models", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Select_FoldsAboveTheRowCount_IsOneCleanLine()
    {
        var csv = new StringBuilder("label,a,b,c\n");
        for (int i = 0; i < 300; i++)
        {
            csv.Append(i % 2).Append(',').Append(i % 7).Append(',').Append(i % 5).Append(',').Append(i % 3).Append('\n');
        }

        string path = Write("small.csv", csv.ToString());

        CliRun run = CliRun.Of("select", "--csv", path, "--k", "2", "--folds", "500", "--epochs", "1", "-o", Path.Combine(_folder.FullName, "sel"));

        Assert.Equal(1, run.ExitCode);
        Assert.Single(run.Error.TrimEnd().Split('\n'));
        Assert.DoesNotContain("(Parameter", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Actual value was", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Predict_NumericLabelsAgainstANamedClassModel_AreReadAsClassIndices()
    {
        string output = Path.Combine(_folder.FullName, "sample");
        CliRun train = CliRun.Of("train", "--hidden-sizes", "16", "--epsilon", "2", "--epochs", "1", "-o", output);
        Assert.True(train.ExitCode == 0, train.Error);
        var sample = SampleData.FashionMnist1k();
        var csv = new StringBuilder("label," + string.Join(',', Enumerable.Range(0, sample.FeatureCount).Select(j => $"px{j}")) + "\n");
        for (int i = 0; i < 20; i++)
        {
            csv.Append(sample.Labels[i]).Append(',').AppendJoin(',', sample.Row(i).ToArray()).Append('\n');
        }

        string path = Write("fashion.csv", csv.ToString());

        CliRun run = CliRun.Of("predict", "-m", Path.Combine(output, "model.spmlnet"), "--csv", path, "-o", Path.Combine(_folder.FullName, "f.csv"));

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("Accuracy: ", run.Output, StringComparison.Ordinal);
        Assert.Contains(SampleData.FashionMnistClassNames[sample.Labels[0]], File.ReadAllLines(Path.Combine(_folder.FullName, "f.csv"))[1], StringComparison.Ordinal);
    }

    [Fact]
    public void Predict_MoreRowsThanOneChunk_MatchesTheEngineRowByRow()
    {
        // 5 x 1797 rows: predict streams them in chunks of 4096, so two chunk boundaries fall inside the file.
        string[] lines = DigitsText().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        string path = Write("five.csv", string.Join('\n', [lines[0], .. Enumerable.Repeat(lines[1..], 5).SelectMany(l => l)]) + "\n");
        string predictions = Path.Combine(_folder.FullName, "five-p.csv");

        CliRun run = CliRun.Of("predict", "-m", trained.Path, "--csv", path, "-o", predictions);

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("Wrote 8985 predictions", run.Output, StringComparison.Ordinal);
        var model = ModelSerializer.Load(trained.Path);
        float[] raw = [.. lines[1..].SelectMany(l => l.Split(',').Skip(1).Select(v => float.Parse(v, System.Globalization.CultureInfo.InvariantCulture)))];
        string[] expected = [.. model.PredictClasses(raw).Select(c => model.ClassName(c))];
        string[] written = [.. File.ReadLines(predictions).Skip(1)];
        Assert.Equal(8985, written.Length);
        for (int i = 0; i < written.Length; i++)
        {
            string[] fields = written[i].Split(',');
            Assert.Equal(i.ToString(System.Globalization.CultureInfo.InvariantCulture), fields[0]);
            Assert.Equal(expected[i % 1797], fields[1]);
        }
    }

    [Fact]
    public void Predict_BadRowLateInTheFile_LeavesNoPredictionsFile()
    {
        string[] lines = DigitsText().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        string path = Write("late.csv", string.Join('\n', [lines[0], .. Enumerable.Repeat(lines[1..], 3).SelectMany(l => l), "0," + string.Join(',', Enumerable.Repeat("x", 64))]) + "\n");
        string predictions = Path.Combine(_folder.FullName, "late-p.csv");

        CliRun run = CliRun.Of("predict", "-m", trained.Path, "--csv", path, "-o", predictions);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("line 5393", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(predictions));
        Assert.Empty(Directory.GetFiles(_folder.FullName, ".late-p.csv.*"));
    }

    private static string DigitsText()
    {
        using var gzip = new GZipStream(File.OpenRead(CliRun.Digits), CompressionMode.Decompress);
        using var reader = new StreamReader(gzip);
        return reader.ReadToEnd();
    }

    private static byte[] Gzip(string text, CompressionLevel level)
    {
        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, level, leaveOpen: true))
        {
            gzip.Write(Encoding.UTF8.GetBytes(text));
        }

        return compressed.ToArray();
    }

    private string Write(string name, string text) => Write(name, Encoding.UTF8.GetBytes(text));

    private string Write(string name, byte[] bytes)
    {
        string path = Path.Combine(_folder.FullName, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }
}
