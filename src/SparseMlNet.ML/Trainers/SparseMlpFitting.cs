using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;
using SparseMlNet.IO;
using SparseMlNet.ML.Schema;
using SparseMlNet.Training;

namespace SparseMlNet.ML.Trainers;

/// <summary>
/// The training both SparseMlp trainers share: schema checks, reading the rows (features, label, optional example weight), the engine's
/// <see cref="MlpTrainer"/> with the options' hyperparameters, logging and monitoring. The multiclass trainer takes key or class-index labels,
/// the binary trainer Boolean labels (false = class 0, true = class 1).
/// </summary>
internal static class SparseMlpFitting
{
    /// <summary>The label types a trainer accepts.</summary>
    public enum LabelKind
    {
        /// <summary>Key, or a number that is a class index.</summary>
        Multiclass,

        /// <summary>Boolean.</summary>
        Binary,
    }

    /// <summary>Validates a label column for <paramref name="kind"/> (ML.NET-style schema error naming the column).</summary>
    public static void RequireLabel(DataViewSchema.Column label, LabelKind kind)
    {
        if (kind == LabelKind.Binary)
        {
            if (label.Type is not BooleanDataViewType)
            {
                throw SchemaErrors.Mismatch("label", label.Name, "Boolean (for two classes coded otherwise, convert them to a Boolean, or use MulticlassClassification.Trainers.SparseMlp)", label.Type.ToString());
            }

            return;
        }

        if (label.Type is BooleanDataViewType)
        {
            throw SchemaErrors.Mismatch("label", label.Name, "Key or a numeric scalar (for a Boolean label use BinaryClassification.Trainers.SparseMlp)", label.Type.ToString());
        }

        SchemaErrors.RequireLabel(label);
    }

    /// <summary>Trains on <paramref name="trainData"/>; <paramref name="validationData"/>, when given, is scored after every epoch and watched by early stopping.</summary>
    public static SparseMlpModelParameters Fit(SparseMlpOptions options, IDataView trainData, IDataView? validationData, LabelKind kind, string channelName)
    {
        ArgumentNullException.ThrowIfNull(trainData);
        var token = options.CancellationToken;
        var (feature, featureCount, label, keyCount, weight) = CheckSchema(options, trainData.Schema, kind);

        using var channel = options.LogContext is { } context ? ((IHostEnvironment)context).Start(channelName) : null;
        var train = TrainingData.Read(trainData, feature, featureCount, label, kind == LabelKind.Binary ? 2 : keyCount, null, token, weight);
        Warn(channel, train.SkippedRows, "training");
        int classCount = train.Dataset.ClassCount;

        Data.Dataset? validation = null;
        if (validationData is not null)
        {
            var (vFeature, vCount, vLabel, _, _) = CheckSchema(options, validationData.Schema, kind, readWeight: false);
            if (vCount != featureCount)
            {
                throw SchemaErrors.Mismatch("feature", vFeature.Name, feature.Type.ToString(), vFeature.Type.ToString());
            }

            var read = TrainingData.Read(validationData, vFeature, vCount, vLabel, classCount, null, token);
            Warn(channel, read.SkippedRows, "validation");
            validation = read.Dataset;
        }

        var engine = options.ToEngineOptions();
        if (validation is not null)
        {
            engine.ValidationFraction = null; // the validation view takes the split's place
        }

        var history = new List<EpochMetrics>();
        TrainingOutcome? outcome = null;
        var trainer = new MlpTrainer(engine);
        trainer.EpochCompleted += (_, m) =>
        {
            history.Add(m);
            channel?.Info(MessageSensitivity.None, Describe(m, m.Epochs));
            options.EpochCompleted?.Invoke(m);
        };
        trainer.TrainingCompleted += (_, o) => outcome = o;
        if (options.BatchCompleted is { } batch)
        {
            trainer.BatchCompleted += (_, p) => batch(p);
        }

        var network = trainer.Train(train.Dataset, null, validation, train.Weights, token);
        if (outcome is { StoppedEarly: true } stopped)
        {
            channel?.Info(MessageSensitivity.None, string.Create(CultureInfo.InvariantCulture, $"Early stopping after epoch {stopped.EpochsRun}: kept epoch {stopped.BestEpoch} (validation loss {stopped.BestValidationLoss:F4})."));
        }

        var labelValues = kind == LabelKind.Binary ? null : LabelValues.FromLabelColumn(label, classCount);
        return new SparseMlpModelParameters(network, labelValues, history, outcome, TrainingPolicy.From(engine, network));
    }

    /// <summary>Output schema shape check shared by both trainers.</summary>
    public static void CheckShape(SparseMlpOptions options, SchemaShape inputSchema)
    {
        if (options.ExampleWeightColumnName is { } name)
        {
            var weight = SchemaErrors.Find(inputSchema, "example weight", name);
            if (weight.Kind != SchemaShape.Column.VectorKind.Scalar || weight.ItemType != NumberDataViewType.Single)
            {
                throw SchemaErrors.Mismatch("example weight", name, "Single", SchemaErrors.Describe(weight));
            }
        }
    }

    private static (DataViewSchema.Column Feature, int FeatureCount, DataViewSchema.Column Label, int? KeyCount, DataViewSchema.Column? Weight) CheckSchema(
        SparseMlpOptions options, DataViewSchema schema, LabelKind kind, bool readWeight = true)
    {
        var feature = SchemaErrors.Find(schema, "feature", options.FeatureColumnName);
        int featureCount = SchemaErrors.RequireKnownSizeFloatVector(feature, "feature");
        var label = SchemaErrors.Find(schema, "label", options.LabelColumnName);
        RequireLabel(label, kind);
        int? keyCount = null;
        if (label.Type is KeyDataViewType key)
        {
            if (key.Count > int.MaxValue)
            {
                throw SchemaErrors.Mismatch("label", label.Name, "Key with at most 2^31 - 1 values", label.Type.ToString());
            }

            keyCount = (int)key.Count;
        }

        DataViewSchema.Column? weight = null;
        if (readWeight && options.ExampleWeightColumnName is { } name)
        {
            var column = SchemaErrors.Find(schema, "example weight", name);
            if (column.Type != NumberDataViewType.Single)
            {
                throw SchemaErrors.Mismatch("example weight", name, "Single", column.Type.ToString());
            }

            weight = column;
        }

        return (feature, featureCount, label, keyCount, weight);
    }

    private static void Warn(IChannel? channel, long skipped, string what)
    {
        if (skipped > 0)
        {
            channel?.Warning(MessageSensitivity.None, string.Create(CultureInfo.InvariantCulture, $"Skipped {skipped} {what} rows with a missing label or weight or a NaN/infinite feature."));
        }
    }

    private static string Describe(EpochMetrics m, int epochs)
    {
        var text = string.Create(
            CultureInfo.InvariantCulture,
            $"Epoch {m.Epoch}/{epochs}: train loss {m.TrainLoss:F4}, train accuracy {m.TrainAccuracy:P2}");
        if (!double.IsNaN(m.ValidationAccuracy))
        {
            text += string.Create(CultureInfo.InvariantCulture, $", validation loss {m.ValidationLoss:F4}, validation accuracy {m.ValidationAccuracy:P2}");
        }

        long connections = m.Layers.Sum(l => l.Nnz);
        return text + string.Create(CultureInfo.InvariantCulture, $", {connections} connections, {m.TrainSeconds + m.EvolutionSeconds:F2} s");
    }
}
