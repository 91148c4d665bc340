using SparseMlNet.Data;
using SparseMlNet.Networks;
using SparseMlNet.Networks.Activations;
using SparseMlNet.Networks.Layers;
using SparseMlNet.Networks.Losses;
using SparseMlNet.Randomness;
using SparseMlNet.Topology;
using SparseMlNet.Training;

namespace SparseMlNet.FeatureSelection;

/// <summary>
/// QuickSelection, unsupervised feature selection with a sparse denoising autoencoder trained by SET (Atashgahi, Sokar, van der Lee, Mocanu, Mocanu,
/// Veldhuis and Pechenizkiy, "Quick and Robust Feature Selection: the Strength of Energy-efficient Sparse Training for Autoencoders", Machine Learning 111, 2022).
/// </summary>
/// <remarks>
/// <para>Algorithm (paper, section 3): scale the features; train a sparse autoencoder d → hidden (sigmoid) → d (linear or tanh) with Erdős–Rényi initial topology,
/// inputs corrupted by additive Gaussian noise redrawn for every mini-batch, mean squared reconstruction error, dropout, momentum SGD with weight decay,
/// and SET prune-and-regrow after every epoch but the last; then score every feature by the strength of its input neuron, s_i = Σ_j |W_ji| (eq. 5),
/// on the weights after the last epoch (the loop does not evolve after it), and select the k strongest. Labels are never used.</para>
/// <para>Memory is O(nnz + (d + hidden)·batch + n·d): the autoencoder is truly sparse from start to end and nothing of size d·hidden is ever allocated.
/// For 128 samples × 54,675 features (a microarray) the live heap is about 245 MB: two copies of the data (56 MB), one mini-batch of inputs, targets,
/// outputs and deltas (122 MB) and the two layers' 1.45 million connections (35 MB). Deterministic for a given <see cref="QuickSelectionOptions.Seed"/>.</para>
/// <para>Small data: the batch shrinks so every epoch takes at least <see cref="QuickSelectionOptions.MinimumBatchesPerEpoch"/> SGD steps (default 4; n ≥ 400 is
/// unaffected). Ensemble (R ≥ 2, stability selection after Meinshausen and Bühlmann 2010; by default automatic, <see cref="QuickSelectionOptions.RunsFor"/>: R = 10 on data
/// of at most 4 million values, one autoencoder on larger data): R autoencoders with seeds
/// derived from the seed (run 0 keeps it) train in parallel on the same scaled data; each run's strengths are z-scored over the features and averaged, and
/// <see cref="QuickSelectionResult.Frequencies"/>, <see cref="QuickSelectionResult.RunSelections"/> and <see cref="QuickSelectionResult.RunStability"/> describe
/// how the runs agree. Epoch and batch events come from run 0 only.</para>
/// <para>Deliberate differences from the authors' code: features are ranked on the final trained weights (theirs: the second-to-last epoch's,
/// after pruning and before regrowth); only the encoder evolves and regrown connections start at zero (see <see cref="QuickSelectionOptions.EvolveDecoder"/>
/// and <see cref="QuickSelectionOptions.RegrowthWeightScale"/>); the noise is redrawn per mini-batch (theirs: once per run); the reconstruction gradient goes through the output
/// activation's derivative at the pre-activation; dropout is inverted (scaled at training time); weights start from Glorot uniform on actual sparse degrees.</para>
/// </remarks>
/// <example>
/// <code>
/// var selection = new QuickSelection(new QuickSelectionOptions { Epochs = 100 });
/// selection.EpochCompleted += (_, m) => Console.WriteLine($"epoch {m.Epoch}: MSE {m.TrainLoss:F4}");
/// QuickSelectionResult result = selection.Fit(features, featureCount: 500, selectedCount: 20);
/// float[] reduced = result.Transform(features, 500); // [n, 20]
/// </code>
/// </example>
public sealed class QuickSelection
{
    private readonly QuickSelectionOptions _options;

    /// <summary>Creates the estimator; the options are validated now and again at every fit.</summary>
    /// <param name="options">Hyperparameters; null for the paper's defaults.</param>
    /// <exception cref="ArgumentOutOfRangeException">A hyperparameter is out of range (see <see cref="QuickSelectionOptions.Validate"/>).</exception>
    public QuickSelection(QuickSelectionOptions? options = null)
    {
        _options = options ?? new QuickSelectionOptions();
        _options.Validate();
    }

