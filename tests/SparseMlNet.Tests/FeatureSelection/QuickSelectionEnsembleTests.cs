using SparseMlNet.FeatureSelection;

namespace SparseMlNet.Tests.FeatureSelection;

/// <summary>The stability-selection ensemble of QuickSelection (<see cref="QuickSelectionOptions.Runs"/>).</summary>
public sealed class QuickSelectionEnsembleTests
{
    private static QuickSelectionOptions Small(int runs, int seed = 5) =>
        new() { HiddenNeurons = 40, Epsilon = 4, Epochs = 10, EnsembleEpochs = 10, BatchSize = 50, MinimumBatchesPerEpoch = 0, Runs = runs, Seed = seed };

    [Theory]
    [InlineData(38, 3_051, 10)] // Golub
    [InlineData(128, 12_625, 10)] // ALL leukemia
    [InlineData(2_000, 2_000, 10)] // exactly 4,000,000 values: still the ensemble
    [InlineData(2_000, 2_001, 1)] // one feature more: one autoencoder
    [InlineData(60_000, 784, 1)] // MNIST-size data
    [InlineData(1, 4_000_001, 1)]
    public void RunsFor_Automatic_IsTheEnsembleOfTenUpToFourMillionValues(int samples, int features, int expected)
    {
        var options = new QuickSelectionOptions();

        Assert.Null(options.Runs);
        Assert.Equal(expected, options.RunsFor(samples, features));
    }

