using SparseMlNet.Analysis;
using SparseMlNet.Data;
using SparseMlNet.Networks;
using SparseMlNet.Tests.Data;
using SparseMlNet.Training;

namespace SparseMlNet.Tests.Analysis;

/// <summary>What SET does to a network's graph on real images: 1000 Fashion-MNIST images (the TestData fixture), a 784-200-10 SET-MLP.</summary>
public sealed class FashionTopologyTests
{
    private static Dataset Fashion()
    {
        Dataset raw = IdxReader.ReadDataset(TestFiles.Fixture(TestFiles.FashionImages), TestFiles.Fixture(TestFiles.FashionLabels), classCount: 10);
        float[] scaled = raw.Features.ToArray();
        for (int i = 0; i < scaled.Length; i++)
        {
            scaled[i] /= 255f;
        }

        return new Dataset(scaled, raw.Labels.ToArray(), raw.FeatureCount, raw.ClassCount);
    }

    /// <summary>
    /// SET (regrown connections start at zero, the engine's default), with weight decay strong enough that, on 1000 images, 30 epochs shrink the weights
    /// the data never use as much as hundreds of epochs on the full set would.
    /// </summary>
    private static MultilayerPerceptron Train(Dataset data, int epochs) =>
        new MlpTrainer(new MlpTrainerOptions
        {
            HiddenLayerSizes = [200],
            Epochs = epochs,
            Epsilon = 20,
            LearningRate = 0.05f,
            WeightDecay = 0.01f,
            Dropout = 0f,
            BatchSize = 32,
            Seed = 5,
        }).Train(data);

    [Fact]
    public void Set_InputMapLeavesBlankPixelsAndHiddenDegreesLeaveBinomial()
    {
        Dataset data = Fashion();

        // Pixels blank in at least 98% of the images (corners and side columns) and pixels inked in more than 80% (the garment's body).
        var inked = new int[data.FeatureCount];
        for (int i = 0; i < data.Count; i++)
        {
            ReadOnlySpan<float> row = data.Row(i);
            for (int j = 0; j < row.Length; j++)
            {
                inked[j] += row[j] > 0 ? 1 : 0;
            }
        }

        int[] blank = Enumerable.Range(0, data.FeatureCount).Where(j => inked[j] <= data.Count / 50).ToArray();
        int[] busy = Enumerable.Range(0, data.FeatureCount).Where(j => inked[j] > data.Count * 4 / 5).ToArray();
        Assert.True(blank.Length >= 20 && busy.Length >= 100, $"{blank.Length} blank and {busy.Length} busy pixels");

        MultilayerPerceptron initial = Train(data, epochs: 1); // SET evolves after every epoch but the last: this is the initial topology
        MultilayerPerceptron trained = Train(data, epochs: 30);
        var before = InputConnectivity.Of(initial);
        var after = InputConnectivity.Of(trained);
        double Mean(InputConnectivity map, int[] pixels) => pixels.Average(j => map.Connections[j]);

        // Erdős–Rényi start: every pixel expects 200 p ≈ 25 connections, blank or not.
        Assert.InRange(Mean(before, blank) / Mean(before, busy), 0.8, 1.25);

        // After SET the blank pixels have lost most of their connections, and the garment's pixels have gained them.
        Assert.True(Mean(after, blank) < 0.5 * Mean(before, blank), $"blank pixels {Mean(before, blank):F1} -> {Mean(after, blank):F1}");
        Assert.True(Mean(after, busy) > Mean(before, busy), $"busy pixels {Mean(before, busy):F1} -> {Mean(after, busy):F1}");

        // The hidden neurons' in-degrees move away from the binomial Bin(784, p) of the initialisation.
        double[] binomial = ErdosRenyiDegrees.ExpectedPmf(trained, 1, DegreeDirection.In);
        var initialDegrees = DegreeDistribution.Of(initial, 1, DegreeDirection.In);
        var trainedDegrees = DegreeDistribution.Of(trained, 1, DegreeDirection.In);
        double ksBefore = initialDegrees.KolmogorovSmirnovDistance(binomial);
        double ksAfter = trainedDegrees.KolmogorovSmirnovDistance(binomial);
        Assert.True(ksAfter > 2 * ksBefore, $"KS to binomial {ksBefore:F3} -> {ksAfter:F3}");
        Assert.True(trainedDegrees.Variance > 2 * initialDegrees.Variance, $"variance {initialDegrees.Variance:F1} -> {trainedDegrees.Variance:F1}");
    }
}
