using System.Globalization;
using SparseMlNet.IO;

namespace SparseMlNet.Analysis.Charts;

/// <summary>
/// Ready-made pictures of the topology analyses, with titles, axis titles with units, legends and the axis scales each analysis needs:
/// degree distributions on log-log axes against the Erdős–Rényi binomial and a power-law fit, input connectivity maps as images or ranked bars,
/// NNSTD matrices as heatmaps, and learning curves of several runs.
/// </summary>
public static class AnalysisCharts
{
    /// <summary>
    /// Degree distribution(s) on log-log axes: each observed distribution as markers (fraction of neurons P(k) against degree k; degree 0 cannot be shown
    /// on a logarithmic axis and is left out), the Erdős–Rényi binomial expectation as a dashed line, and a power-law fit over its tail.
    /// </summary>
    /// <param name="title">Chart title, for example "Hidden layer 1 in-degree, Fashion-MNIST SET".</param>
    /// <param name="observed">Named distributions, for example ("initial", d0) and ("after 100 epochs", d100); at least one.</param>
    /// <param name="erdosRenyiPmf">Binomial expectation (<see cref="ErdosRenyiDegrees.ExpectedPmf(Networks.MultilayerPerceptron, int, DegreeDirection)"/>); null to omit.</param>
    /// <param name="powerLaw">A fit and the distribution it was fitted to (scales the fitted line to that distribution's neuron count); null to omit.</param>
    /// <returns>The chart.</returns>
    /// <exception cref="ArgumentException"><paramref name="observed"/> is empty.</exception>
    public static LineChart DegreeDistribution(
        string title,
        IReadOnlyList<(string Name, DegreeDistribution Distribution)> observed,
        IReadOnlyList<double>? erdosRenyiPmf = null,
        (PowerLawFit Fit, DegreeDistribution Of)? powerLaw = null)
    {
        ArgumentNullException.ThrowIfNull(observed);
        if (observed.Count == 0)
        {
            throw new ArgumentException("Give at least one degree distribution to draw.", nameof(observed));
        }

        var series = new List<ChartSeries>();
        int maxNeurons = 1;
        foreach (var (name, distribution) in observed)
        {
            var xs = new List<double>();
            var ys = new List<double>();
            for (int k = 1; k < distribution.Counts.Count; k++)
            {
                if (distribution.Counts[k] > 0)
                {
                    xs.Add(k);
                    ys.Add(distribution.Fraction(k));
                }
            }

            int zeros = distribution.Counts[0];
            string label = zeros > 0 ? $"{name} ({zeros} of {distribution.NeuronCount} at degree 0)" : name;
            series.Add(new ChartSeries(label, xs, ys, SeriesStyle.Markers));
            maxNeurons = Math.Max(maxNeurons, distribution.NeuronCount);
        }

        double floor = Math.Pow(10, Math.Floor(Math.Log10(0.5 / maxNeurons)));
        if (erdosRenyiPmf is not null)
        {
            var xs = new List<double>();
            var ys = new List<double>();
            for (int k = 1; k < erdosRenyiPmf.Count; k++)
            {
                if (erdosRenyiPmf[k] >= floor / 10)
                {
                    xs.Add(k);
                    ys.Add(erdosRenyiPmf[k]);
                }
            }

            series.Add(new ChartSeries("Erdős–Rényi expectation (binomial)", xs, ys, SeriesStyle.DashedLine) { Color = "#555555" });
        }

        string subtitle = string.Empty;
        if (powerLaw is { } p)
        {
            double scale = p.Fit.TailCount / (double)p.Of.NeuronCount;
            var xs = new List<double>();
            var ys = new List<double>();
            for (int k = p.Fit.XMin; k <= Math.Max(p.Of.Max, p.Fit.XMin + 1); k++)
            {
                xs.Add(k);
                ys.Add(scale * p.Fit.Probability(k));
            }

            series.Add(new ChartSeries($"power law, α = {p.Fit.Alpha.ToString("0.00", CultureInfo.InvariantCulture)}", xs, ys, SeriesStyle.Line) { Color = "#D55E00" });
            subtitle = string.Create(
                CultureInfo.InvariantCulture,
                $"Power-law tail (Clauset et al. 2009): α = {p.Fit.Alpha:0.00} ± {p.Fit.StandardError:0.00}, x_min = {p.Fit.XMin}, KS D = {p.Fit.KolmogorovSmirnov:0.000}, tail n = {p.Fit.TailCount}");
            if (!double.IsNaN(p.Fit.PValue))
            {
                subtitle += string.Create(CultureInfo.InvariantCulture, $", p = {p.Fit.PValue:0.00}");
            }
        }

        return new LineChart(
            new ChartAxis("Degree k (connections per neuron)", AxisScale.Logarithmic),
            new ChartAxis("Fraction of neurons P(k)", AxisScale.Logarithmic, Minimum: floor, Maximum: 1))
        {
            Title = title,
            Subtitle = subtitle,
            Series = series,
            Legend = LegendPosition.Right,
            ChartWidth = 860,
        };
    }

