using System.Globalization;
using MathNet.Numerics.Statistics;
using Spectre.Console;
using SparseMlNet.Data;
using SparseMlNet.Networks;
using SparseMlNet.Training;

namespace SparseMlNet.Cli;

/// <summary>The console side of a <c>train</c> run: a progress bar over each epoch's mini-batches (interactive terminals only), one line per finished epoch, and a summary table.</summary>
internal sealed class TrainingReport(IAnsiConsole console, MlpTrainerOptions options, TrainTestSets data)
{
    private readonly List<EpochMetrics> _epochs = [];
    private TrainingOutcome? _outcome;

    /// <summary>The metrics of the epochs finished so far.</summary>
    public IReadOnlyList<EpochMetrics> Epochs => _epochs;

    public void PrintStart(string folder)
    {
        Dataset train = data.Train;
        string shape = string.Join("-", [train.FeatureCount, .. options.HiddenLayerSizes, train.ClassCount]);
        console.MarkupLine(Markup.Escape(Invariant(
            $"Training {Names.Of(options.Kind)} MLP {shape} ({Names.Of(options.Activation)}) for {options.EffectiveEpochs(train.Count)} epochs on {train.Count} rows ({data.TrainSource}), testing on {data.Test.Count} ({data.TestSource}).")));
        console.MarkupLine(Markup.Escape($"Writing to {Path.GetFullPath(folder)}"));
    }

    /// <summary>Trains, showing progress; returns the trained network.</summary>
    public MultilayerPerceptron Run(MlpTrainer trainer, Dataset train, Dataset test, CancellationToken cancellationToken)
    {
        trainer.EpochCompleted += (_, m) =>
        {
            console.MarkupLine(EpochLine(m));
            _epochs.Add(m);
        };
        trainer.TrainingCompleted += (_, o) => _outcome = o;

        if (!console.Profile.Capabilities.Interactive)
        {
            return trainer.Train(train, test, cancellationToken);
        }

        return console.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(context =>
            {
                ProgressTask task = context.AddTask("Epoch 1", maxValue: 1);
                trainer.BatchCompleted += (_, p) =>
                {
                    if (p.Batch == 1)
                    {
                        task.Description = Invariant($"Epoch {p.Epoch}/{p.Epochs}");
                        task.MaxValue = p.Batches;
                        task.Value = 0;
                    }

                    task.Increment(1);
                };
                return trainer.Train(train, test, cancellationToken);
            });
    }

    public void PrintSummary(MultilayerPerceptron network, string modelPath, string metricsPath)
    {
        EpochMetrics last = _epochs[^1];
        EpochMetrics best = _epochs.MaxBy(m => m.TestAccuracy)!;
        var table = new Table().Border(TableBorder.Rounded).Title("[bold]Summary[/]").AddColumn("").AddColumn("");
        table.HideHeaders();
        table.AddRow("Network", Markup.Escape($"{Names.Of(network.Kind)} {string.Join("-", network.LayerSizes)}, {Names.Of(options.Activation)}"));
        table.AddRow("Test accuracy (last epoch)", $"[bold]{Percent(last.TestAccuracy)}[/]");
        table.AddRow("Best test accuracy", Invariant($"{Percent(best.TestAccuracy)} (epoch {best.Epoch})"));
        if (_outcome is { } outcome && options.EarlyStoppingPatience is not null)
        {
            table.AddRow("Early stopping", Invariant(
                $"{(outcome.StoppedEarly ? "stopped" : "ran")} after epoch {outcome.EpochsRun}; the model is epoch {outcome.BestEpoch}'s (validation loss {outcome.BestValidationLoss:F4})"));
        }

        table.AddRow("Train loss, accuracy (last)", Invariant($"{last.TrainLoss:F4}, {Percent(last.TrainAccuracy)}"));
        table.AddRow("Seconds per epoch (median)", Invariant(
            $"{Median(m => m.TrainSeconds):F3} train + {Median(m => m.EvaluationSeconds):F3} test + {Median(m => m.EvolutionSeconds):F3} evolve"));
        table.AddRow("Connections (nnz)", Invariant($"{network.ConnectionCount:N0}"));
        table.AddRow("nnz per layer (density)", Markup.Escape(string.Join(
            ", ", network.Layers.Select(l => Invariant($"{l.ConnectionCount:N0} ({Percent(l.Density)})")))));
        if (options.NeuronPruneThreshold is not null)
        {
            table.AddRow("Hidden neurons (start → end)", Invariant(
                $"{string.Join("-", options.HiddenLayerSizes)} → {string.Join("-", network.Layers.Take(network.Layers.Count - 1).Select(l => l.Outputs))}"));
        }

        table.AddRow("Peak working set", Invariant($"{last.PeakWorkingSetBytes / (double)(1 << 20):F0} MB"));
        table.AddRow("Model", Markup.Escape(modelPath));
        table.AddRow("Metrics", Markup.Escape(metricsPath));
        console.Write(table);
    }

    private string EpochLine(EpochMetrics m)
    {
        long nnz = m.Layers.Sum(l => l.Nnz);
        string neurons = options.NeuronPruneThreshold is null ? "" : "  │  neurons " + NeuronCounts(m);
        string validation = double.IsNaN(m.ValidationLoss) ? "" : Invariant($"  │  val loss {m.ValidationLoss:F4}  acc {Percent(m.ValidationAccuracy),7}");
        return Invariant(
            $"Epoch {m.Epoch,3}  loss {m.TrainLoss:F4}  acc {Percent(m.TrainAccuracy),7}  │  test loss {m.TestLoss:F4}  [bold]acc {Percent(m.TestAccuracy),7}[/]{validation}  │  {m.TrainSeconds:F2} s + {m.EvaluationSeconds:F2} test + {m.EvolutionSeconds:F2} evolve  │  nnz {nnz:N0}{neurons}");
    }

    /// <summary>The hidden layers' sizes after epoch <paramref name="m"/>, and how many neurons pruning removed from each during that epoch.</summary>
    private string NeuronCounts(EpochMetrics m)
    {
        int hidden = m.Layers.Count - 1;
        var before = _epochs.Count > 0 ? _epochs[^1].Layers.Take(hidden).Select(l => l.Outputs) : options.HiddenLayerSizes;
        var removed = before.Zip(m.Layers.Take(hidden), (b, l) => b - l.Outputs).ToArray();
        string sizes = string.Join("-", m.Layers.Take(hidden).Select(l => l.Outputs));
        return removed.Any(r => r != 0) ? Invariant($"{sizes} (removed {string.Join(", ", removed)})") : sizes;
    }

    private static string Percent(double fraction) =>
        double.IsNaN(fraction) ? "n/a" : (fraction * 100).ToString("F2", CultureInfo.InvariantCulture) + "%";

    private double Median(Func<EpochMetrics, double> select) => _epochs.Select(select).Median();

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
