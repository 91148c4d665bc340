using ScottPlot;
using SparseMlNet.IO;

namespace SparseMlNet.Plots;

/// <summary>
/// Learning curves of several runs on shared axes: accuracy (%) on the left, loss on the right; one colour per run, solid for the test set and dashed
/// for the training set (training metrics are measured during the epoch, with dropout active).
/// </summary>
public static class LearningCurvesPlot
{
    /// <summary>Draws the curves.</summary>
    /// <param name="runs">Named metric logs, for example ("SET", log1), ("FixProb", log2), ("dense", log3); at least one.</param>
    /// <param name="title">Title above both panels.</param>
    /// <returns>The picture: two panels of 560 × 440 pixels.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="runs"/> or <paramref name="title"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="runs"/> is empty.</exception>
    public static Picture Create(IReadOnlyList<(string Name, MetricsLog Log)> runs, string title)
    {
        ArgumentNullException.ThrowIfNull(runs);
        ArgumentNullException.ThrowIfNull(title);
        if (runs.Count == 0)
        {
            throw new ArgumentException("Give at least one run.", nameof(runs));
        }

        Plot accuracy = PlotStyle.NewPlot();
        Plot loss = PlotStyle.NewPlot();
        for (int r = 0; r < runs.Count; r++)
        {
            var (name, log) = runs[r];
            double[] epochs = log.Epochs.Select(e => (double)e).ToArray();
            Color color = PlotStyle.SeriesColor(r);
            if (log.TestAccuracy.Any(double.IsFinite) || log.TestLoss.Any(double.IsFinite))
            {
                Add(accuracy, epochs, log.TestAccuracy.Select(a => 100 * a), color, $"{name} test", dashed: false);
                Add(loss, epochs, log.TestLoss, color, $"{name} test", dashed: false);
            }

            Add(accuracy, epochs, log.TrainAccuracy.Select(a => 100 * a), color, $"{name} train", dashed: true);
            Add(loss, epochs, log.TrainLoss, color, $"{name} train", dashed: true);
        }

        accuracy.Title("Accuracy");
        accuracy.XLabel("Epoch");
        accuracy.YLabel("Accuracy (%)");
        accuracy.ShowLegend(Alignment.LowerRight);
        loss.Title("Loss");
        loss.XLabel("Epoch");
        loss.YLabel("Loss (cross-entropy per sample)");
        loss.ShowLegend(Alignment.UpperRight);
        loss.Axes.AutoScale();
        loss.Axes.SetLimitsY(0, loss.Axes.GetLimits().Top);
        return new Picture([(accuracy, 560), (loss, 560)], 440) { Title = title };
    }

    private static void Add(Plot plot, double[] epochs, IEnumerable<double> values, Color color, string label, bool dashed)
    {
        double[] ys = values.ToArray();
        var xs = new List<double>();
        var kept = new List<double>();
        for (int i = 0; i < ys.Length; i++)
        {
            if (double.IsFinite(ys[i]))
            {
                xs.Add(epochs[i]);
                kept.Add(ys[i]);
            }
        }

        var line = plot.Add.ScatterLine(xs.ToArray(), kept.ToArray(), color);
        line.LineWidth = 2;
        line.LinePattern = dashed ? LinePattern.Dashed : LinePattern.Solid;
        line.LegendText = label;
    }
}
