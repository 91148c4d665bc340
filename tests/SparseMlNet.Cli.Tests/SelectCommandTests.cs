using System.Globalization;

namespace SparseMlNet.Cli.Tests;

public sealed class SelectCommandTests : IDisposable
{
    private static readonly string[] Fast = ["--epochs", "3", "--hidden-neurons", "30", "--epsilon", "3", "--folds", "3", "--cv-repeats", "1", "--clustering-runs", "1"];
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("sparsemlnet-cli-select-");
    private readonly string _digits;

    public SelectCommandTests()
    {
        // The first 300 rows of the real digits data (64 pixel features, nine of them constant there), to keep the runs short.
        using var gzip = new System.IO.Compression.GZipStream(File.OpenRead(CliRun.Digits), System.IO.Compression.CompressionMode.Decompress);
        using var reader = new StreamReader(gzip);
        _digits = Path.Combine(_folder.FullName, "digits300.csv");
        File.WriteAllLines(_digits, reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Take(301));
    }

    public void Dispose() => _folder.Delete(recursive: true);

    [Fact]
    public void Run_MethodNeuroFS_RanksEveryFeatureFromTheLabelsAndEvaluatesAgainstTheBaselines()
    {
        string output = Path.Combine(_folder.FullName, "neurofs");

        CliRun run = CliRun.Of("select", "--method", "neurofs", "--csv", _digits, "--k", "10", "--epochs", "4", "--hidden-neurons", "32", "--hidden-layers", "1",
            "--folds", "3", "--cv-repeats", "1", "--clustering-runs", "1", "-o", output);

        Assert.True(run.ExitCode == 0, run.Error + run.Output);
        string[] ranking = File.ReadAllLines(Path.Combine(output, "ranking.csv"));
        Assert.Equal("index,feature,score,rank", ranking[0]);
        Assert.Equal(65, ranking.Length);
        Assert.Contains("NeuroFS on", run.Output);
        string[] evaluation = File.ReadAllLines(Path.Combine(output, "evaluation.csv"));
        Assert.Contains(evaluation, l => l.StartsWith("NeuroFS,", StringComparison.Ordinal));
        Assert.Contains(evaluation, l => l.StartsWith("Mutual information,", StringComparison.Ordinal));
    }

    [Fact]
    public void Run_MethodNeuroFSEnsemble_WritesFrequenciesAndStability()
    {
        string output = Path.Combine(_folder.FullName, "neurofs-ensemble");

        CliRun run = CliRun.Of("select", "--method", "neurofs", "--csv", _digits, "--k", "10", "--epochs", "3", "--hidden-neurons", "16", "--hidden-layers", "1",
            "--runs", "3", "--stability", "--no-evaluate", "-o", output);

        Assert.True(run.ExitCode == 0, run.Error + run.Output);
        string[] ranking = File.ReadAllLines(Path.Combine(output, "ranking.csv"));
        Assert.Equal("index,feature,score,rank,frequency", ranking[0]);
        double[] frequencies = [.. ranking.Skip(1).Select(l => double.Parse(l.Split(',')[4], CultureInfo.InvariantCulture))];
        Assert.All(frequencies, f => Assert.Contains(f * 3, (double[])[0, 1, 2, 3], new ToleranceComparer(1e-9)));
        Assert.Equal(10.0, frequencies.Sum(), 9); // each of the 3 fits selects 10
        string[] stability = File.ReadAllLines(Path.Combine(output, "stability.csv"));
        Assert.Equal("k,runs,jaccard,kuncheva", stability[0]);
        Assert.StartsWith("10,3,", stability[1], StringComparison.Ordinal);
        Assert.Contains("ensemble of 3 fits", run.Output, StringComparison.Ordinal);
        Assert.Contains("Stability of the top 10 over the 3 runs", run.Output, StringComparison.Ordinal);
    }

    private sealed class ToleranceComparer(double tolerance) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= tolerance;

