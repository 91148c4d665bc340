using System.Globalization;
using ScottPlot;
using SparseMlNet.Analysis;

namespace SparseMlNet.Plots;

/// <summary>
/// A degree distribution on log-log axes: each observed distribution as markers (fraction of neurons P(k) against degree k; degree 0 cannot be shown on
/// a logarithmic axis and is left out, its count named in the legend), the Erdős–Rényi binomial expectation as a dashed line, and a power-law fit
/// over its tail (Clauset, Shalizi and Newman 2009) as a solid line, its statistics in the subtitle. The data are plotted as log10 values on axes with
/// a logarithmic tick generator.
/// </summary>
public static class DegreeDistributionPlot
{
    /// <summary>Draws the distributions.</summary>
    /// <param name="title">Title, for example "Hidden layer 1 in-degree (fan-in), runs/set/model.spmlnet".</param>
    /// <param name="observed">Named distributions, for example ("initial topology", d0) and ("trained", d100); at least one.</param>
    /// <param name="erdosRenyiPmf">Binomial probability of each degree 0 … n (<see cref="ErdosRenyiDegrees"/>); null to omit.</param>
    /// <param name="powerLaw">A fit and the distribution it was fitted to (which scales the line to that distribution's neuron count); null to omit.</param>
    /// <returns>The picture (860 × 520 pixels).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="title"/> or <paramref name="observed"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="observed"/> is empty.</exception>
    public static Picture Create(
        string title,
        IReadOnlyList<(string Name, DegreeDistribution Distribution)> observed,
        IReadOnlyList<double>? erdosRenyiPmf = null,
        (PowerLawFit Fit, DegreeDistribution Of)? powerLaw = null)
    {
        ArgumentNullException.ThrowIfNull(title);
        ArgumentNullException.ThrowIfNull(observed);
        if (observed.Count == 0)
        {
            throw new ArgumentException("Give at least one degree distribution to draw.", nameof(observed));
        }

        Plot plot = PlotStyle.NewPlot();
        int maxNeurons = 1;
        int maxDegree = 1;
        MarkerShape[] shapes = [MarkerShape.OpenCircle, MarkerShape.FilledCircle, MarkerShape.FilledSquare, MarkerShape.FilledTriangleUp];
        for (int s = 0; s < observed.Count; s++)
        {
            var (name, distribution) = observed[s];
            var xs = new List<double>();
            var ys = new List<double>();
            for (int k = 1; k < distribution.Counts.Count; k++)
            {
                if (distribution.Counts[k] > 0)
                {
                    xs.Add(Math.Log10(k));
                    ys.Add(Math.Log10(distribution.Fraction(k)));
                    maxDegree = Math.Max(maxDegree, k);
                }
            }

            var markers = plot.Add.ScatterPoints(xs.ToArray(), ys.ToArray(), PlotStyle.SeriesColor(s));
            markers.MarkerShape = shapes[s % shapes.Length];
            markers.MarkerSize = 6;
            int zeros = distribution.Counts[0];
            markers.LegendText = zeros > 0
                ? string.Create(CultureInfo.InvariantCulture, $"{name} ({zeros} of {distribution.NeuronCount} at degree 0)")
                : name;
            maxNeurons = Math.Max(maxNeurons, distribution.NeuronCount);
        }

        double floor = Math.Floor(Math.Log10(0.5 / maxNeurons));
        if (erdosRenyiPmf is not null)
        {
            var xs = new List<double>();
            var ys = new List<double>();
            for (int k = 1; k < erdosRenyiPmf.Count; k++)
            {
                if (erdosRenyiPmf[k] >= Math.Pow(10, floor - 1))
                {
                    xs.Add(Math.Log10(k));
                    ys.Add(Math.Log10(erdosRenyiPmf[k]));
                    maxDegree = Math.Max(maxDegree, k);
                }
            }

            var line = plot.Add.ScatterLine(xs.ToArray(), ys.ToArray(), PlotStyle.Reference);
            line.LinePattern = LinePattern.Dashed;
            line.LineWidth = 2;
            line.LegendText = "Erdős–Rényi expectation (binomial)";
        }

        string subtitle = string.Empty;
        if (powerLaw is { } p)
        {
            double scale = p.Fit.TailCount / (double)p.Of.NeuronCount;
            var xs = new List<double>();
            var ys = new List<double>();
            for (int k = p.Fit.XMin; k <= Math.Max(p.Of.Max, p.Fit.XMin + 1); k++)
            {
                double y = scale * p.Fit.Probability(k);
                if (y > 0)
                {
                    xs.Add(Math.Log10(k));
                    ys.Add(Math.Log10(y));
                }
            }

            var line = plot.Add.ScatterLine(xs.ToArray(), ys.ToArray(), PlotStyle.Fit);
            line.LineWidth = 2.5f;
            line.LegendText = string.Create(CultureInfo.InvariantCulture, $"power law, α = {p.Fit.Alpha:0.00}");
            subtitle = string.Create(
                CultureInfo.InvariantCulture,
                $"Power-law tail (Clauset et al. 2009): α = {p.Fit.Alpha:0.00} ± {p.Fit.StandardError:0.00}, x_min = {p.Fit.XMin}, KS D = {p.Fit.KolmogorovSmirnov:0.000}, tail n = {p.Fit.TailCount}");
            if (!double.IsNaN(p.Fit.PValue))
            {
                subtitle += string.Create(CultureInfo.InvariantCulture, $", p = {p.Fit.PValue:0.00}");
            }
        }

        plot.XLabel("Degree k (connections per neuron)");
        plot.YLabel("Fraction of neurons P(k)");
        PlotStyle.Logarithmic(plot.Axes.Bottom);
        PlotStyle.Logarithmic(plot.Axes.Left);
        double right = Math.Log10(maxDegree);
        double left = Math.Max(0, Math.Floor(Math.Log10(observed.Min(o => MinPositive(o.Distribution)))));
        plot.Axes.SetLimits(left - 0.05, Math.Max(right, left + 1) + 0.05, floor, 0.05);
        plot.ShowLegend(Edge.Right);
        return new Picture([(plot, 860)], 480) { Title = title, Subtitle = subtitle };
    }

    private static int MinPositive(DegreeDistribution distribution)
    {
        for (int k = 1; k < distribution.Counts.Count; k++)
        {
            if (distribution.Counts[k] > 0)
            {
                return k;
            }
        }

        return 1;
    }
}