    /// <summary>An input connectivity map shaped as the image: one cell per pixel (summed over channels), row 0 at the top.</summary>
    /// <param name="map">The input connectivity.</param>
    /// <param name="shape">Image shape covering exactly <see cref="InputConnectivity.InputCount"/> inputs.</param>
    /// <param name="quantity">Connections or strength.</param>
    /// <param name="title">Chart title.</param>
    /// <param name="maximum">Upper end of the colour scale; null for the map's maximum (give the same value to several maps to compare them).</param>
    /// <returns>The heatmap.</returns>
    /// <exception cref="ArgumentException">The shape does not match the number of inputs.</exception>
    public static Heatmap InputMap(InputConnectivity map, ImageShape shape, InputMapQuantity quantity, string title, double? maximum = null)
    {
        ArgumentNullException.ThrowIfNull(map);
        return new Heatmap(map.ToImage(shape, quantity))
        {
            Title = title,
            XAxisTitle = "Pixel column",
            YAxisTitle = "Pixel row",
            ColorScaleTitle = QuantityTitle(quantity),
            Minimum = 0,
            Maximum = maximum,
            ColorMap = ColorMap.Magma,
        };
    }

    /// <summary>
    /// How an input map evolves: one image per snapshot, side by side on a common colour scale (drawn once, right of the last image).
    /// </summary>
    /// <param name="snapshots">Labelled maps in order, for example ("epoch 0", m0), ("epoch 10", m10); at least one.</param>
    /// <param name="shape">Image shape.</param>
    /// <param name="quantity">Connections or strength.</param>
    /// <param name="title">Title above the row.</param>
    /// <returns>The row of heatmaps.</returns>
    /// <exception cref="ArgumentException">No snapshots, or the shape does not match a map's number of inputs.</exception>
    public static ChartRow InputMapEvolution(IReadOnlyList<(string Label, InputConnectivity Map)> snapshots, ImageShape shape, InputMapQuantity quantity, string title)
    {
        ArgumentNullException.ThrowIfNull(snapshots);
        if (snapshots.Count == 0)
        {
            throw new ArgumentException("Give at least one snapshot.", nameof(snapshots));
        }

        double maximum = snapshots.Max(s => s.Map.Values(quantity).Max() * shape.Channels);
        double cell = Math.Max(2, Math.Floor(Math.Min(10, 200.0 / Math.Max(shape.Height, shape.Width)) * 4) / 4);
        var charts = snapshots.Select((s, i) => (Chart)new Heatmap(s.Map.ToImage(shape, quantity))
        {
            Title = s.Label,
            XAxisTitle = "Pixel column",
            YAxisTitle = i == 0 ? "Pixel row" : string.Empty,
            ColorScaleTitle = QuantityTitle(quantity),
            Minimum = 0,
            Maximum = maximum,
            ColorMap = ColorMap.Magma,
            CellSize = cell,
            ShowColorBar = i == snapshots.Count - 1,
        });
        return new ChartRow(charts) { Title = title };
    }

    /// <summary>The <paramref name="top"/> inputs with the largest quantity as ranked horizontal bars (for tabular data).</summary>
    /// <param name="map">The input connectivity.</param>
    /// <param name="featureNames">Names of the inputs; null names them "feature 0", "feature 1", ….</param>
    /// <param name="top">How many to show; Range: ≥ 1 (capped at the number of inputs).</param>
    /// <param name="quantity">Connections or strength.</param>
    /// <param name="title">Chart title.</param>
    /// <returns>The bar chart.</returns>
    /// <exception cref="ArgumentException">The names' count differs from the number of inputs.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="top"/> is below 1.</exception>
    public static BarChart FeatureRanking(InputConnectivity map, IReadOnlyList<string>? featureNames, int top, InputMapQuantity quantity, string title)
    {
        ArgumentNullException.ThrowIfNull(map);
        ArgumentOutOfRangeException.ThrowIfLessThan(top, 1);
        if (featureNames is not null && featureNames.Count != map.InputCount)
        {
            throw new ArgumentException($"Give one name per input: {map.InputCount} inputs, {featureNames.Count} names.", nameof(featureNames));
        }

        int[] order = map.Ranking(quantity);
        double[] values = map.Values(quantity);
        int count = Math.Min(top, order.Length);
        var labels = new string[count];
        var bars = new double[count];
        for (int i = 0; i < count; i++)
        {
            int input = order[i];
            labels[i] = featureNames?[input] ?? string.Create(CultureInfo.InvariantCulture, $"feature {input}");
            bars[i] = values[input];
        }

        return new BarChart(labels, bars, new ChartAxis(QuantityTitle(quantity)))
        {
            Title = title,
            Subtitle = string.Create(CultureInfo.InvariantCulture, $"Top {count} of {map.InputCount} inputs by first-layer {(quantity == InputMapQuantity.Connections ? "connections" : "strength")}"),
            CategoryTitle = "Input feature (rank order)",
        };
    }

