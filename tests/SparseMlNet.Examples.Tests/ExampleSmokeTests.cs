using System.Globalization;
using System.Text.RegularExpressions;

namespace SparseMlNet.Examples.Tests;

/// <summary>Each example runs end to end on small data, exits 0 and prints results that make sense.</summary>
public sealed partial class ExampleSmokeTests
{
    [Fact]
    public void Quickstart_TrainsSavesReloadsAndPredictsIdentically()
    {
        var (exit, output) = ExampleRun.Run("Quickstart", "3");

        Assert.True(exit == 0, output);
        Assert.Contains("reloaded predictions identical: True", output);
        var accuracies = TestAccuracy().Matches(output).Select(m => double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(3, accuracies.Count);
        Assert.True(accuracies[^1] > 40, $"test accuracy after 3 epochs {accuracies[^1]}% (chance 10%)\n{output}");
    }

    [Fact]
    public void FashionMnistMlNet_EvaluatesSavesAndReloadsInAnMlNetPipeline()
    {
        var (exit, output) = ExampleRun.Run("FashionMnistMlNet", "3", "--sample");

        Assert.True(exit == 0, output);
        var micro = MicroAccuracy().Match(output);
        Assert.True(micro.Success, output);
        Assert.True(double.Parse(micro.Groups[1].Value, CultureInfo.InvariantCulture) > 40, output); // 3 epochs on 800 images; chance is 10%
        var agreement = Agreement().Match(output);
        Assert.True(agreement.Success, output);
        Assert.Equal(agreement.Groups[2].Value, agreement.Groups[1].Value);
        Assert.True(int.Parse(agreement.Groups[2].Value, CultureInfo.InvariantCulture) > 100, output);
        Assert.Equal(3, EpochLine().Matches(output).Count);
    }

    [Fact]
    public void LeukemiaMlNet_CrossValidatesThreeSelectionsOnGolub()
    {
        var (exit, output) = ExampleRun.Run("LeukemiaMlNet", ExampleRun.TestData("golub_leukemia.csv.gz"), "10", "3");

        Assert.True(exit == 0, output);
        Assert.Contains("38 patients × 3051 probe sets", output);
        foreach (string name in new[] { "QuickSelection", "Mutual information", "All genes" })
        {
            var line = output.Split('\n').Single(l => l.StartsWith(name, StringComparison.Ordinal));
            var auc = Auc().Match(line);
            Assert.True(auc.Success, line);
            Assert.InRange(double.Parse(auc.Groups[1].Value, CultureInfo.InvariantCulture), 0.5, 1.0);
        }

        Assert.Contains("Strongest QuickSelection probe sets:", output);
    }

    [GeneratedRegex(@"test accuracy ([0-9.]+) ?%")]
    private static partial Regex TestAccuracy();

    [GeneratedRegex(@"micro accuracy ([0-9.]+) ?%")]
    private static partial Regex MicroAccuracy();

    [GeneratedRegex(@"^Epoch \d+/\d+:", RegexOptions.Multiline)]
    private static partial Regex EpochLine();

    [GeneratedRegex(@"agree on (\d+) of (\d+) test images")]
    private static partial Regex Agreement();

    [GeneratedRegex(@"AUC ([0-9.]+)")]
    private static partial Regex Auc();
}