    /// <summary>Raised after every epoch: <see cref="EpochMetrics.TrainLoss"/> is the per-element mean squared reconstruction error; connectivity per layer.</summary>
    public event EventHandler<EpochMetrics>? EpochCompleted;

    /// <summary>Raised after every mini-batch.</summary>
    public event EventHandler<BatchProgress>? BatchCompleted;

    /// <summary>Selects features of an unlabelled matrix.</summary>
    /// <param name="features">Row-major [n, <paramref name="featureCount"/>], n ≥ 2, finite; raw values (scaled internally per <see cref="QuickSelectionOptions.Scaling"/>). Not modified.</param>
    /// <param name="featureCount">d; Range: ≥ 1.</param>
    /// <param name="selectedCount">k, the number of features to select; Range: [1, d].</param>
    /// <param name="featureNames">Optional names, one per feature, used in error messages and kept on the selector.</param>
    /// <param name="cancellationToken">Stops training between mini-batches (throws <see cref="OperationCanceledException"/>).</param>
    /// <returns>The fitted selector.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="featureCount"/> &lt; 1, <paramref name="selectedCount"/> outside [1, d], an option out of range, or an ε so small a layer would get no connection.</exception>
    /// <exception cref="ArgumentException">
    /// A ragged or empty matrix, fewer than two rows, a name count other than d, a column entirely NaN (all such columns named), another NaN or infinite value
    /// (row and column named), or constant columns (named) while <see cref="QuickSelectionOptions.DropConstantFeatures"/> is false.
    /// </exception>
    /// <exception cref="InsufficientMemoryException">The autoencoder and its training buffers would not fit in the available memory (estimated before allocating).</exception>
    /// <exception cref="TrainingDivergedException">The reconstruction loss became NaN or infinite or grew past ten times its first mini-batch's, or a weight exceeded 10⁶ (lower the learning rate).</exception>
    public QuickSelectionResult Fit(
        ReadOnlySpan<float> features, int featureCount, int selectedCount, IReadOnlyList<string>? featureNames = null, CancellationToken cancellationToken = default)
    {
        _options.Validate();
        (int rows, bool[] constant) = FeatureMatrixCheck.Run(features, featureCount, featureNames, nameof(features));
        if (selectedCount < 1 || selectedCount > featureCount)
        {
            throw new ArgumentOutOfRangeException(
                nameof(selectedCount), selectedCount, $"k, the number of features to select, must lie in [1, {featureCount}] (the number of features); it is {selectedCount}.");
        }

        int[] kept = KeptColumns(constant, featureNames);
        float[] trainMatrix = FeatureMatrixCheck.Columns(features, featureCount, rows, kept);
        int d = kept.Length;
        var unlabelled = new Dataset(trainMatrix, new int[rows], d, classCount: 1);
        FeatureScaler scaler = FeatureScaler.Fit(unlabelled, _options.Scaling);
        float[] scaled = scaler.Transform(trainMatrix, d);

        int runs = _options.RunsFor(rows, featureCount);
        MemoryEstimate.EnsureFits(
            MemoryEstimate.TrainingBytes(NetworkKind.Set, [d, _options.HiddenNeurons, d], _options.Epsilon, _options.EffectiveBatchSize(rows), 0) * Math.Min(runs, Environment.ProcessorCount),
            $"a QuickSelection autoencoder {d}-{_options.HiddenNeurons}-{d}");

        Run[] results = StabilitySelection.RunAll(
            runs, _options.Seed, (seed, reports) => Train(scaled, rows, d, kept, featureCount, runs, seed, raiseEvents: reports, cancellationToken), cancellationToken);
        Run first = results[0];
        if (runs == 1)
        {
            var single = FeatureSelector.FromScores("QuickSelection", first.Strengths, selectedCount, featureNames);
            return new QuickSelectionResult(single, first.Network, scaler, kept, first.Topology, first.FinalLoss, ensemble: null);
        }

        StabilitySelection.Ensemble ensemble = StabilitySelection.Aggregate([.. results.Select(run => run.Strengths)], selectedCount);
        var selector = FeatureSelector.FromScores(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"QuickSelection (ensemble of {runs})"), ensemble.Scores, selectedCount, featureNames);
        return new QuickSelectionResult(selector, first.Network, scaler, kept, first.Topology, first.FinalLoss, ensemble);
    }

    private Run Train(float[] scaled, int rows, int d, int[] kept, int featureCount, int runs, int seed, bool raiseEvents, CancellationToken cancellationToken)
    {
        var network = MultilayerPerceptron.Create(
            NetworkKind.Set,
            [d, _options.HiddenNeurons, d],
            _options.Epsilon,
            ActivationKind.Sigmoid,
            _options.OutputActivation,
            LossKind.MeanSquaredError,
            seed);
        var settings = _options.Settings(rows, runs, seed);
        double finalLoss = double.NaN;
        var evolution = TopologyEvolution.Set(_options.Zeta, evolveOutputLayer: _options.EvolveDecoder, newWeightScale: _options.RegrowthWeightScale);
        var loop = new TrainingLoop(network, settings, evolution);
        loop.Run(
            new DenoisingObjective(scaled, d, _options.NoiseFactor),
            evaluate: null,
            m =>
            {
                finalLoss = m.TrainLoss;
                if (raiseEvents)
                {
                    EpochCompleted?.Invoke(this, m);
                }
            },
            !raiseEvents || BatchCompleted is null ? null : p => BatchCompleted?.Invoke(this, p),
            cancellationToken);

        var encoder = (SparseLayer)network.Layers[0];
        double[] strengths = NeuronStrength.OfInputs(encoder.Matrix);
        var scores = new double[featureCount];
        for (int j = 0; j < d; j++)
        {
            scores[kept[j]] = strengths[j];
        }

        return new Run(scores, network, Describe(network, encoder), finalLoss);
    }

    /// <summary>Selects features of a data set; its labels are ignored (QuickSelection is unsupervised).</summary>
    /// <param name="data">The data; its feature names are kept on the selector.</param>
    /// <param name="selectedCount">k; Range: [1, data.FeatureCount].</param>
    /// <param name="cancellationToken">Stops training between mini-batches.</param>
    /// <returns>The fitted selector.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="data"/> is null.</exception>
    /// <exception cref="ArgumentException">As <see cref="Fit(ReadOnlySpan{float}, int, int, IReadOnlyList{string}, CancellationToken)"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">As <see cref="Fit(ReadOnlySpan{float}, int, int, IReadOnlyList{string}, CancellationToken)"/>.</exception>
    public QuickSelectionResult Fit(Dataset data, int selectedCount, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        return Fit(data.Features, data.FeatureCount, selectedCount, data.FeatureNames, cancellationToken);
    }

    private int[] KeptColumns(bool[] constant, IReadOnlyList<string>? featureNames)
    {
        var constantColumns = new List<int>();
        for (int j = 0; j < constant.Length; j++)
        {
            if (constant[j])
            {
                constantColumns.Add(j);
            }
        }

        if (constantColumns.Count == constant.Length)
        {
            throw new ArgumentException("Every feature column is constant; there is nothing to select from.", "features");
        }

        if (constantColumns.Count > 0 && !_options.DropConstantFeatures)
        {
            throw new ArgumentException(
                $"Feature {FeatureMatrixCheck.Describe(constantColumns, featureNames)} {(constantColumns.Count == 1 ? "is" : "are")} constant (one value in every row), so "
                + $"there is nothing to reconstruct; remove {(constantColumns.Count == 1 ? "it" : "them")}, or set DropConstantFeatures (CLI: --drop-constant) to score {(constantColumns.Count == 1 ? "it" : "them")} 0.",
                "features");
        }

        return FeatureMatrixCheck.NonConstant(constant);
    }

    private static AutoencoderTopology Describe(MultilayerPerceptron network, SparseLayer encoder)
    {
        var matrix = encoder.Matrix;
        int connected = 0;
        int maxDegree = 0;
        for (int i = 0; i < matrix.Columns; i++)
        {
            int degree = matrix.ColumnDegree(i);
            connected += degree > 0 ? 1 : 0;
            maxDegree = Math.Max(maxDegree, degree);
        }

        var decoder = network.Layers[1];
        return new AutoencoderTopology(
            matrix.Columns,
            matrix.Rows,
            matrix.Nnz,
            matrix.Density,
            decoder.ConnectionCount,
            decoder.Density,
            connected,
            (double)matrix.Nnz / matrix.Columns,
            maxDegree);
    }

    /// <summary>One trained autoencoder: the strength of every feature (0 for dropped constant columns), the network and its topology.</summary>
    private sealed record Run(double[] Strengths, MultilayerPerceptron Network, AutoencoderTopology Topology, double FinalLoss);
}
