using SparseMlNet.Data;
using System.Globalization;
using System.Text;
using System.Text.Json;
using CsvHelper;
using CsvHelper.Configuration;

namespace SparseMlNet.Analysis;

/// <summary>
/// The statistics files of <c>sparsemlnet analyze</c>: powerlaw.json (every distribution's counts and moments, its distances from the binomial and its
/// power-law fit), powerlaw.txt (the same as a table) and input-connectivity.csv (per input its position or name, connections and strength).
/// Each file is rendered in memory and written in one call, so a failure never leaves half a file of new content.
/// </summary>
public static class TopologyReportFiles
{
    /// <summary>What the statistics are, as written into powerlaw.json's "method".</summary>
    public const string Method = "Degree distributions per neuron layer; binomial expectation with p = layer density (Erdős–Rényi MLE); "
        + "discrete power-law MLE of the tail, x_min by minimum KS distance (Clauset, Shalizi and Newman 2009).";

    /// <summary>Writes powerlaw.json: model, layer sizes, method, fit settings, and per distribution its statistics and fit (null when none).</summary>
    /// <param name="report">The report.</param>
    /// <param name="path">File to write (created or replaced; its folder must exist).</param>
    /// <param name="modelPath">Model file the report describes, recorded as its full path.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="IOException">The file cannot be written.</exception>
    public static void WriteJson(TopologyReport report, string path, string modelPath)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(modelPath);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteString("model", Path.GetFullPath(modelPath));
            writer.WriteString("layerSizes", string.Join("-", report.LayerSizes));
            writer.WriteString("method", Method);
            writer.WriteNumber("minTailCount", report.FitOptions.MinTailCount);
            writer.WriteNumber("bootstrapReplicates", report.FitOptions.BootstrapReplicates);
            writer.WriteStartArray("distributions");
            foreach (LayerDegrees row in report.Degrees)
            {
                writer.WriteStartObject();
                writer.WriteNumber("neuronLayer", row.NeuronLayer);
                writer.WriteString("layer", row.LayerName);
                writer.WriteString("direction", row.DirectionName);
                WriteDistribution(writer, "trained", row.Trained, row.ErdosRenyiPmf);
                if (row.Initial is not null)
                {
                    WriteDistribution(writer, "initial", row.Initial, row.ErdosRenyiPmf);
                }

                if (row.PowerLaw is { } fit)
                {
                    writer.WriteStartObject("powerLaw");
                    writer.WriteNumber("alpha", fit.Alpha);
                    writer.WriteNumber("alphaStandardError", fit.StandardError);
                    writer.WriteNumber("xMin", fit.XMin);
                    writer.WriteNumber("ksDistance", fit.KolmogorovSmirnov);
                    writer.WriteNumber("tailCount", fit.TailCount);
                    writer.WriteNumber("positiveCount", fit.SampleCount);
                    if (double.IsNaN(fit.PValue))
                    {
                        writer.WriteNull("pValue");
                    }
                    else
                    {
                        writer.WriteNumber("pValue", fit.PValue);
                    }

                    writer.WriteEndObject();
                }
                else
                {
                    writer.WriteNull("powerLaw");
                }

                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        File.WriteAllBytes(path, buffer.ToArray());
    }

    /// <summary>Writes powerlaw.txt: one table row per distribution (neurons, mean, sd, KS and TV to the binomial, initial KS, α, x_min, KS D, tail, p).</summary>
    /// <param name="report">The report.</param>
    /// <param name="path">File to write (created or replaced; its folder must exist).</param>
    /// <param name="modelPath">Model file the report describes, named in the first line by its full path.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="IOException">The file cannot be written.</exception>
    public static void WriteText(TopologyReport report, string path, string modelPath)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(modelPath);
        var table = new StringBuilder();
        table.AppendLine(CultureInfo.InvariantCulture, $"Topology of {Path.GetFullPath(modelPath)} ({string.Join("-", report.LayerSizes)})");
        table.AppendLine("KS/TV vs ER: distance of the degree distribution from the Erdős–Rényi binomial (p = layer density). Power law: Clauset et al. 2009.");
        table.AppendLine();
        table.AppendLine("layer            dir  neurons     mean       sd  KS vs ER  TV vs ER  | initial KS      alpha  x_min   KS D  tail      p");
        foreach (LayerDegrees row in report.Degrees)
        {
            string initialKs = row.Initial is null ? "-" : row.Initial.KolmogorovSmirnovDistance(row.ErdosRenyiPmf).ToString("0.000", CultureInfo.InvariantCulture);
            string fitText = row.PowerLaw is { } f
                ? string.Create(CultureInfo.InvariantCulture, $"{f.Alpha,9:0.00} {f.XMin,6} {f.KolmogorovSmirnov,6:0.000} {f.TailCount,5} {(double.IsNaN(f.PValue) ? "-" : f.PValue.ToString("0.00", CultureInfo.InvariantCulture)),6}")
                : "   (no power-law tail: too few distinct degrees)";
            table.AppendLine(CultureInfo.InvariantCulture, $"{row.LayerName,-16} {row.DirectionName,-4} {row.Trained.NeuronCount,7} {row.Trained.Mean,8:0.00} {Math.Sqrt(row.Trained.Variance),8:0.00} {row.KolmogorovSmirnovToErdosRenyi,9:0.000} {row.TotalVariationToErdosRenyi,9:0.000}  | {initialKs,10} {fitText}");
        }

