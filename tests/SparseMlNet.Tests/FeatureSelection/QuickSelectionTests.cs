using SparseMlNet.Data;
using SparseMlNet.FeatureSelection;
using SparseMlNet.Training;

namespace SparseMlNet.Tests.FeatureSelection;

public sealed class QuickSelectionTests
{
    // MinimumBatchesPerEpoch 0: these mechanics tests fix the batch at 50; the small-n rule has its own tests.
    // One autoencoder (R = 1, the paper's algorithm): these tests pin a single run's behaviour; on data this small the default would train an ensemble of 10.
    private static QuickSelectionOptions Small(int seed = 7) => new() { HiddenNeurons = 60, Epsilon = 5, Epochs = 30, BatchSize = 50, MinimumBatchesPerEpoch = 0, Runs = 1, Seed = seed };

    [Fact]
    public void Fit_IsReproducibleForASeedAndDiffersAcrossSeeds()
    {
        var (features, d, _, _) = SyntheticFeatures.Create(rows: 200, informative: 4, noise: 20, seed: 2);

        QuickSelectionResult first = new QuickSelection(Small(seed: 11)).Fit(features, d, 4);
        QuickSelectionResult again = new QuickSelection(Small(seed: 11)).Fit(features, d, 4);
        QuickSelectionResult other = new QuickSelection(Small(seed: 12)).Fit(features, d, 4);

        Assert.Equal(first.Scores.ToArray(), again.Scores.ToArray());
        Assert.Equal(first.Ranking.ToArray(), again.Ranking.ToArray());
        Assert.Equal(first.FinalReconstructionLoss, again.FinalReconstructionLoss);
        Assert.NotEqual(first.Scores.ToArray(), other.Scores.ToArray());
    }

    [Fact]
    public void Fit_ScoresAreTheFinalEncoderStrengthsAndTheRankingCoversEveryFeature()
    {
        var (features, d, _, _) = SyntheticFeatures.Create(rows: 150, informative: 3, noise: 12, seed: 3);

        QuickSelectionResult result = new QuickSelection(Small()).Fit(features, d, 3);

        var encoder = (SparseMlNet.Networks.Layers.SparseLayer)result.Autoencoder.Layers[0];
        Assert.Equal(NeuronStrength.OfInputs(encoder.Matrix), result.Scores.ToArray());
        Assert.Equal(Enumerable.Range(0, d), result.Ranking.ToArray().Order());
        Assert.Equal(result.Ranking[..3].ToArray(), result.SelectedIndicesByRank.ToArray());
        Assert.Equal(result.SelectedIndicesByRank.ToArray().Order(), result.SelectedIndices.ToArray());
    }

    [Fact]
    public void Fit_ReportsTopologyOfTheTrainedAutoencoder()
    {
        var (features, d, _, _) = SyntheticFeatures.Create(rows: 150, informative: 3, noise: 27, seed: 4);

        QuickSelectionResult result = new QuickSelection(Small()).Fit(features, d, 3);

        AutoencoderTopology t = result.Topology;
        var encoder = (SparseMlNet.Networks.Layers.SparseLayer)result.Autoencoder.Layers[0];
        Assert.Equal(d, t.Features);
        Assert.Equal(60, t.HiddenNeurons);
        Assert.Equal(encoder.Matrix.Nnz, t.EncoderConnections);
        Assert.Equal(encoder.Matrix.Density, t.EncoderDensity);
        Assert.Equal(result.Autoencoder.Layers[1].ConnectionCount, t.DecoderConnections);
        Assert.Equal(Enumerable.Range(0, d).Count(i => encoder.Matrix.ColumnDegree(i) > 0), t.ConnectedInputs);
        Assert.Equal(Enumerable.Range(0, d).Max(encoder.Matrix.ColumnDegree), t.MaxInputDegree);
        Assert.Equal((double)t.EncoderConnections / d, t.MeanInputDegree, 10);
    }

