using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Text;
using CsvHelper;
using Spectre.Console;
using SparseMlNet.Data;
using SparseMlNet.IO;

namespace SparseMlNet.Cli.Commands;

/// <summary>
/// <c>sparsemlnet predict</c>: loads a model file, predicts every row of a CSV or IDX file (raw features: the model's saved scaler is applied),
/// writes one CSV row per input row (row, predicted class, one probability per class) and prints the accuracy when labels are present.
/// </summary>
internal sealed class PredictCommand : Command
{
    private readonly Terminal _terminal;

    public PredictCommand(Terminal terminal)
        : base("predict", "Predict classes with a saved model. Writes row, predicted class (and true label when known) and one probability per class to --output; prints the accuracy when the data has labels.")
    {
        _terminal = terminal;
        foreach (Option option in (Option[])[Model, Csv, LabelColumn, Images, Labels, Output])
        {
            Options.Add(option);
        }

        Validators.Add(ValidateDataOptions);
        SetAction(parse => Execute(parse));
    }

    internal Option<string> Model { get; } = new("--model", "-m") { HelpName = "FILE", Description = "Model file written by train (model.spmlnet).", Required = true };

    internal Option<string?> Csv { get; } = new("--csv") { HelpName = "FILE", Description = "Rows to predict, CSV with a header row (gzip or plain); the label column is optional." };

    internal Option<string> LabelColumn { get; } = new("--label-column") { HelpName = "NAME", Description = "Label column of the CSV file, used for the accuracy when present.", DefaultValueFactory = _ => "label" };

    internal Option<string?> Images { get; } = new("--images") { HelpName = "FILE", Description = "Images to predict, IDX format (gzip or raw)." };

    internal Option<string?> Labels { get; } = new("--labels") { HelpName = "FILE", Description = "Optional IDX labels of --images, for the accuracy." };

    internal Option<string> Output { get; } = new("--output", "-o") { HelpName = "FILE", Description = "Predictions CSV to write.", DefaultValueFactory = _ => "predictions.csv" };

    private void ValidateDataOptions(CommandResult result)
    {
        bool csv = result.GetValue(Csv) is not null;
        bool images = result.GetValue(Images) is not null;
        if (csv == images)
        {
            result.AddError("Give the rows to predict with either --csv or --images.");
        }

        if (result.GetValue(Labels) is not null && !images)
        {
            result.AddError("--labels belongs to --images.");
        }
    }

    private int Execute(ParseResult parse) => UserErrors.Run(_terminal, () =>
    {
        string modelPath = parse.GetValue(Model)!;
        CheckOutput(parse.GetValue(Output)!, modelPath, parse.GetValue(Csv) ?? parse.GetValue(Images)!, parse.GetValue(Labels));
        ModelBundle model = ModelSerializer.Load(modelPath);
        if (parse.GetValue(Csv) is { } csvPath)
        {
            // CSV rows stream through in chunks: memory stays flat in the number of rows.
            string target = parse.GetValue(Output)!;
            StreamingPrediction.Summary summary = StreamingPrediction.Run(model, csvPath, parse.GetValue(LabelColumn)!, target, names => WarnOnRenamedFeatures(model, names, csvPath));
            _terminal.Out.MarkupLine(Markup.Escape($"Wrote {summary.Rows} predictions to {target}."));
            if (summary.Correct is { } hits)
            {
                _terminal.Out.MarkupLine(string.Create(CultureInfo.InvariantCulture, $"Accuracy: [bold]{100.0 * hits / summary.Rows:F2}%[/] ({hits} of {summary.Rows})"));
            }

            return 0;
        }

        (float[] features, int featureCount, int[]? labels, IReadOnlyList<string>? featureNames, string source) = ReadRows(parse, model);
        if (featureCount != model.Network.InputCount)
        {
            throw new CliException(
                $"The model '{modelPath}' was trained on {model.Network.InputCount} features, but '{source}' has {featureCount}; give data with the training data's columns.");
        }

        WarnOnRenamedFeatures(model, featureNames, source);
        float[] probabilities = model.Predict(features);
        int[] predicted = model.PredictClasses(features);
        string output = parse.GetValue(Output)!;
        WritePredictions(output, model, predicted, probabilities, labels);
        _terminal.Out.MarkupLine(Markup.Escape($"Wrote {predicted.Length} predictions to {output}."));
        if (labels is not null)
        {
            int correct = 0;
            for (int i = 0; i < predicted.Length; i++)
            {
                correct += predicted[i] == labels[i] ? 1 : 0;
            }

            _terminal.Out.MarkupLine(string.Create(CultureInfo.InvariantCulture, $"Accuracy: [bold]{100.0 * correct / predicted.Length:F2}%[/] ({correct} of {predicted.Length})"));
        }

        return 0;
    });