        File.WriteAllText(path, table.ToString());
    }

    /// <summary>
    /// Writes input-connectivity.csv (RFC 4180, invariant culture): with an image layout the columns input,row,column,channel,connections,strength;
    /// without, input,name,connections,strength.
    /// </summary>
    /// <param name="inputs">The input connectivity.</param>
    /// <param name="path">File to write (created or replaced; its folder must exist).</param>
    /// <param name="featureNames">Names of the inputs (used without an image layout); null names them "feature 0", "feature 1", ….</param>
    /// <param name="shape">Image layout covering exactly the inputs, or null for tabular data.</param>
    /// <exception cref="ArgumentNullException"><paramref name="inputs"/> or <paramref name="path"/> is null.</exception>
    /// <exception cref="ArgumentException">The shape does not cover the inputs, or the names' count differs from the number of inputs.</exception>
    /// <exception cref="IOException">The file cannot be written.</exception>
    public static void WriteInputConnectivity(InputConnectivity inputs, string path, IReadOnlyList<string>? featureNames, ImageShape? shape)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(path);
        shape?.Validate(inputs.InputCount, nameof(shape));
        if (featureNames is not null && featureNames.Count != inputs.InputCount)
        {
            throw new ArgumentException($"Give one name per input: {inputs.InputCount} inputs, {featureNames.Count} names.", nameof(featureNames));
        }

        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = new CsvWriter(text, new CsvConfiguration(CultureInfo.InvariantCulture) { NewLine = "\n" }, leaveOpen: true))
        {
            string[] header = shape is null ? ["input", "name", "connections", "strength"] : ["input", "row", "column", "channel", "connections", "strength"];
            foreach (string column in header)
            {
                csv.WriteField(column);
            }

            csv.NextRecord();
            for (int i = 0; i < inputs.InputCount; i++)
            {
                csv.WriteField(i);
                if (shape is { } s)
                {
                    csv.WriteField(i / s.Channels / s.Width);
                    csv.WriteField(i / s.Channels % s.Width);
                    csv.WriteField(i % s.Channels);
                }
                else
                {
                    csv.WriteField(featureNames?[i] ?? string.Create(CultureInfo.InvariantCulture, $"feature {i}"));
                }

                csv.WriteField(inputs.Connections[i]);
                csv.WriteField(inputs.Strength[i].ToString("0.######", CultureInfo.InvariantCulture));
                csv.NextRecord();
            }
        }

        File.WriteAllText(path, text.ToString());
    }

    private static void WriteDistribution(Utf8JsonWriter writer, string name, DegreeDistribution distribution, IReadOnlyList<double> binomial)
    {
        writer.WriteStartObject(name);
        writer.WriteNumber("neurons", distribution.NeuronCount);
        writer.WriteNumber("mean", distribution.Mean);
        writer.WriteNumber("variance", distribution.Variance);
        writer.WriteNumber("min", distribution.Min);
        writer.WriteNumber("max", distribution.Max);
        writer.WriteNumber("ksToBinomial", distribution.KolmogorovSmirnovDistance(binomial));
        writer.WriteNumber("totalVariationToBinomial", distribution.TotalVariationDistance(binomial));
        writer.WriteStartArray("counts");
        foreach (int count in distribution.Counts)
        {
            writer.WriteNumberValue(count);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }
}
