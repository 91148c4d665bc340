using System.Globalization;
using ScottPlot;
using ScottPlot.TickGenerators;
using SparseMlNet.Analysis;

namespace SparseMlNet.Plots;

/// <summary>The most connected (or strongest) inputs as ranked horizontal bars, largest at the top: the input map of tabular data.</summary>
public static class FeatureRankingPlot
{
    /// <summary>Draws the <paramref name="top"/> inputs with the largest quantity.</summary>
    /// <param name="map">The input connectivity.</param>
    /// <param name="featureNames">Names of the inputs; null names them "feature 0", "feature 1", ….</param>
    /// <param name="top">How many to show; Range: ≥ 1 (capped at the number of inputs).</param>
    /// <param name="quantity">Connections or strength.</param>
    /// <param name="title">Title.</param>
    /// <returns>The picture (20 pixels per bar).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="map"/> or <paramref name="title"/> is null.</exception>
    /// <exception cref="ArgumentException">The names' count differs from the number of inputs.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="top"/> is below 1.</exception>
    public static Picture Create(InputConnectivity map, IReadOnlyList<string>? featureNames, int top, InputMapQuantity quantity, string title)
    {
        ArgumentNullException.ThrowIfNull(map);
        ArgumentNullException.ThrowIfNull(title);
        ArgumentOutOfRangeException.ThrowIfLessThan(top, 1);
        if (featureNames is not null && featureNames.Count != map.InputCount)
        {
            throw new ArgumentException($"Give one name per input: {map.InputCount} inputs, {featureNames.Count} names.", nameof(featureNames));
        }

        int[] order = map.Ranking(quantity);
        double[] values = map.Values(quantity);
        int count = Math.Min(top, order.Length);
        var labels = new string[count];
        var bars = new List<Bar>();
        for (int i = 0; i < count; i++)
        {
            int input = order[i];
            labels[i] = featureNames?[input] ?? string.Create(CultureInfo.InvariantCulture, $"feature {input}");
            bars.Add(new Bar { Position = count - 1 - i, Value = values[input], FillColor = PlotStyle.SeriesColor(0), LineWidth = 0, Size = 0.75 });
        }

        Plot plot = PlotStyle.NewPlot();
        var barPlot = plot.Add.Bars(bars);
        barPlot.Horizontal = true;
        plot.Axes.Left.TickGenerator = new NumericManual(
            Enumerable.Range(0, count).Select(i => (double)(count - 1 - i)).ToArray(), labels);
        plot.Axes.Left.MajorTickStyle.Length = 0;
        plot.XLabel(InputMapPlot.QuantityLabel(quantity));
        plot.YLabel("Input feature (rank order)");
        plot.Axes.Margins(left: 0, right: 0.05, bottom: 0.02, top: 0.02);
        plot.Axes.SetLimitsY(-0.6, count - 0.4);
        plot.Grid.YAxisStyle.IsVisible = false;
        int height = 110 + (20 * count);
        string subtitle = string.Create(
            CultureInfo.InvariantCulture,
            $"Top {count} of {map.InputCount} inputs by first-layer {(quantity == InputMapQuantity.Connections ? "connections" : "strength")}");
        return new Picture([(plot, 760)], height) { Title = title, Subtitle = subtitle };
    }
}
