using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;
using SparseMlNet.FeatureSelection;
using SparseMlNet.ML.Schema;

namespace SparseMlNet.ML.FeatureSelection;

/// <summary>
/// ML.NET estimator for QuickSelection feature selection (Atashgahi et al., Machine Learning 2022): it trains a sparse denoising autoencoder
/// with SET on a known-size float vector column, scores every slot by the strength of its input neuron, and keeps the <see cref="Count"/>
/// strongest slots. Unsupervised: no label is read. Create it with <c>mlContext.Transforms.SelectFeaturesQuickSelection(...)</c>.
/// </summary>
public sealed class QuickSelectionEstimator : IEstimator<QuickSelectionTransformer>
{
    private readonly TransformsCatalog _catalog;
    private readonly QuickSelectionEstimatorOptions _options;

    internal QuickSelectionEstimator(TransformsCatalog catalog, string outputColumnName, string inputColumnName, int count, QuickSelectionEstimatorOptions options)
    {
        SlotSelection.ValidateArguments(outputColumnName, inputColumnName, count);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _catalog = catalog;
        OutputColumnName = outputColumnName;
        InputColumnName = inputColumnName;
        Count = count;
        _options = options.Clone();
    }

    /// <summary>Name of the output column.</summary>
    public string OutputColumnName { get; }

    /// <summary>Name of the input column.</summary>
    public string InputColumnName { get; }

    /// <summary>Number of slots to keep; at most the input vector's length (checked at <see cref="Fit"/>).</summary>
    public int Count { get; }

    /// <summary>The input shape plus the output column, as ML.NET's own count-based slot selector adds it.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The input column is missing or not a known-size vector of Single.</exception>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        var output = SlotSelection.GetOutputSchema(_catalog, OutputColumnName, InputColumnName, inputSchema);
        return output;
    }

    /// <summary>Runs QuickSelection on the input column of <paramref name="input"/> (rows with a NaN or infinite value are skipped).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The input column is missing, not a known-size vector of Single, or shorter than <see cref="Count"/>.</exception>
    /// <exception cref="ArgumentException">Fewer than two usable rows, or a constant slot while DropConstantFeatures is false (the engine's message names it).</exception>
    /// <exception cref="OperationCanceledException">The options' cancellation token was cancelled.</exception>
    public QuickSelectionTransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var column = SchemaErrors.Find(input.Schema, "input", InputColumnName);
        int d = SchemaErrors.RequireKnownSizeFloatVector(column, "input");
        SlotSelection.CheckCount(Count, d, d, InputColumnName);

        var token = _options.CancellationToken;
        using var channel = SlotSelection.StartChannel(_options.LogContext, "QuickSelection");
        var (values, rows, skipped) = FeatureMatrix.Read(input, column, d, token);
        if (skipped > 0)
        {
            channel?.Warning(MessageSensitivity.None, string.Create(CultureInfo.InvariantCulture, $"Skipped {skipped} rows with a NaN or infinite value in column '{InputColumnName}'."));
        }

        if (rows < 2)
        {
            throw new ArgumentException($"QuickSelection needs at least two rows with finite values in column '{InputColumnName}'; there are {rows} ({skipped} skipped).", nameof(input));
        }

        var selection = new QuickSelection(_options.ToEngineOptions());
        int epochs = _options.Epochs;
        selection.EpochCompleted += (_, m) =>
        {
            channel?.Info(MessageSensitivity.None, string.Create(CultureInfo.InvariantCulture, $"Epoch {m.Epoch}/{epochs}: reconstruction loss {m.TrainLoss:F5}, {m.TrainSeconds + m.EvolutionSeconds:F2} s"));
            _options.EpochCompleted?.Invoke(m);
        };
        if (_options.BatchCompleted is { } batch)
        {
            selection.BatchCompleted += (_, p) => batch(p);
        }

        var slotNames = SlotSelection.SlotNames(column, d);
        var result = selection.Fit(values.AsSpan(0, rows * d), d, Count, slotNames, token);
        int[] selected = result.SelectedIndices.ToArray();
        Array.Sort(selected);
        var selector = SlotSelection.FitSelector(_catalog, OutputColumnName, InputColumnName, column, selected);
        return new QuickSelectionTransformer(OutputColumnName, InputColumnName, d, result.Scores.ToArray(), selected, slotNames, selector);
    }
}