        public int GetHashCode(double obj) => 0;
    }

    [Fact]
    public void Run_MethodNeuroFSWithoutLabels_SaysItIsSupervised()
    {
        string unlabelled = Path.Combine(_folder.FullName, "nolabel.csv");
        File.WriteAllLines(unlabelled, File.ReadAllLines(_digits).Select(l => l[(l.IndexOf(',', StringComparison.Ordinal) + 1)..]));

        CliRun run = CliRun.Of("select", "--method", "neurofs", "--csv", unlabelled, "--k", "5", "-o", Path.Combine(_folder.FullName, "x"));

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("supervised", run.Error);
        Assert.Contains("--label-column", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_AnOptionOfTheOtherMethod_IsAUsageErrorNamingIt()
    {
        CliRun run = CliRun.Of("select", "--method", "neurofs", "--csv", _digits, "--k", "5", "--ensemble-epochs", "3", "-o", Path.Combine(_folder.FullName, "y"));

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--ensemble-epochs belongs to --method quickselection", run.Error);
    }

    [Fact]
    public void EverySelectorHyperparameterHasAnOptionFromTheOneTable()
    {
        var command = new SparseMlNet.Cli.Commands.SelectCommand(Terminal.Plain(TextWriter.Null, TextWriter.Null));
        foreach (var type in new[] { typeof(SparseMlNet.FeatureSelection.QuickSelectionOptions), typeof(SparseMlNet.FeatureSelection.NeuroFSOptions) })
        {
            foreach (var property in type.GetProperties().Where(p => p.CanWrite))
            {
                var row = SparseMlNet.Cli.Options.HyperparameterTable.For(property.Name);
                Assert.True(row is not null, $"{type.Name}.{property.Name} has no row in the CLI's hyperparameter table.");
                Assert.Contains(command.Options, o => o.Name == row.Option);
            }
        }
    }

    [Fact]
    public void Run_LabelledCsv_WritesTheFullRankingAndComparesWithBaselines()
    {
        string output = Path.Combine(_folder.FullName, "digits");

        CliRun run = CliRun.Of(["select", "--csv", _digits, "--k", "8,16", "--drop-constant", "--runs", "1", "-o", output, .. Fast]);

        Assert.True(run.ExitCode == 0, run.Error);
        string[] ranking = File.ReadAllLines(Path.Combine(output, "ranking.csv"));
        Assert.Equal("index,feature,score,rank", ranking[0]);
        Assert.Equal(65, ranking.Length);
        string[][] rows = ranking.Skip(1).Select(l => l.Split(',')).ToArray();
        Assert.Equal(Enumerable.Range(1, 64).Select(r => r.ToString(CultureInfo.InvariantCulture)), rows.Select(r => r[3]));
        double[] scores = rows.Select(r => double.Parse(r[2], CultureInfo.InvariantCulture)).ToArray();
        Assert.True(scores.Zip(scores.Skip(1)).All(p => p.First >= p.Second), "Scores must not increase down the ranking.");
        Assert.Equal(64, rows.Select(r => r[1]).Distinct().Count());
        Assert.All(rows, r => Assert.Equal("px" + r[0], r[1])); // the digits' columns are px0..px63 after the label: index is the 0-based feature position
        Assert.All(["px0", "px8", "px16", "px31", "px32", "px39", "px40", "px48", "px56"], constant => Assert.Equal(0.0, scores[Array.FindIndex(rows, r => r[1] == constant)]));

        string[] evaluation = File.ReadAllLines(Path.Combine(output, "evaluation.csv"));
        Assert.Equal("method,k,protocol,accuracy,accuracy_sd,clustering_accuracy,clustering_sd,jaccard,kuncheva,seconds,selector_advantage,p_value", evaluation[0]);
        Assert.Equal(
            [
                "QuickSelection,8", "QuickSelection,16", "Random,8", "Random,16", "Variance,8", "Variance,16",
                "Laplacian score,8", "Laplacian score,16", "Mutual information,8", "Mutual information,16",
            ],
            evaluation.Skip(1).Select(l => string.Join(",", l.Split(',')[..2])));
        Assert.All(evaluation.Skip(1), l => Assert.Equal("3-fold stratified CV", l.Split(',')[2]));
        double Accuracy(string method, int k) => double.Parse(evaluation.Single(l => l.StartsWith($"{method},{k},", StringComparison.Ordinal)).Split(',')[3], CultureInfo.InvariantCulture);
        Assert.True(Accuracy("Mutual information", 16) > Accuracy("Random", 16), "The supervised baseline must beat random selection on digits.");
        double Column(string method, int k, int column) => double.Parse(evaluation.Single(l => l.StartsWith($"{method},{k},", StringComparison.Ordinal)).Split(',')[column], CultureInfo.InvariantCulture);
        Assert.True(double.IsNaN(Column("QuickSelection", 16, 10)) && double.IsNaN(Column("QuickSelection", 16, 11)), "The selector is not compared with itself.");
        Assert.Equal(Accuracy("QuickSelection", 16) - Accuracy("Random", 16), Column("Random", 16, 10), 9);
        Assert.InRange(Column("Random", 16, 11), 0, 1);
        Assert.Contains("QuickSelection", run.Output, StringComparison.Ordinal);
        Assert.Contains("Clustering accuracy", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_HeldOutCsv_ScoresOnItAndIsReproducible()
    {
        string first = Path.Combine(_folder.FullName, "a");
        string second = Path.Combine(_folder.FullName, "b");
        string[] args = ["select", "--csv", _digits, "--test-csv", _digits, "--k", "10", "--drop-constant", "--seed", "5", .. Fast];

        CliRun a = CliRun.Of([.. args, "-o", first]);
        CliRun b = CliRun.Of([.. args, "-o", second]);

        Assert.True(a.ExitCode == 0, a.Error);
        Assert.True(b.ExitCode == 0, b.Error);
        Assert.Equal(File.ReadAllLines(Path.Combine(first, "ranking.csv")), File.ReadAllLines(Path.Combine(second, "ranking.csv")));
        Assert.All(File.ReadAllLines(Path.Combine(first, "evaluation.csv")).Skip(1), l => Assert.Equal("holdout", l.Split(',')[2]));
        Assert.All(File.ReadAllLines(Path.Combine(first, "evaluation.csv")).Skip(1), l => Assert.Equal("NaN", l.Split(',')[11])); // one test part: no paired test
    }

    [Fact]
    public void Run_UnlabelledCsv_RanksWithoutEvaluating()
    {
        string csv = Path.Combine(_folder.FullName, "unlabelled.csv");
        var random = new Random(1);
        File.WriteAllLines(csv, ["a,b,c,d", .. Enumerable.Range(0, 40).Select(_ => string.Join(",", Enumerable.Range(0, 4).Select(_ => random.Next(100))))]);
        string output = Path.Combine(_folder.FullName, "u");

        CliRun run = CliRun.Of(["select", "--csv", csv, "--k", "2", "-o", output, .. Fast]);

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("no labels", run.Output, StringComparison.Ordinal);
        Assert.Equal(5, File.ReadAllLines(Path.Combine(output, "ranking.csv")).Length);
        Assert.False(File.Exists(Path.Combine(output, "evaluation.csv")));
    }

    [Fact]
    public void Run_ConstantColumnsWithoutDropConstant_ExitsWithOneNamingThem()
    {
        CliRun run = CliRun.Of(["select", "--csv", _digits, "--k", "5", "-o", Path.Combine(_folder.FullName, "c"), .. Fast]);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("columns 0 ('px0'), 8 ('px8'), 16 ('px16'), 31 ('px31'), 32 ('px32'), 39 ('px39'), 40 ('px40'), 48 ('px48'), 56 ('px56') are constant", run.Error, StringComparison.Ordinal);
        Assert.Contains("--drop-constant", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("(Parameter", run.Error, StringComparison.Ordinal);
        Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void Run_KLargerThanTheFeatureCount_ExitsWithOne()
    {
        CliRun run = CliRun.Of(["select", "--csv", _digits, "--k", "65", "--drop-constant", "-o", Path.Combine(_folder.FullName, "k"), .. Fast]);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("--k 65", run.Error, StringComparison.Ordinal);
        Assert.Contains("between 1 and 63", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_KEqualToTheFeatureCount_ExitsWithOne()
    {
        CliRun run = CliRun.Of(["select", "--csv", _digits, "--k", "64", "--drop-constant", "-o", Path.Combine(_folder.FullName, "k64"), .. Fast]);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("--k 64", run.Error, StringComparison.Ordinal);
        Assert.Contains("all 64 features", run.Error, StringComparison.Ordinal);
        Assert.Contains("between 1 and 63", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_MissingNamedLabelColumn_ExitsWithOneListingTheColumns()
    {
        CliRun run = CliRun.Of(["select", "--csv", _digits, "--label-column", "nosuch", "--k", "5", "--drop-constant", "-o", Path.Combine(_folder.FullName, "l"), .. Fast]);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("--label-column 'nosuch'", run.Error, StringComparison.Ordinal);
        Assert.Contains("'label', 'px0', 'px1'", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_folder.FullName, "l", "ranking.csv")));
    }

    [Fact]
    public void Run_DefaultRunsOnSmallData_IsTheAutomaticEnsembleOfTen()
    {
        string output = Path.Combine(_folder.FullName, "auto");

        // 1,797 × 64 values, far below 4,000,000: without --runs QuickSelection trains 10 autoencoders, and --stability needs no --runs.
        CliRun run = CliRun.Of(["select", "--csv", _digits, "--k", "6", "--drop-constant", "--ensemble-epochs", "2", "--stability", "--no-evaluate", "-o", output, .. Fast]);

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("ensemble of 10 runs", run.Output, StringComparison.Ordinal);
        Assert.Equal("index,feature,score,rank,frequency", File.ReadLines(Path.Combine(output, "ranking.csv")).First());
        Assert.StartsWith("6,10,", File.ReadAllLines(Path.Combine(output, "stability.csv"))[1], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("quickselection", "--runs", "there is 1 run")]
    [InlineData("neurofs", null, "NeuroFS fits 1 network by default")]
    public void Run_StabilityWithOneRun_IsAUsageErrorNamingRuns(string method, string? runs, string why)
    {
        string[] extra = runs is null ? [] : [runs, "1"];
        CliRun run = CliRun.Of(["select", "--csv", _digits, "--k", "5", "--method", method, "--stability", "--no-evaluate", .. extra, "-o", Path.Combine(_folder.FullName, "s1")]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--stability compares the runs of an ensemble, so it needs --runs 2 or more", run.Error, StringComparison.Ordinal);
        Assert.Contains(why, run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_folder.FullName, "s1", "ranking.csv")));
    }

    [Fact]
    public void Run_Ensemble_WritesFrequenciesAndStability()
    {
        string output = Path.Combine(_folder.FullName, "e");

        CliRun run = CliRun.Of(["select", "--csv", _digits, "--k", "10", "--drop-constant", "--runs", "3", "--stability", "--no-evaluate", "-o", output, .. Fast]);

        Assert.True(run.ExitCode == 0, run.Error);
        string[] ranking = File.ReadAllLines(Path.Combine(output, "ranking.csv"));
        Assert.Equal("index,feature,score,rank,frequency", ranking[0]);
        double[] frequencies = ranking.Skip(1).Select(l => double.Parse(l.Split(',')[4], CultureInfo.InvariantCulture)).ToArray();
        Assert.All(frequencies, f => Assert.Contains(Math.Round(f * 3), (double[])[0, 1, 2, 3]));
        Assert.Equal(3 * 10, frequencies.Sum() * 3, 6); // each of the 3 runs puts exactly 10 features in its top 10
        string[] stability = File.ReadAllLines(Path.Combine(output, "stability.csv"));
        Assert.Equal("k,runs,jaccard,kuncheva", stability[0]);
        Assert.StartsWith("10,3,", stability[1], StringComparison.Ordinal);
        Assert.Contains("Stability of the top 10 over the 3 runs", run.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--runs", "0", "--runs")]
    [InlineData("--cv-repeats", "-1", "--cv-repeats")]
    [InlineData("--forests", "0", "--forests")]
    [InlineData("--min-batches", "-1", "--min-batches")]
    public void Run_BadEnsembleOrEvaluationOption_IsAUsageErrorNamingIt(string option, string? value, string message)
    {
        string[] extra = value is null ? [option] : [option, value];
        CliRun run = CliRun.Of(["select", "--csv", _digits, "--k", "5", .. extra]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_SingleClassLabels_ExitsWithOneSayingTheBaselinesNeedTwoClasses()
    {
        string csv = Path.Combine(_folder.FullName, "oneclass.csv");
        var random = new Random(3);
        File.WriteAllLines(csv, ["label,a,b,c,d,e", .. Enumerable.Range(0, 40).Select(_ => "0," + string.Join(",", Enumerable.Range(0, 5).Select(_ => random.Next(100))))]);

        CliRun run = CliRun.Of(["select", "--csv", csv, "--k", "2", "-o", Path.Combine(_folder.FullName, "one"), .. Fast]);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("at least two", run.Error, StringComparison.Ordinal);
        Assert.Contains("--label-column 'label'", run.Error, StringComparison.Ordinal);
        Assert.Contains("--no-evaluate", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_folder.FullName, "one", "ranking.csv")));

        CliRun neuroFS = CliRun.Of(["select", "--csv", csv, "--k", "2", "--method", "neurofs", "-o", Path.Combine(_folder.FullName, "one-nfs")]);

        Assert.Equal(1, neuroFS.ExitCode);
        Assert.Contains("--label-column 'label'", neuroFS.Error, StringComparison.Ordinal);
        Assert.Contains("NeuroFS needs at least two classes", neuroFS.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_folder.FullName, "one-nfs", "ranking.csv")));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("ten")]
    public void Run_InvalidK_IsAUsageError(string k)
    {
        CliRun run = CliRun.Of("select", "--csv", _digits, "--k", k);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--k", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_NoiseOutOfRange_IsAUsageErrorNamingTheOption()
    {
        CliRun run = CliRun.Of("select", "--csv", _digits, "--k", "5", "--noise", "-1");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--noise", run.Error, StringComparison.Ordinal);
    }
}
