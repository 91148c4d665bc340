using SparseMlNet.Data;
using SparseMlNet.FeatureSelection;

namespace SparseMlNet.Tests.FeatureSelection;

public sealed class FeatureScorerTests
{
    private static Dataset Data()
    {
        var (features, d, _, labels) = SyntheticFeatures.Create(rows: 80, informative: 3, noise: 9, seed: 5);
        return new Dataset(features, labels, d);
    }

    [Fact]
    public void QuickSelection_FitsWithTheGivenSeedInsteadOfTheOptionsSeed()
    {
        Dataset data = Data();
        var options = new QuickSelectionOptions { HiddenNeurons = 20, Epsilon = 3, Epochs = 4, Seed = 1 };

        FeatureScorer scorer = FeatureScorer.QuickSelection(options);
        options.Epochs = 50; // copied at construction: this does not reach the scorer
        FeatureSelector scored = scorer.Fit(data, 3, seed: 9);

        options.Seed = 9;
        options.Epochs = 4;
        Assert.Equal(new QuickSelection(options).Fit(data, 3).Scores.ToArray(), scored.Scores.ToArray());
    }

    [Fact]
    public void Registry_NamesSayWhatEachMethodIsAndWhetherItReadsLabels()
    {
        IFeatureScorer[] all = [FeatureScorer.QuickSelection(new QuickSelectionOptions { Runs = 3 }), .. FeatureScorer.Baselines()];

        Assert.Equal(["QuickSelection (ensemble of 3)", "Random", "Variance", "Laplacian score", "Mutual information"], all.Select(s => s.Method));
        Assert.Equal([false, false, false, false, true], all.Select(s => s.UsesLabels));
    }

    [Fact]
    public void Baselines_GiveTheSameSelectionAsTheirStaticFits()
    {
        Dataset data = Data();

        Assert.Equal(VarianceSelection.Fit(data.Features, data.FeatureCount, 4).Scores.ToArray(), FeatureScorer.Variance().Fit(data, 4, seed: 0).Scores.ToArray());
        Assert.Equal(RandomSelection.Fit(data.FeatureCount, 4, 7).Ranking.ToArray(), FeatureScorer.Random().Fit(data, 4, seed: 7).Ranking.ToArray());
        Assert.NotEqual(FeatureScorer.Random().Fit(data, 4, seed: 7).Ranking.ToArray(), FeatureScorer.Random().Fit(data, 4, seed: 8).Ranking.ToArray());
    }

    [Fact]
    public void QuickSelection_RejectsBadOptionsWhenTheScorerIsMade()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => FeatureScorer.QuickSelection(new QuickSelectionOptions { Runs = 0 }));

        Assert.Equal(nameof(QuickSelectionOptions.Runs), ex.ParamName);
    }
}
