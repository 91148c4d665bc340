using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using SparseMlNet.Analysis;
using SparseMlNet.Analysis.Charts;
using SparseMlNet.IO;

namespace SparseMlNet.Tests.Analysis;

public sealed partial class ChartTests : IDisposable
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("sparsemlnet-chart-tests-");

    public void Dispose() => _folder.Delete(recursive: true);

    private static XDocument Parse(Chart chart)
    {
        XDocument document = XDocument.Parse(chart.ToSvg());
        Assert.Equal(Svg + "svg", document.Root!.Name);
        Assert.Equal(chart.Title, document.Root.Element(Svg + "title")!.Value);
        return document;
    }

    private static List<string> Texts(XDocument document) => document.Descendants(Svg + "text").Select(t => t.Value).ToList();

    [Fact]
    public void LineChart_WellFormedWithTitleAxisTitlesLegendAndOnePolylinePerSeries()
    {
        var chart = new LineChart(new ChartAxis("Epoch"), new ChartAxis("Accuracy (%)"))
        {
            Title = "Runs & <comparison>",
            Series =
            [
                new ChartSeries("SET", [1, 2, 3], [50, 70, 80]),
                new ChartSeries("FixProb", [1, 2, 3], [45, 60, 72], SeriesStyle.DashedLine),
            ],
        };

        XDocument document = Parse(chart);
        List<string> texts = Texts(document);

        Assert.Contains("Runs & <comparison>", texts);
        Assert.Contains("Epoch", texts);
        Assert.Contains("Accuracy (%)", texts);
        Assert.Contains("SET", texts);
        Assert.Contains("FixProb", texts);
        Assert.Equal(2, document.Descendants(Svg + "polyline").Count());
        Assert.Single(document.Descendants(Svg + "polyline"), p => (string?)p.Attribute("stroke-dasharray") is not null);
    }

    [Fact]
    public void LineChart_LogAxesSkipValuesTheyCannotShowAndLabelDecades()
    {
        var chart = new LineChart(new ChartAxis("Degree k", AxisScale.Logarithmic), new ChartAxis("P(k)", AxisScale.Logarithmic))
        {
            Title = "log-log",
            Series = [new ChartSeries("data", [0, 1, 10, 100, -5, 1000], [0.5, 0.5, 0.1, 0.01, 0.2, double.NaN], SeriesStyle.Markers)],
            Legend = LegendPosition.None,
        };

        XDocument document = Parse(chart);
        List<string> texts = Texts(document);

        // Only (1, 0.5), (10, 0.1), (100, 0.01) are drawable.
        Assert.Equal(3, document.Descendants(Svg + "circle").Count());
        Assert.Contains("1", texts);
        Assert.Contains("10", texts);
        Assert.Contains("100", texts);
        Assert.Contains("0.01", texts);
    }

    [Fact]
    public void Heatmap_EveryCellDrawnExactlyOnceAndLabelsPresent()
    {
        var values = new double[5, 7];
        for (int r = 0; r < 5; r++)
        {
            for (int c = 0; c < 7; c++)
            {
                values[r, c] = c < 3 ? 0 : (r * 7) + c;
            }
        }

        values[4, 6] = double.NaN;
        var chart = new Heatmap(values) { Title = "map", XAxisTitle = "Pixel column", YAxisTitle = "Pixel row", ColorScaleTitle = "Connections (count)" };

        XDocument document = Parse(chart);
        var cells = new HashSet<(int, int)>();
        var colors = new Dictionary<(int, int), string>();
        foreach (XElement path in document.Descendants(Svg + "path"))
        {
            // Replay the path: "M c r.5 h n" then relative "m dx dy h n" moves; each h draws n cells of the row.
            string data = (string)path.Attribute("d")!;
            double x = 0, y = 0;
            foreach (Match m in RunPattern().Matches(data))
            {
                double dx = double.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture);
                double dy = double.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture);
                (x, y) = m.Groups[1].Value == "M" ? (dx, dy) : (x + dx, y + dy);
                int run = int.Parse(m.Groups[4].Value, CultureInfo.InvariantCulture);
                for (int k = 0; k < run; k++)
                {
                    var cell = ((int)Math.Floor(y), (int)x + k);
                    Assert.True(cells.Add(cell), $"cell {cell} drawn twice");
                    colors[cell] = (string)path.Attribute("stroke")!;
                }

                x += run;
            }
        }

        Assert.Equal(35, cells.Count);

        // The all-zero cells share the low end's colour; the largest value gets the high end's; NaN is grey.
        Assert.Equal(ColorMap.Viridis.At(0), colors[(0, 0)]);
        Assert.Equal(colors[(0, 0)], colors[(3, 2)]);
        Assert.Equal(ColorMap.Viridis.At(1), colors[(4, 5)]);
        Assert.Equal("#DDDDDD", colors[(4, 6)]);
        Assert.Contains(document.Descendants(Svg + "path"), p => ((string)p.Attribute("d")!).StartsWith("M0 0.5h3", StringComparison.Ordinal));
        List<string> texts = Texts(document);
        Assert.Contains("Pixel column", texts);
        Assert.Contains("Pixel row", texts);
        Assert.Contains("Connections (count)", texts);
    }

    [Fact]
    public void BarChartAndChartRow_WellFormedWithLabels()
    {
        var bars = new BarChart(["pixel 400", "pixel 401"], [12, 7.5], new ChartAxis("Connections (count)")) { Title = "ranking", CategoryTitle = "Input" };
        var row = new ChartRow([bars, bars]) { Title = "two" };

        XDocument document = Parse(row);
        List<string> texts = Texts(document);

        Assert.Equal(2, texts.Count(t => t == "pixel 400"));
        Assert.Contains("Connections (count)", texts);
        Assert.Contains("7.5", texts);
        Assert.Equal(2 * bars.Width, row.Width);
        Assert.Throws<ArgumentException>(() => new BarChart(["a"], [1, 2], new ChartAxis("x")));
        Assert.Throws<ArgumentException>(() => new BarChart(["a"], [1], new ChartAxis("x", AxisScale.Logarithmic)));
    }

    [Fact]
    public void AnalysisCharts_DegreeInputMapNnstdAndCurves_HaveTitlesUnitsAndLegends()
    {
        var layer = TopologyBuilders.Random(60, 36, 0.2, seed: 1);
        var network = TopologyBuilders.Network(layer, TopologyBuilders.Random(3, 60, 0.5, seed: 2));
        var degrees = DegreeDistribution.Of(network, 1, DegreeDirection.In);
        PowerLawFit.TryFit(degrees.Degrees.ToArray(), out PowerLawFit? fit, new PowerLawFitOptions { MinTailCount = 5 });
        Assert.NotNull(fit);

        var degreeChart = AnalysisCharts.DegreeDistribution(
            "degrees", [("trained", degrees)], ErdosRenyiDegrees.ExpectedPmf(network, 1, DegreeDirection.In), (fit!, degrees));
        List<string> degreeTexts = Texts(Parse(degreeChart));
        Assert.Contains("Degree k (connections per neuron)", degreeTexts);
        Assert.Contains("Fraction of neurons P(k)", degreeTexts);
        Assert.Contains("Erdős–Rényi expectation (binomial)", degreeTexts);
        Assert.Contains(degreeTexts, t => t.StartsWith("power law, α =", StringComparison.Ordinal));

        var map = InputConnectivity.Of(network);
        List<string> mapTexts = Texts(Parse(AnalysisCharts.InputMap(map, new ImageShape(6, 6), InputMapQuantity.Connections, "input map")));
        Assert.Contains("Connections (count)", mapTexts);
        Assert.Throws<ArgumentException>(() => AnalysisCharts.InputMap(map, new ImageShape(28, 28), InputMapQuantity.Connections, "wrong"));
        Parse(AnalysisCharts.InputMapEvolution([("epoch 0", map), ("epoch 10", map)], new ImageShape(6, 6), InputMapQuantity.Strength, "evolution"));
        List<string> rankingTexts = Texts(Parse(AnalysisCharts.FeatureRanking(map, null, 5, InputMapQuantity.Connections, "ranking")));
        Assert.Equal(5, rankingTexts.Count(t => t.StartsWith("feature ", StringComparison.Ordinal)));
        Assert.Contains($"feature {map.Ranking(InputMapQuantity.Connections)[0]}", rankingTexts);

        var matrix = NnstdMatrix.Compute([network, network, TopologyBuilders.Network(TopologyBuilders.Random(60, 36, 0.2, seed: 9), TopologyBuilders.Random(3, 60, 0.5, seed: 2))], ["a", "b", "c"]);
        List<string> nnstdTexts = Texts(Parse(AnalysisCharts.Nnstd(matrix, "nnstd")));
        Assert.Contains("0.00", nnstdTexts);
        Assert.Contains("NNSTD (0 to 1)", nnstdTexts);
        Assert.Contains("c", nnstdTexts);

        string csv = Path.Combine(_folder.FullName, "m.csv");
        File.WriteAllText(csv, "epoch,train_loss,train_accuracy,test_loss,test_accuracy\n1,2.0,0.3,2.1,0.28\n2,1.5,0.5,1.6,0.47\n");
        var curves = AnalysisCharts.LearningCurves([("SET", MetricsCsv.Read(csv)), ("dense", MetricsCsv.Read(csv))], "curves");
        List<string> curveTexts = Texts(Parse(curves));
        Assert.Contains("Accuracy (%)", curveTexts);
        Assert.Contains("Loss (cross-entropy per sample)", curveTexts);
        Assert.Contains("SET test", curveTexts);
        Assert.Contains("dense train", curveTexts);
    }

    [Fact]
    public void AxisTicks_NiceLinearStepsAndLogLabelsOnNarrowRanges()
    {
        AxisTicks linear = AxisTicks.Create(new ChartAxis("x"), 0.13, 0.87);
        Assert.Equal([0.0, 0.2, 0.4, 0.6, 0.8, 1.0], linear.Major.Select(v => Math.Round(v, 9)));
        Assert.Equal("0.4", linear.Label(linear.Major[2]));
        Assert.Equal(0, linear.Fraction(linear.Min));
        Assert.Equal(1, linear.Fraction(linear.Max));

        AxisTicks quarter = AxisTicks.Create(new ChartAxis("x", Minimum: 0, Maximum: 1), 0, 1, 5);
        Assert.Equal(["0.00", "0.25", "0.50", "0.75", "1.00"], quarter.Major.Select(quarter.Label));

        // 13 … 75 lies within one decade: labelling only powers of ten or 2 and 5 times them would leave fewer than three labels.
        AxisTicks narrow = AxisTicks.Create(new ChartAxis("k", AxisScale.Logarithmic), 13, 75);
        Assert.Equal(["20", "30", "40", "50", "60", "70", "80"], narrow.Major.Select(narrow.Label));

        AxisTicks wide = AxisTicks.Create(new ChartAxis("P", AxisScale.Logarithmic), 0.0004, 0.3);
        Assert.Equal(["0.0001", "0.001", "0.01", "0.1", "1"], wide.Major.Select(wide.Label));
        Assert.Throws<ArgumentException>(() => AxisTicks.Create(new ChartAxis("P", AxisScale.Logarithmic, Minimum: -1), 0.1, 1));
    }

    [Fact]
    public void Svg_CoordinatesRoundedToTwoDecimals()
    {
        var chart = new LineChart(new ChartAxis("x"), new ChartAxis("y"))
        {
            Title = "rounding",
            Series = [new ChartSeries("s", [Math.PI, Math.E, Math.Sqrt(2)], [1 / 3.0, 2 / 3.0, 1 / 7.0], SeriesStyle.LineAndMarkers)],
        };

        string svg = chart.ToSvg();

        Assert.DoesNotMatch(@"\d\.\d{3}", svg);
    }

    [Fact]
    public void Save_CreatesFolderAndWritesParseableFile()
    {
        string path = Path.Combine(_folder.FullName, "sub", "chart.svg");
        var chart = new LineChart(new ChartAxis("x (s)"), new ChartAxis("y (MB)")) { Title = "saved", Series = [new ChartSeries("s", [0, 1], [0, 1])] };

        chart.Save(path);

        Assert.Equal("saved", XDocument.Load(path).Root!.Element(Svg + "title")!.Value);
    }

    [GeneratedRegex(@"([Mm])(-?[\d.]+) (-?[\d.]+)h(\d+)")]
    private static partial Regex RunPattern();
}