    /// <summary>Pairwise NNSTD as a heatmap on the fixed scale [0, 1], with the networks' labels and (for up to 12 networks) the values in the cells.</summary>
    /// <param name="matrix">The distances.</param>
    /// <param name="title">Chart title.</param>
    /// <returns>The heatmap.</returns>
    public static Heatmap Nnstd(NnstdMatrix matrix, string title)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        return new Heatmap(matrix.ToArray())
        {
            Title = title,
            Subtitle = "NNSTD (Liu et al. 2020): 0 = same topology up to hidden-neuron relabelling, 1 = no connection in common",
            XAxisTitle = "Network",
            YAxisTitle = "Network",
            ColorScaleTitle = "NNSTD (0 to 1)",
            RowLabels = matrix.Labels,
            ColumnLabels = matrix.Labels,
            Minimum = 0,
            Maximum = 1,
            ShowValues = matrix.Count <= 12,
            CellSize = matrix.Count <= 12 ? Math.Min(64, 480.0 / matrix.Count) : null,
        };
    }

    /// <summary>
    /// Learning curves of several runs on shared axes: accuracy (%) on the left, loss on the right; one colour per run, solid for the test set and
    /// dashed for the training set (training metrics are measured during the epoch, with dropout active).
    /// </summary>
    /// <param name="runs">Named metric logs, for example ("SET", log1), ("FixProb", log2), ("dense", log3); at least one.</param>
    /// <param name="title">Title above both charts.</param>
    /// <returns>The two charts in a row.</returns>
    /// <exception cref="ArgumentException"><paramref name="runs"/> is empty.</exception>
    public static ChartRow LearningCurves(IReadOnlyList<(string Name, MetricsLog Log)> runs, string title)
    {
        ArgumentNullException.ThrowIfNull(runs);
        if (runs.Count == 0)
        {
            throw new ArgumentException("Give at least one run.", nameof(runs));
        }

        var accuracy = new List<ChartSeries>();
        var loss = new List<ChartSeries>();
        for (int r = 0; r < runs.Count; r++)
        {
            var (name, log) = runs[r];
            double[] epochs = log.Epochs.Select(e => (double)e).ToArray();
            string color = Palette.Color(r);
            bool hasTest = log.TestAccuracy.Any(double.IsFinite) || log.TestLoss.Any(double.IsFinite);
            if (hasTest)
            {
                accuracy.Add(new ChartSeries($"{name} test", epochs, log.TestAccuracy.Select(a => 100 * a).ToArray()) { Color = color });
                loss.Add(new ChartSeries($"{name} test", epochs, log.TestLoss.ToArray()) { Color = color });
            }

            accuracy.Add(new ChartSeries($"{name} train", epochs, log.TrainAccuracy.Select(a => 100 * a).ToArray(), SeriesStyle.DashedLine) { Color = color });
            loss.Add(new ChartSeries($"{name} train", epochs, log.TrainLoss.ToArray(), SeriesStyle.DashedLine) { Color = color });
        }

        var accuracyChart = new LineChart(new ChartAxis("Epoch"), new ChartAxis("Accuracy (%)"))
        {
            Title = "Accuracy",
            Series = accuracy,
            Legend = LegendPosition.BottomRight,
            ChartWidth = 520,
        };
        var lossChart = new LineChart(new ChartAxis("Epoch"), new ChartAxis("Loss (cross-entropy per sample)", Minimum: 0))
        {
            Title = "Loss",
            Series = loss,
            Legend = LegendPosition.TopRight,
            ChartWidth = 520,
        };
        return new ChartRow([accuracyChart, lossChart]) { Title = title };
    }

    private static string QuantityTitle(InputMapQuantity quantity) =>
        quantity == InputMapQuantity.Connections ? "Connections (count)" : "Strength (Σ|w|)";
}
