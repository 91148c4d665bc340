using SparseMlNet.Data;
using System.Globalization;
using System.Xml.Linq;
using SparseMlNet.Analysis;

namespace SparseMlNet.Plots.Tests;

public sealed class AnalysisPlotTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("sparsemlnet-plot-tests-");

    /// <summary>Magma at 1.0 (ScottPlot.Colormaps.Magma).</summary>
    private static readonly string TopColour = new ScottPlot.Colormaps.Magma().GetColor(1.0).ToHex();

    public void Dispose() => _folder.Delete(recursive: true);

    [Fact]
    public void DegreeDistribution_LogLogWithBinomialPowerLawAndZeroDegreeNote()
    {
        var network = Samples.Network(seed: 1);
        var trained = Samples.HeavyTail();
        var initial = DegreeDistribution.Of(network, 1, DegreeDirection.In);
        PowerLawFit fit = PowerLawFit.Fit(trained.Degrees.ToArray());

        Picture picture = DegreeDistributionPlot.Create(
            "Hidden layer 1 in-degree", [("initial topology", initial), ("trained", trained)], ErdosRenyiDegrees.ExpectedPmf(network, 1, DegreeDirection.In), (fit, trained));

        List<string> texts = PictureFiles.Texts(PictureFiles.ParseSvg(picture));
        Assert.Contains("Hidden layer 1 in-degree", texts);
        Assert.Contains("Degree k (connections per neuron)", texts);
        Assert.Contains("Fraction of neurons P(k)", texts);
        Assert.Contains("Erdős–Rényi expectation (binomial)", texts);
        Assert.Contains("initial topology", texts);
        Assert.Contains($"trained (40 of {trained.NeuronCount} at degree 0)", texts);
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"power law, α = {fit.Alpha:0.00}"), texts);
        Assert.Contains(texts, t => t.StartsWith("Power-law tail (Clauset et al. 2009): α = ", StringComparison.Ordinal));

        // Log axes: decade labels, from the degree axis (1, 10) and from P(k) (0.1, 0.01).
        Assert.Contains("1", texts);
        Assert.Contains("10", texts);
        Assert.Contains("0.1", texts);
        Assert.Contains("0.01", texts);
        Assert.DoesNotContain("0.5", texts); // no linear ticks between decades
        PictureFiles.AssertPng(picture);
    }

    [Fact]
    public void DegreeDistribution_NoDistributions_Throws()
    {
        Assert.Throws<ArgumentException>(() => DegreeDistributionPlot.Create("x", []));
    }

    [Theory]
    [InlineData(0, "1")]
    [InlineData(2, "100")]
    [InlineData(-3, "0.001")]
    [InlineData(-5, "1e-5")]
    [InlineData(1.0000001, "10")]
    public void DecadeLabel_LabelsTenToThePower(double exponent, string expected)
    {
        Assert.Equal(expected, PlotStyle.DecadeLabel(exponent));
    }

    [Fact]
    public void InputMap_OneCellPerPixelWithColourBar()
    {
        var map = InputConnectivity.Of(Samples.Network(seed: 2));

        Picture picture = InputMapPlot.Create(map, new ImageShape(6, 6), InputMapQuantity.Connections, "Input connectivity");

        XDocument svg = PictureFiles.ParseSvg(picture);
        List<string> texts = PictureFiles.Texts(svg);
        Assert.Contains("Input connectivity", texts);
        Assert.Contains("Pixel column", texts);
        Assert.Contains("Pixel row", texts);
        Assert.Contains("Connections (count)", texts); // the colour bar's label
        Assert.Contains("0", texts);

        // The brightest cell is the magma map's top colour, drawn once per pixel holding the maximum (the colour bar is an image).
        int maximum = map.Connections.Max();
        int pixelsAtMaximum = map.Connections.Count(c => c == maximum);
        List<string> fills = PictureFiles.RectFills(svg);
        Assert.True(fills.Count >= 36, $"{fills.Count} filled rectangles for 36 pixels");
        Assert.Equal(pixelsAtMaximum, fills.Count(f => f.Equals(TopColour, StringComparison.OrdinalIgnoreCase)));
        Assert.Single(svg.Descendants(PictureFiles.Svg + "image")); // the colour bar's gradient
        PictureFiles.AssertPng(picture);
    }

    [Fact]
    public void InputMap_ShapeNotCoveringTheInputs_ThrowsWithBothCounts()
    {
        var map = InputConnectivity.Of(Samples.Network(seed: 2));

        var error = Assert.Throws<ArgumentException>(() => InputMapPlot.Create(map, new ImageShape(28, 28), InputMapQuantity.Strength, "x"));

        Assert.Contains("784", error.Message, StringComparison.Ordinal);
        Assert.Contains("36", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void InputMapEvolution_PanelPerSnapshotAndOneColourBar()
    {
        InputMapSnapshot[] snapshots =
        [
            new("epoch 0", InputConnectivity.Of(Samples.Network(seed: 3))),
            new("epoch 10", InputConnectivity.Of(Samples.Network(seed: 4))),
            new("epoch 20", InputConnectivity.Of(Samples.Network(seed: 5))),
        ];

        Picture picture = InputMapEvolutionPlot.Create(snapshots, new ImageShape(6, 6), InputMapQuantity.Strength, "Strength during training");

        List<string> texts = PictureFiles.Texts(PictureFiles.ParseSvg(picture));
        Assert.Equal(3, picture.Panels.Count);
        Assert.Contains("Strength during training", texts);
        Assert.Contains("epoch 0", texts);
        Assert.Contains("epoch 10", texts);
        Assert.Contains("epoch 20", texts);
        Assert.Single(texts, t => t == "Strength (Σ|w|)");
        Assert.Single(texts, t => t == "Pixel row");
        Assert.Equal(3, texts.Count(t => t == "Pixel column"));
        PictureFiles.AssertPng(picture);
        Assert.Throws<ArgumentException>(() => InputMapEvolutionPlot.Create([], new ImageShape(6, 6), InputMapQuantity.Strength, "x"));
    }

    [Fact]
    public void FeatureRanking_TopInputsByNameInRankOrder()
    {
        var map = InputConnectivity.Of(Samples.Network(seed: 6));
        string[] names = Enumerable.Range(0, 36).Select(i => string.Create(CultureInfo.InvariantCulture, $"gene_{i}")).ToArray();

        Picture picture = FeatureRankingPlot.Create(map, names, 5, InputMapQuantity.Connections, "Most connected inputs");

        XDocument svg = PictureFiles.ParseSvg(picture);
        List<string> texts = PictureFiles.Texts(svg);
        int[] order = map.Ranking(InputMapQuantity.Connections);
        Assert.Equal(5, texts.Count(t => t.StartsWith("gene_", StringComparison.Ordinal)));
        Assert.Contains($"gene_{order[0]}", texts);
        Assert.Contains($"gene_{order[4]}", texts);
        Assert.DoesNotContain($"gene_{order[5]}", texts);
        Assert.Contains("Top 5 of 36 inputs by first-layer connections", texts);

        // The top-ranked label is drawn above (smaller y than) the fifth.
        double Y(string label) => double.Parse(
            svg.Descendants(PictureFiles.Svg + "text").First(t => t.Value.Trim() == label).Attribute("transform")!.Value.Split(' ', ')')[1],
            CultureInfo.InvariantCulture);
        Assert.True(Y($"gene_{order[0]}") < Y($"gene_{order[4]}"));
        PictureFiles.AssertPng(picture);
        Assert.Throws<ArgumentOutOfRangeException>(() => FeatureRankingPlot.Create(map, null, 0, InputMapQuantity.Connections, "x"));
        Assert.Throws<ArgumentException>(() => FeatureRankingPlot.Create(map, ["a"], 5, InputMapQuantity.Connections, "x"));
    }

    [Fact]
    public void Nnstd_LabelsValuesAndFixedColourScale()
    {
        var a = Samples.Network(seed: 7);
        var matrix = NnstdMatrix.Compute([a, a, Samples.Network(seed: 8)], ["run a", "run b", "other"]);

        Picture picture = NnstdPlot.Create(matrix, "NNSTD between 3 networks");

        List<string> texts = PictureFiles.Texts(PictureFiles.ParseSvg(picture));
        Assert.Contains("NNSTD between 3 networks", texts);
        Assert.Contains("NNSTD (0 to 1)", texts);
        Assert.Equal(2, texts.Count(t => t == "other")); // once on each axis
        Assert.True(texts.Count(t => t == "0.00") >= 5, "the diagonal and the a–b pair print 0.00");
        Assert.Contains(matrix[0, 2].ToString("0.00", CultureInfo.InvariantCulture), texts);
        Assert.Contains("1", texts); // the colour bar runs to 1 whatever the data
        PictureFiles.AssertPng(picture);
    }

    [Fact]
    public void LearningCurves_AccuracyAndLossPanelsWithTestAndTrainPerRun()
    {
        var set = Samples.Metrics(_folder.FullName, "set");
        var trainOnly = Samples.Metrics(_folder.FullName, "dense", withTest: false);

        Picture picture = LearningCurvesPlot.Create([("SET", set), ("dense", trainOnly)], "Learning curves");

        List<string> texts = PictureFiles.Texts(PictureFiles.ParseSvg(picture));
        Assert.Equal(2, picture.Panels.Count);
        Assert.Contains("Learning curves", texts);
        Assert.Contains("Accuracy (%)", texts);
        Assert.Contains("Loss (cross-entropy per sample)", texts);
        Assert.Equal(2, texts.Count(t => t == "SET test"));
        Assert.Equal(2, texts.Count(t => t == "SET train"));
        Assert.Equal(2, texts.Count(t => t == "dense train"));
        Assert.DoesNotContain("dense test", texts); // a run without a test set draws no test curve
        PictureFiles.AssertPng(picture);
        Assert.Throws<ArgumentException>(() => LearningCurvesPlot.Create([], "x"));
    }
}