    [Fact]
    public void Fit_ReportsEveryEpochsReconstructionLossAndEveryBatch()
    {
        var (features, d, _, _) = SyntheticFeatures.Create(rows: 200, informative: 4, noise: 16, seed: 5);
        var selection = new QuickSelection(Small());
        var epochs = new List<EpochMetrics>();
        int batches = 0;
        selection.EpochCompleted += (_, m) => epochs.Add(m);
        selection.BatchCompleted += (_, _) => batches++;

        QuickSelectionResult result = selection.Fit(features, d, 4);

        Assert.Equal(Enumerable.Range(1, 30), epochs.Select(m => m.Epoch));
        Assert.Equal(30 * 4, batches);
        Assert.All(epochs, m => Assert.True(double.IsFinite(m.TrainLoss) && m.TrainLoss > 0));
        Assert.True(epochs[^1].TrainLoss < 0.8 * epochs[0].TrainLoss, $"MSE went from {epochs[0].TrainLoss:F4} to {epochs[^1].TrainLoss:F4}.");
        Assert.Equal(epochs[^1].TrainLoss, result.FinalReconstructionLoss);
    }

    [Fact]
    public void Fit_DatasetAndUnlabelledMatrixGiveTheSameSelection()
    {
        var (features, d, _, labels) = SyntheticFeatures.Create(rows: 120, informative: 3, noise: 9, seed: 6);
        string[] names = Enumerable.Range(0, d).Select(j => $"g{j}").ToArray();
        var data = new Dataset(features, labels, d, featureNames: names);

        QuickSelectionResult fromMatrix = new QuickSelection(Small()).Fit(features, d, 3, names);
        QuickSelectionResult fromDataset = new QuickSelection(Small()).Fit(data, 3);

        Assert.Equal(fromMatrix.Scores.ToArray(), fromDataset.Scores.ToArray());
        Assert.Equal(names, fromDataset.Selector.FeatureNames!);
        Assert.Equal(fromDataset.SelectedIndices.ToArray().Select(j => names[j]), fromDataset.Transform(data).FeatureNames!);
    }

