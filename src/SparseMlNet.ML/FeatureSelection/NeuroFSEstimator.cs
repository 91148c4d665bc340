using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;
using SparseMlNet.FeatureSelection;
using SparseMlNet.ML.Schema;
using SparseMlNet.ML.Trainers;

namespace SparseMlNet.ML.FeatureSelection;

/// <summary>
/// ML.NET estimator for NeuroFS supervised feature selection (Atashgahi et al., "Supervised Feature Selection with Neuron Evolution in Sparse Neural Networks",
/// TMLR 2023): it trains a sparse MLP on a key label column and a known-size float vector column while removing input neurons down to <see cref="Count"/>,
/// and keeps the slots of the input neurons left. Create it with <c>mlContext.Transforms.SelectFeaturesNeuroFS(...)</c>.
/// Rows with a missing label (key 0) or a NaN or infinite value are skipped.
/// </summary>
public sealed class NeuroFSEstimator : IEstimator<NeuroFSTransformer>
{
    private readonly TransformsCatalog _catalog;
    private readonly NeuroFSEstimatorOptions _options;

    internal NeuroFSEstimator(TransformsCatalog catalog, string outputColumnName, string inputColumnName, string labelColumnName, int count, NeuroFSEstimatorOptions options)
    {
        SlotSelection.ValidateArguments(outputColumnName, inputColumnName, count);
        ArgumentException.ThrowIfNullOrWhiteSpace(labelColumnName);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _catalog = catalog;
        OutputColumnName = outputColumnName;
        InputColumnName = inputColumnName;
        LabelColumnName = labelColumnName;
        Count = count;
        _options = options.Clone();
    }

    /// <summary>Name of the output column.</summary>
    public string OutputColumnName { get; }

    /// <summary>Name of the input column.</summary>
    public string InputColumnName { get; }

    /// <summary>Name of the label column (a key).</summary>
    public string LabelColumnName { get; }

    /// <summary>k, the number of slots to keep; below the input vector's length (checked at <see cref="Fit"/>).</summary>
    public int Count { get; }

    /// <summary>The input shape plus the output column, as ML.NET's own count-based slot selector adds it.</summary>
    /// <param name="inputSchema">The input shape.</param>
    /// <returns>The output shape.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The input column is missing or not a known-size vector of Single, or the label column is missing or not a key.</exception>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        var output = SlotSelection.GetOutputSchema(_catalog, OutputColumnName, InputColumnName, inputSchema);
        var label = SchemaErrors.Find(inputSchema, "label", LabelColumnName);
        if (label.Kind != SchemaShape.Column.VectorKind.Scalar || !label.IsKey)
        {
            throw SchemaErrors.Mismatch("label", label.Name, KeyExpected, SchemaErrors.Describe(label));
        }

        return output;
    }

    /// <summary>Runs NeuroFS on the input and label columns of <paramref name="input"/>.</summary>
    /// <param name="input">The training data.</param>
    /// <returns>The fitted selector.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">
    /// The input column is missing or not a known-size vector of Single, the label column is missing or not a key, or <see cref="Count"/> is not below the vector's length.
    /// </exception>
    /// <exception cref="ArgumentException">No usable row, a single class, or fewer than two rows (the engine's message says which).</exception>
    /// <exception cref="OperationCanceledException">The options' cancellation token was cancelled.</exception>
    public NeuroFSTransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var column = SchemaErrors.Find(input.Schema, "input", InputColumnName);
        int d = SchemaErrors.RequireKnownSizeFloatVector(column, "input");
        var label = SchemaErrors.Find(input.Schema, "label", LabelColumnName);
        if (label.Type is not KeyDataViewType key || key.Count is 0 or > int.MaxValue)
        {
            throw SchemaErrors.Mismatch("label", label.Name, KeyExpected, label.Type.ToString());
        }

        SlotSelection.CheckCount(Count, d - 1, d, InputColumnName);

        var token = _options.CancellationToken;
        using var channel = SlotSelection.StartChannel(_options.LogContext, "NeuroFS");
        var read = TrainingData.Read(input, column, d, label, (int)key.Count, SlotSelection.SlotNames(column, d), token);
        if (read.SkippedRows > 0)
        {
            channel?.Warning(
                MessageSensitivity.None,
                string.Create(CultureInfo.InvariantCulture, $"Skipped {read.SkippedRows} rows with a missing label in '{LabelColumnName}' or a NaN or infinite value in '{InputColumnName}'."));
        }

        var selection = new NeuroFS(_options.ToEngineOptions());
        int epochs = _options.Epochs;
        selection.EpochCompleted += (_, m) =>
        {
            channel?.Info(MessageSensitivity.None, string.Create(CultureInfo.InvariantCulture, $"Epoch {m.Epoch}/{epochs}: cross-entropy {m.TrainLoss:F5}, accuracy {m.TrainAccuracy:F3}, {m.TrainSeconds + m.EvolutionSeconds:F2} s"));
            _options.EpochCompleted?.Invoke(m);
        };

        var result = selection.Fit(read.Dataset, Count, token);
        int[] selected = result.SelectedIndices.ToArray();
        var selector = SlotSelection.FitSelector(_catalog, OutputColumnName, InputColumnName, column, selected);
        return new NeuroFSTransformer(OutputColumnName, InputColumnName, d, result.Scores.ToArray(), selected, selector);
    }

    private const string KeyExpected = "Key (map other labels with MapValueToKey)";
}
