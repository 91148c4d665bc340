using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;
using SparseMlNet.ML.Schema;
using SparseMlNet.Training;

namespace SparseMlNet.ML.Trainers;

/// <summary>
/// ML.NET estimator that trains a truly sparse multilayer perceptron classifier: SET (Mocanu et al., Nature Communications 2018),
/// the static sparse FixProb baseline, or a dense baseline, with softmax cross-entropy. Create it with
/// <c>mlContext.MulticlassClassification.Trainers.SparseMlp(...)</c>.
/// </summary>
/// <remarks>
/// <para>Input: a label column (key, or a number that is a class index) and a known-size float vector feature column. Rows with a
/// missing label (key 0, NaN) or a NaN/infinite feature are skipped. The features are read into memory (n × d floats).</para>
/// <para>Output of the fitted <see cref="SparseMlpPredictionTransformer"/>: Score (class probabilities) and PredictedLabel.</para>
/// <para>Training is deterministic for a given <see cref="SparseMlpOptions.Seed"/> and data order; the MLContext's seed is not used
/// (ML.NET does not expose it to third-party components).</para>
/// </remarks>
public sealed class SparseMlpTrainer : IEstimator<SparseMlpPredictionTransformer>
{
    private readonly SparseMlpOptions _options;

    /// <summary>Creates the estimator; the options are validated and copied now.</summary>
    /// <param name="options">Columns, hyperparameters and monitoring.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    /// <exception cref="ArgumentException">An empty column name or an invalid hyperparameter combination (see <see cref="SparseMlpOptions.Validate"/>).</exception>
    /// <exception cref="ArgumentOutOfRangeException">A hyperparameter out of range.</exception>
    public SparseMlpTrainer(SparseMlpOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options.Clone();
    }

    /// <summary>A copy of the options this estimator trains with.</summary>
    public SparseMlpOptions Options => _options.Clone();

    /// <summary>The input shape plus Score and PredictedLabel, as a built-in ML.NET multiclass trainer would add them.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The feature column is missing or not a known-size vector of Single, or the label column is missing or neither a key nor a number.</exception>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema) =>
        TrainerShapes.GetOutputSchema(inputSchema, _options.LabelColumnName, _options.FeatureColumnName);

    /// <summary>Trains on <paramref name="input"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A schema error (missing column, variable-size or non-Single feature vector, label neither key nor number).</exception>
    /// <exception cref="ArgumentException">No usable row, a numeric label that is not a class index, or fewer than two classes present.</exception>
    /// <exception cref="OperationCanceledException"><see cref="SparseMlpOptions.CancellationToken"/> was cancelled.</exception>
    /// <exception cref="TrainingDivergedException">The loss became NaN or infinite (lower the learning rate).</exception>
    public SparseMlpPredictionTransformer Fit(IDataView input) => Fit(input, null);

    /// <summary>Trains on <paramref name="trainData"/> and, after every epoch, reports loss and accuracy on <paramref name="validationData"/> (in <see cref="EpochMetrics.TestAccuracy"/>).</summary>
    /// <param name="trainData">Training rows.</param>
    /// <param name="validationData">Optional rows with the same columns, scored after every epoch; not used for training.</param>
    /// <exception cref="ArgumentNullException"><paramref name="trainData"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A schema error in either view.</exception>
    /// <exception cref="ArgumentException">As <see cref="Fit(IDataView)"/>, or validation labels outside the training classes.</exception>
    /// <exception cref="OperationCanceledException"><see cref="SparseMlpOptions.CancellationToken"/> was cancelled.</exception>
    /// <exception cref="TrainingDivergedException">The loss became NaN or infinite.</exception>
    public SparseMlpPredictionTransformer Fit(IDataView trainData, IDataView? validationData)
    {
        ArgumentNullException.ThrowIfNull(trainData);
        var token = _options.CancellationToken;
        var (feature, featureCount, label, keyCount) = CheckSchema(trainData.Schema);

        using var channel = _options.LogContext is { } context ? ((IHostEnvironment)context).Start("SparseMlp") : null;
        var train = TrainingData.Read(trainData, feature, featureCount, label, keyCount, null, token);
        Warn(channel, train.SkippedRows, "training");
        int classCount = train.Dataset.ClassCount;

        Data.Dataset? validation = null;
        if (validationData is not null)
        {
            var (vFeature, vCount, vLabel, _) = CheckSchema(validationData.Schema);
            if (vCount != featureCount)
            {
                throw SchemaErrors.Mismatch("feature", vFeature.Name, feature.Type.ToString(), vFeature.Type.ToString());
            }

            var read = TrainingData.Read(validationData, vFeature, vCount, vLabel, classCount, null, token);
            Warn(channel, read.SkippedRows, "validation");
            validation = read.Dataset;
        }

        var history = new List<EpochMetrics>();
        var trainer = new MlpTrainer(_options.ToEngineOptions());
        trainer.EpochCompleted += (_, m) =>
        {
            history.Add(m);
            channel?.Info(MessageSensitivity.None, Describe(m, _options.Epochs));
            _options.EpochCompleted?.Invoke(m);
        };
        if (_options.BatchCompleted is { } batch)
        {
            trainer.BatchCompleted += (_, p) => batch(p);
        }

        var network = trainer.Train(train.Dataset, validation, token);
        var labelValues = LabelValues.FromLabelColumn(label, classCount);
        var model = new SparseMlpModelParameters(network, labelValues, history);
        return new SparseMlpPredictionTransformer(model, _options.FeatureColumnName, _options.LabelColumnName);
    }

    private (DataViewSchema.Column Feature, int FeatureCount, DataViewSchema.Column Label, int? KeyCount) CheckSchema(DataViewSchema schema)
    {
        var feature = SchemaErrors.Find(schema, "feature", _options.FeatureColumnName);
        int featureCount = SchemaErrors.RequireKnownSizeFloatVector(feature, "feature");
        var label = SchemaErrors.Find(schema, "label", _options.LabelColumnName);
        SchemaErrors.RequireLabel(label);
        int? keyCount = null;
        if (label.Type is KeyDataViewType key)
        {
            if (key.Count > int.MaxValue)
            {
                throw SchemaErrors.Mismatch("label", label.Name, "Key with at most 2^31 - 1 values", label.Type.ToString());
            }

            keyCount = (int)key.Count;
        }

        return (feature, featureCount, label, keyCount);
    }

    private static void Warn(IChannel? channel, long skipped, string what)
    {
        if (skipped > 0)
        {
            channel?.Warning(MessageSensitivity.None, string.Create(CultureInfo.InvariantCulture, $"Skipped {skipped} {what} rows with a missing label or a NaN/infinite feature."));
        }
    }

    private static string Describe(EpochMetrics m, int epochs)
    {
        var text = string.Create(
            CultureInfo.InvariantCulture,
            $"Epoch {m.Epoch}/{epochs}: train loss {m.TrainLoss:F4}, train accuracy {m.TrainAccuracy:P2}");
        if (!double.IsNaN(m.TestAccuracy))
        {
            text += string.Create(CultureInfo.InvariantCulture, $", validation loss {m.TestLoss:F4}, validation accuracy {m.TestAccuracy:P2}");
        }

        long connections = m.Layers.Sum(l => l.Nnz);
        return text + string.Create(CultureInfo.InvariantCulture, $", {connections} connections, {m.TrainSeconds + m.EvolutionSeconds:F2} s");
    }
}
