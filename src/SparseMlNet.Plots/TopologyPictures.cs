using SparseMlNet.Data;
using System.Globalization;
using SparseMlNet.Analysis;

namespace SparseMlNet.Plots;

/// <summary>
/// Every picture of a <see cref="TopologyReport"/>, written to one folder as <c>sparsemlnet analyze</c> does: degree-layer{h}-{in|out} per neuron layer and
/// direction (with the initial topology when the report has it); for image data input-map and input-strength, and input-map-evolution when the
/// report has snapshots; for tabular data input-ranking.
/// </summary>
public static class TopologyPictures
{
    /// <summary>Most snapshots drawn side by side in input-map-evolution (the caller chooses which; see <see cref="Spread{T}(IReadOnlyList{T}, int)"/>).</summary>
    public const int MaxEvolutionPanels = 6;

    /// <summary>Draws and writes the pictures.</summary>
    /// <param name="report">The analysis.</param>
    /// <param name="folder">Folder to write to (must exist).</param>
    /// <param name="format">PNG or SVG; the files get its extension.</param>
    /// <param name="name">Name of the analysed model, appended to the titles (for example "set/model.spmlnet").</param>
    /// <param name="shape">Image layout of the inputs; null for tabular data (ranked bars).</param>
    /// <param name="featureNames">Names of the inputs for the ranking; null names them "feature 0", ….</param>
    /// <param name="top">Inputs in the ranking; Range: ≥ 1.</param>
    /// <param name="evolutionTitle">Title of input-map-evolution; null for "Input connectivity during training".</param>
    /// <returns>The files written, in order.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="report"/>, <paramref name="folder"/> or <paramref name="name"/> is null.</exception>
    /// <exception cref="ArgumentException">The shape does not cover the inputs, or the names' count differs from the number of inputs.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="top"/> is below 1.</exception>
    /// <exception cref="IOException">A file cannot be written.</exception>
    public static IReadOnlyList<string> Write(
        TopologyReport report,
        string folder,
        PictureFormat format,
        string name,
        ImageShape? shape = null,
        IReadOnlyList<string>? featureNames = null,
        int top = 30,
        string? evolutionTitle = null)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(folder);
        ArgumentNullException.ThrowIfNull(name);
        ArgumentOutOfRangeException.ThrowIfLessThan(top, 1);
        shape?.Validate(report.Inputs.InputCount, nameof(shape));
        string extension = PictureFormats.Extension(format);
        var written = new List<string>();
        void Save(Picture picture, string stem)
        {
            string path = Path.Combine(folder, stem + extension);
            picture.Save(path, format);
            written.Add(path);
        }

        foreach (LayerDegrees row in report.Degrees)
        {
            var observed = new List<(string, DegreeDistribution)>();
            if (row.Initial is not null)
            {
                observed.Add(("initial topology", row.Initial));
            }

            observed.Add(("trained", row.Trained));
            string what = row.Direction == DegreeDirection.In ? "in-degree (fan-in)" : "out-degree (fan-out)";
            Picture picture = DegreeDistributionPlot.Create(
                $"{row.LayerName} {what}, {name}", observed, row.ErdosRenyiPmf, row.PowerLaw is { } fit ? (fit, row.Trained) : null);
            Save(picture, string.Create(CultureInfo.InvariantCulture, $"degree-layer{row.NeuronLayer}-{row.DirectionName}"));
        }

        if (shape is { } image)
        {
            Save(InputMapPlot.Create(report.Inputs, image, InputMapQuantity.Connections, $"Input connectivity, {name}"), "input-map");
            Save(InputMapPlot.Create(report.Inputs, image, InputMapQuantity.Strength, $"Input strength, {name}"), "input-strength");
            if (report.Snapshots.Count > 0)
            {
                Save(
                    InputMapEvolutionPlot.Create(report.Snapshots, image, InputMapQuantity.Connections, evolutionTitle ?? "Input connectivity during training"),
                    "input-map-evolution");
            }
        }
        else
        {
            Save(FeatureRankingPlot.Create(report.Inputs, featureNames, top, InputMapQuantity.Connections, $"Most connected inputs, {name}"), "input-ranking");
        }

        return written;
    }

    /// <summary>At most <paramref name="count"/> items, evenly spaced, always with the first and the last.</summary>
    /// <typeparam name="T">Item type.</typeparam>
    /// <param name="items">The items in order.</param>
    /// <param name="count">Most items to keep; Range: ≥ 2.</param>
    /// <returns><paramref name="items"/> itself when it has at most <paramref name="count"/> items.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="items"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is below 2.</exception>
    public static IReadOnlyList<T> Spread<T>(IReadOnlyList<T> items, int count)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 2);
        if (items.Count <= count)
        {
            return items;
        }

        return Enumerable.Range(0, count).Select(i => items[(int)Math.Round(i * (items.Count - 1) / (double)(count - 1))]).ToArray();
    }
}