    [Fact]
    public void RunsFor_Given_IsTheGivenRWhateverTheShape()
    {
        Assert.Equal(1, new QuickSelectionOptions { Runs = 1 }.RunsFor(38, 3_051));
        Assert.Equal(3, new QuickSelectionOptions { Runs = 3 }.RunsFor(60_000, 784));
        Assert.Throws<ArgumentOutOfRangeException>(() => new QuickSelectionOptions().RunsFor(0, 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => new QuickSelectionOptions().RunsFor(10, 0));
    }

    [Fact]
    public void Fit_Default_OnSmallData_IsTheEnsembleOfTenTrainingEnsembleEpochs()
    {
        var (features, d, _, _) = SyntheticFeatures.Create(rows: 60, informative: 3, noise: 9, seed: 4);
        QuickSelectionOptions automatic = Small(runs: 1);
        automatic.Runs = null;
        automatic.Epochs = 7; // differs from EnsembleEpochs (10), so the epoch events tell which budget the runs used
        int epochs = 0;
        var selection = new QuickSelection(automatic);
        selection.EpochCompleted += (_, _) => epochs++;

        QuickSelectionResult result = selection.Fit(features, d, 3);

        Assert.Equal(10, result.Runs);
        Assert.Equal(10, result.RunSelections.Count);
        Assert.Equal(10, epochs); // run 0 reports its epochs: EnsembleEpochs, not Epochs
        QuickSelectionOptions ten = Small(runs: 10);
        ten.Epochs = 7;
        Assert.Equal(new QuickSelection(ten).Fit(features, d, 3).Scores.ToArray(), result.Scores.ToArray());
        Assert.Equal("QuickSelection (automatic)", FeatureScorer.QuickSelection(automatic).Method);
    }

    [Fact]
    public void Fit_Ensemble_ScoresAreTheMeanOfEachRunsStandardisedStrengths()
    {
        var (features, d, _, _) = SyntheticFeatures.Create(rows: 120, informative: 3, noise: 15, seed: 1);

        QuickSelectionResult ensemble = new QuickSelection(Small(runs: 3)).Fit(features, d, 4);

        // Refit every run alone with its derived seed: the ensemble score must be the mean z-score of those strengths.
        var expected = new double[d];
        for (int r = 0; r < 3; r++)
        {
            double[] s = new QuickSelection(Small(runs: 1, seed: StabilitySelection.RunSeed(5, r))).Fit(features, d, 4).Scores.ToArray();
            double mean = s.Average();
            double sd = Math.Sqrt(s.Sum(v => (v - mean) * (v - mean)) / d);
            for (int j = 0; j < d; j++)
            {
                expected[j] += (s[j] - mean) / sd / 3;
            }
        }

        Assert.Equal(3, ensemble.Runs);
        for (int j = 0; j < d; j++)
        {
            Assert.Equal(expected[j], ensemble.Scores[j], 10);
        }
    }

    [Fact]
    public void Fit_Ensemble_FrequenciesCountTheRunsTopKAndStabilityComparesThem()
    {
        var (features, d, _, _) = SyntheticFeatures.Create(rows: 120, informative: 3, noise: 15, seed: 2);

        QuickSelectionResult result = new QuickSelection(Small(runs: 4)).Fit(features, d, 5);

        Assert.Equal(4, result.RunSelections.Count);
        Assert.All(result.RunSelections, top => Assert.Equal(5, top.Distinct().Count()));
        for (int j = 0; j < d; j++)
        {
            Assert.Equal(result.RunSelections.Count(top => top.Contains(j)) / 4.0, result.Frequencies[j], 12);
        }

        Assert.Equal(5.0, result.Frequencies.ToArray().Sum(), 10);
        Assert.Equal(SelectionStability.Measure(result.RunSelections, d), result.RunStability);
        Assert.Equal("QuickSelection (ensemble of 4)", result.Selector.Method);
    }

    [Fact]
    public void Fit_Ensemble_IsReproducibleAndItsFirstRunIsTheSingleRun()
    {
        var (features, d, _, _) = SyntheticFeatures.Create(rows: 100, informative: 3, noise: 12, seed: 3);

        QuickSelectionResult a = new QuickSelection(Small(runs: 3)).Fit(features, d, 4);
        QuickSelectionResult b = new QuickSelection(Small(runs: 3)).Fit(features, d, 4);
        QuickSelectionResult single = new QuickSelection(Small(runs: 1)).Fit(features, d, 4);

        Assert.Equal(a.Scores.ToArray(), b.Scores.ToArray());
        Assert.Equal(single.SelectedIndicesByRank.ToArray(), a.RunSelections[0]);
        Assert.True(single.Frequencies.IsEmpty);
        Assert.Null(single.RunStability);
        Assert.Empty(single.RunSelections);
    }

    [Fact]
    public void Fit_Ensemble_TrainsEachRunForEnsembleEpochsAndASingleRunForEpochs()
    {
        var (features, d, _, _) = SyntheticFeatures.Create(rows: 100, informative: 3, noise: 12, seed: 4);
        var epochs = new List<int>();
        var options = Small(runs: 2);
        options.Epochs = 3;
        options.EnsembleEpochs = 2;
        var ensemble = new QuickSelection(options);
        ensemble.EpochCompleted += (_, m) => epochs.Add(m.Epoch);
        ensemble.Fit(features, d, 4);
        options.Runs = 1;
        var single = new QuickSelection(options);
        single.EpochCompleted += (_, m) => epochs.Add(m.Epoch);
        single.Fit(features, d, 4);

        Assert.Equal([1, 2, 1, 2, 3], epochs);
        Assert.Equal("EnsembleEpochs", Assert.Throws<ArgumentOutOfRangeException>(() => new QuickSelection(new QuickSelectionOptions { EnsembleEpochs = 0 })).ParamName);
    }

    [Fact]
    public void RunSeed_KeepsTheSeedForRunZeroAndGivesDistinctSeedsAfter()
    {
        int[] seeds = [.. Enumerable.Range(0, 50).Select(r => StabilitySelection.RunSeed(42, r))];

        Assert.Equal(42, seeds[0]);
        Assert.Equal(50, seeds.Distinct().Count());
        Assert.All(seeds, s => Assert.True(s >= 0));
    }
}