    private (float[] Features, int FeatureCount, int[]? Labels, IReadOnlyList<string>? FeatureNames, string Source) ReadRows(ParseResult parse, ModelBundle model)
    {
        int classes = model.Network.OutputCount;
        string imagesPath = parse.GetValue(Images)!;
        if (parse.GetValue(Labels) is { } labelsPath)
        {
            Dataset data = IdxReader.ReadDataset(imagesPath, labelsPath, classes);
            return (data.Features.ToArray(), data.FeatureCount, data.Labels.ToArray(), null, imagesPath);
        }

        IdxImages images = IdxReader.ReadImages(imagesPath);
        return (images.Pixels, images.PixelsPerImage, null, null, imagesPath);
    }

    /// <summary>Refuses an output that is a directory or one of the input files (predictions written over the model would destroy it).</summary>
    private static void CheckOutput(string output, params string?[] inputs)
    {
        if (Directory.Exists(output))
        {
            throw new CliException($"-o '{output}' is a directory; give a file name for the predictions, such as '{Path.Combine(output, "predictions.csv")}'.");
        }

        string full = Path.GetFullPath(output);
        foreach (string? input in inputs)
        {
            if (input is not null && string.Equals(Path.GetFullPath(input), full, StringComparison.Ordinal))
            {
                throw new CliException($"-o '{output}' is also an input of this command ('{input}'); writing the predictions there would overwrite it. Give another output file.");
            }
        }
    }

    private void WarnOnRenamedFeatures(ModelBundle model, IReadOnlyList<string>? names, string source)
    {
        if (model.FeatureNames is null || names is null)
        {
            return;
        }

        for (int j = 0; j < names.Count; j++)
        {
            if (!string.Equals(names[j], model.FeatureNames[j], StringComparison.Ordinal))
            {
                _terminal.Error.MarkupLine(Markup.Escape(
                    $"warning: feature column {j + 1} of '{source}' is '{names[j]}' but the model was trained with '{model.FeatureNames[j]}' there; columns are matched by position."));
                return;
            }
        }
    }

    private static void WritePredictions(string path, ModelBundle model, int[] predicted, float[] probabilities, int[]? labels)
    {
        int k = model.Network.OutputCount;
        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        using var csv = new CsvWriter(writer, CultureInfo.InvariantCulture);
        csv.WriteField("row");
        csv.WriteField("predicted");
        if (labels is not null)
        {
            csv.WriteField("label");
        }

        for (int c = 0; c < k; c++)
        {
            csv.WriteField("p_" + model.ClassName(c));
        }

        csv.NextRecord();
        for (int i = 0; i < predicted.Length; i++)
        {
            csv.WriteField(i);
            csv.WriteField(model.ClassName(predicted[i]));
            if (labels is not null)
            {
                csv.WriteField(model.ClassName(labels[i]));
            }

            for (int c = 0; c < k; c++)
            {
                csv.WriteField(probabilities[(i * k) + c].ToString("R", CultureInfo.InvariantCulture));
            }

            csv.NextRecord();
        }
    }
}