    [Fact]
    public void Transform_ProjectsOntoTheSelectedColumnsAndRejectsOtherWidths()
    {
        var (features, d, _, _) = SyntheticFeatures.Create(rows: 100, informative: 3, noise: 9, seed: 7);
        QuickSelectionResult result = new QuickSelection(Small()).Fit(features, d, 3);

        float[] reduced = result.Transform(features, d);

        Assert.Equal(100 * 3, reduced.Length);
        int[] selected = result.SelectedIndices.ToArray();
        Assert.Equal(features[(5 * d) + selected[1]], reduced[(5 * 3) + 1]);
        var ex = Assert.Throws<ArgumentException>(() => result.Transform(new float[10 * (d + 1)], d + 1));
        Assert.Contains($"fitted on {d} features", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(13)]
    public void Fit_ThrowsForKOutsideOneToFeatureCount(int k)
    {
        var (features, d, _, _) = SyntheticFeatures.Create(rows: 20, informative: 2, noise: 10, seed: 8);

        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new QuickSelection(Small()).Fit(features, d, k));

        Assert.Equal("selectedCount", ex.ParamName);
        Assert.Contains("[1, 12]", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fit_ThrowsNamingConstantColumns()
    {
        float[] features = [1, 5, 2, 7, 1, 5, 3, 8, 1, 5, 4, 9];

        var ex = Assert.Throws<ArgumentException>(() => new QuickSelection(Small()).Fit(features, 4, 1, ["a", "b", "c", "d"]));

        Assert.Contains("columns 0 ('a'), 1 ('b')", ex.Message, StringComparison.Ordinal);
        Assert.Contains("constant", ex.Message, StringComparison.Ordinal);
        Assert.Contains("DropConstantFeatures", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fit_DropConstantFeaturesScoresThemZeroAndTrainsOnTheRest()
    {
        var (raw, d0, _, _) = SyntheticFeatures.Create(rows: 200, informative: 3, noise: 9, seed: 9);
        int d = d0 + 1;
        var features = new float[200 * d];
        for (int r = 0; r < 200; r++)
        {
            features[r * d] = 4f; // a constant first column
            raw.AsSpan(r * d0, d0).CopyTo(features.AsSpan((r * d) + 1, d0));
        }

        var options = Small();
        options.DropConstantFeatures = true;
        QuickSelectionResult result = new QuickSelection(options).Fit(features, d, 3);

        Assert.Equal(0.0, result.Scores[0]);
        Assert.Equal(d - 1, result.Selector.RankOf(0));
        Assert.Equal(Enumerable.Range(1, d0), result.TrainedFeatures.ToArray());
        Assert.Equal(d0, result.Autoencoder.InputCount);
        Assert.All(Enumerable.Range(1, d0), j => Assert.True(result.Scores[j] > 0));
    }

    [Fact]
    public void Fit_ThrowsNamingEntirelyNaNColumns()
    {
        float[] features = [1, float.NaN, 2, float.NaN, 3, float.NaN];

        var ex = Assert.Throws<ArgumentException>(() => new QuickSelection(Small()).Fit(features, 2, 1, ["x", "y"]));

        Assert.Contains("column 1 ('y') is entirely NaN", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fit_ThrowsNamingTheRowAndColumnOfAMissingValue()
    {
        float[] features = [1, 2, 3, float.NaN, 5, 6];

        var ex = Assert.Throws<ArgumentException>(() => new QuickSelection(Small()).Fit(features, 2, 1));

        Assert.Contains("row 1, column 1", ex.Message, StringComparison.Ordinal);
        Assert.Contains("impute", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fit_ThrowsForFewerThanTwoSamples()
    {
        var ex = Assert.Throws<ArgumentException>(() => new QuickSelection(Small()).Fit([1f, 2f, 3f], 3, 1));

        Assert.Contains("at least two samples", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fit_ThrowsForARaggedMatrix()
    {
        var ex = Assert.Throws<ArgumentException>(() => new QuickSelection(Small()).Fit([1f, 2f, 3f, 4f, 5f], 2, 1));

        Assert.Contains("not a whole", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(nameof(QuickSelectionOptions.NoiseFactor))]
    [InlineData(nameof(QuickSelectionOptions.HiddenNeurons))]
    [InlineData(nameof(QuickSelectionOptions.Zeta))]
    [InlineData(nameof(QuickSelectionOptions.RegrowthWeightScale))]
    [InlineData(nameof(QuickSelectionOptions.OutputActivation))]
    [InlineData(nameof(QuickSelectionOptions.Runs))]
    [InlineData(nameof(QuickSelectionOptions.MinimumBatchesPerEpoch))]
    public void Constructor_ThrowsNamingTheOptionOutOfRange(string property)
    {
        var options = new QuickSelectionOptions();
        switch (property)
        {
            case nameof(QuickSelectionOptions.NoiseFactor): options.NoiseFactor = -0.1f; break;
            case nameof(QuickSelectionOptions.HiddenNeurons): options.HiddenNeurons = 0; break;
            case nameof(QuickSelectionOptions.Zeta): options.Zeta = 1; break;
            case nameof(QuickSelectionOptions.RegrowthWeightScale): options.RegrowthWeightScale = 1.5; break;
            case nameof(QuickSelectionOptions.Runs): options.Runs = 0; break;
            case nameof(QuickSelectionOptions.MinimumBatchesPerEpoch): options.MinimumBatchesPerEpoch = -1; break;
            default: options.OutputActivation = SparseMlNet.Networks.Activations.ActivationKind.Relu; break;
        }

        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new QuickSelection(options));

        Assert.Equal(property, ex.ParamName);
    }

    [Fact]
    public void Defaults_AreThePapers()
    {
        var options = new QuickSelectionOptions();

        Assert.Equal(
            (1000, 13.0, 0.2, 0.2f, 100, 0.2f, 0.01f, 0.9f, 1e-5f, 100),
            (options.HiddenNeurons, options.Epsilon, options.Zeta, options.NoiseFactor, options.BatchSize, options.Dropout, options.LearningRate, options.Momentum, options.WeightDecay, options.Epochs));
        Assert.Equal(ScalingKind.Auto, options.Scaling);
    }
}
