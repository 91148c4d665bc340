using System.Globalization;
using System.Text;
using CsvHelper;
using SparseMlNet.Training;

namespace SparseMlNet.IO;

/// <summary>
/// Writes training metrics as CSV, one row per epoch, flushed after every row so that a run that crashes or is stopped keeps its finished epochs.
/// </summary>
/// <remarks>
/// <para>Columns (snake_case header, invariant culture, full round-trip precision): epoch, train_loss, train_accuracy, test_loss, test_accuracy, validation_loss, validation_accuracy (empty without validation data),
/// train_seconds, evaluation_seconds, evolution_seconds, peak_working_set_mb, managed_mb (mebibytes, 2²⁰ bytes), then nnz_l1 … nnz_lL
/// and density_l1 … density_lL for the L layers, input side first, then neurons_h1 … neurons_hH, the neurons of each of the H = L − 1 hidden layers
/// (the outputs of layer h; they fall when hidden-neuron pruning removes neurons). A metric that is NaN (no test set, accuracy of an autoencoder) is an empty cell.</para>
/// <para>The header is written when the writer is created, so even a run that fails in its first epoch leaves a well-formed file.</para>
/// </remarks>
public sealed class MetricsCsvWriter : IDisposable
{
    private const double Mebibyte = 1 << 20;

    private readonly CsvWriter _csv;
    private readonly int _layerCount;

    /// <summary>Creates (or replaces) a metrics file and writes its header.</summary>
    /// <param name="path">The CSV file to write (UTF-8, no byte order mark); its directory must exist.</param>
    /// <param name="layerCount">Number of network layers L (weight matrices, not counting the input); Range: ≥ 1.</param>
    /// <exception cref="ArgumentException"><paramref name="path"/> is null or empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="layerCount"/> &lt; 1.</exception>
    /// <exception cref="IOException">The file cannot be created (for example, its directory does not exist).</exception>
    public MetricsCsvWriter(string path, int layerCount)
        : this(OpenText(path, layerCount), layerCount, leaveOpen: false)
    {
    }

    /// <summary>Writes metrics to a text writer and writes the header now.</summary>
    /// <param name="writer">Destination.</param>
    /// <param name="layerCount">Number of network layers L; Range: ≥ 1.</param>
    /// <param name="leaveOpen">Whether <see cref="Dispose"/> leaves <paramref name="writer"/> open.</param>
    /// <exception cref="ArgumentNullException"><paramref name="writer"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="layerCount"/> &lt; 1.</exception>
    public MetricsCsvWriter(TextWriter writer, int layerCount, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentOutOfRangeException.ThrowIfLessThan(layerCount, 1);
        _layerCount = layerCount;
        _csv = new CsvWriter(writer, CultureInfo.InvariantCulture, leaveOpen);
        foreach (string column in Header(layerCount))
        {
            _csv.WriteField(column);
        }

        _csv.NextRecord();
        _csv.Flush();
    }

    /// <summary>The column names for a network of <paramref name="layerCount"/> layers, in file order.</summary>
    /// <param name="layerCount">Number of layers L; Range: ≥ 1.</param>
    /// <returns>12 + 2L + (L − 1) names.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="layerCount"/> &lt; 1.</exception>
    public static IReadOnlyList<string> Header(int layerCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(layerCount, 1);
        var names = new List<string>
        {
            "epoch", "train_loss", "train_accuracy", "test_loss", "test_accuracy", "validation_loss", "validation_accuracy",
            "train_seconds", "evaluation_seconds", "evolution_seconds", "peak_working_set_mb", "managed_mb",
        };
        for (int l = 1; l <= layerCount; l++)
        {
            names.Add(string.Create(CultureInfo.InvariantCulture, $"nnz_l{l}"));
        }

        for (int l = 1; l <= layerCount; l++)
        {
            names.Add(string.Create(CultureInfo.InvariantCulture, $"density_l{l}"));
        }

        for (int h = 1; h < layerCount; h++)
        {
            names.Add(string.Create(CultureInfo.InvariantCulture, $"neurons_h{h}"));
        }

        return names;
    }

    /// <summary>Appends one epoch's row and flushes it to the file.</summary>
    /// <param name="metrics">The epoch's metrics, with one <see cref="EpochMetrics.Layers"/> entry per layer.</param>
    /// <exception cref="ArgumentNullException"><paramref name="metrics"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="metrics"/> describes a different number of layers than the header.</exception>
    /// <exception cref="ObjectDisposedException">The writer was disposed.</exception>
    public void Write(EpochMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        if (metrics.Layers.Count != _layerCount)
        {
            throw new ArgumentException($"The metrics describe {metrics.Layers.Count} layers but the file's header has {_layerCount}.", nameof(metrics));
        }

        _csv.WriteField(metrics.Epoch);
        WriteNumber(metrics.TrainLoss);
        WriteNumber(metrics.TrainAccuracy);
        WriteNumber(metrics.TestLoss);
        WriteNumber(metrics.TestAccuracy);
        WriteNumber(metrics.ValidationLoss);
        WriteNumber(metrics.ValidationAccuracy);
        WriteNumber(metrics.TrainSeconds);
        WriteNumber(metrics.EvaluationSeconds);
        WriteNumber(metrics.EvolutionSeconds);
        WriteNumber(metrics.PeakWorkingSetBytes / Mebibyte);
        WriteNumber(metrics.ManagedBytes / Mebibyte);
        foreach (LayerMetrics layer in metrics.Layers)
        {
            _csv.WriteField(layer.Nnz);
        }

        foreach (LayerMetrics layer in metrics.Layers)
        {
            WriteNumber(layer.Density);
        }

        for (int h = 0; h < _layerCount - 1; h++)
        {
            _csv.WriteField(metrics.Layers[h].Outputs);
        }

        _csv.NextRecord();
        _csv.Flush();
    }

    /// <summary>Flushes and closes the file (or leaves the text writer open when asked to).</summary>
    public void Dispose() => _csv.Dispose();

    private static StreamWriter OpenText(string path, int layerCount)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentOutOfRangeException.ThrowIfLessThan(layerCount, 1);
        var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read);
        return new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
    }

    private void WriteNumber(double value)
    {
        if (double.IsNaN(value))
        {
            _csv.WriteField(string.Empty);
        }
        else
        {
            _csv.WriteField(value.ToString("R", CultureInfo.InvariantCulture));
        }
    }
}
