using SparseMlNet.Data;
using SparseMlNet.Networks;
using SparseMlNet.Networks.Activations;
using SparseMlNet.Networks.Losses;
using SparseMlNet.Topology;

namespace SparseMlNet.Training;

/// <summary>
/// Trains a multilayer perceptron classifier with softmax cross-entropy: SET (Mocanu et al., Nature Communications 2018), the static sparse
/// FixProb baseline, or a dense baseline, chosen by <see cref="MlpTrainerOptions.Kind"/>.
/// </summary>
/// <example>
/// <code>
/// var trainer = new MlpTrainer(new MlpTrainerOptions { Epochs = 10 });
/// trainer.EpochCompleted += (_, m) => Console.WriteLine($"{m.Epoch}: {m.TestAccuracy:P1}");
/// MultilayerPerceptron model = trainer.Train(train, test);
/// int[] predicted = model.PredictClasses(test.Features);
/// </code>
/// </example>
public sealed class MlpTrainer
{
    private readonly MlpTrainerOptions _options;

    /// <summary>Creates a trainer; the options are validated now and copied by value of their settings at <c>Train</c>.</summary>
    /// <param name="options">Hyperparameters.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A hyperparameter is out of range (see <see cref="MlpTrainerOptions.Validate"/>).</exception>
    public MlpTrainer(MlpTrainerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
    }

    /// <summary>
    /// Raised once per <c>Train</c> call with the network just created, before the first epoch: its initial (Erdős–Rényi) topology and weights.
    /// The same object is trained in place, so a handler may keep it and read it from <see cref="EpochCompleted"/> (raised on the training thread,
    /// between epochs, after that epoch's topology evolution), for example to save topology snapshots. Handlers must not modify it.
    /// </summary>
    public event EventHandler<MultilayerPerceptron>? TrainingStarted;

    /// <summary>Raised after every epoch with its metrics.</summary>
    public event EventHandler<EpochMetrics>? EpochCompleted;

    /// <summary>Raised after every mini-batch.</summary>
    public event EventHandler<BatchProgress>? BatchCompleted;

    /// <summary>Raised once at the end of every successful <c>Train</c> call: epochs run, the epoch whose network was returned, whether early stopping ended the run.</summary>
    public event EventHandler<TrainingOutcome>? TrainingCompleted;

    /// <summary>Trains a new network on <paramref name="train"/>.</summary>
    /// <param name="train">Training data, already scaled; at least two classes present.</param>
    /// <param name="test">Optional evaluation data with the same features and classes, scored after every epoch.</param>
    /// <param name="cancellationToken">Stops training between mini-batches (throws <see cref="OperationCanceledException"/>).</param>
    /// <returns>The trained network.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="train"/> is null.</exception>
    /// <exception cref="ArgumentException">Only one class in the training labels, or a test set whose feature or class count differs.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A layer whose Erdős–Rényi density rounds to zero connections (raise ε).</exception>
    /// <exception cref="InsufficientMemoryException">The network and its training buffers would not fit in the memory available to the process
    /// (estimated before allocating; the message gives the estimate and the available memory).</exception>
    /// <exception cref="TrainingDivergedException">The loss became NaN or infinite, an epoch's loss grew past ten times the untrained network's,
    /// or a weight exceeded 10⁶ in magnitude (see <see cref="DivergenceGuard"/>).</exception>
    public MultilayerPerceptron Train(Dataset train, Dataset? test = null, CancellationToken cancellationToken = default) =>
        Train(train, test, null, null, cancellationToken);

    /// <summary>
    /// Trains a new network on <paramref name="train"/>, optionally with per-row example weights and a validation set for early stopping.
    /// Without <paramref name="validation"/>, <see cref="MlpTrainerOptions.ValidationFraction"/> (when set) holds out a stratified part of
    /// <paramref name="train"/> (and of its weights) instead.
    /// </summary>
    /// <param name="train">Training data, already scaled; at least two classes present.</param>
    /// <param name="test">Optional evaluation data, scored after every epoch (<see cref="EpochMetrics.TestAccuracy"/>); never used for decisions.</param>
    /// <param name="validation">Optional validation data, scored after every epoch (<see cref="EpochMetrics.ValidationLoss"/>) and watched by early stopping.</param>
    /// <param name="exampleWeights">Optional weight per row of <paramref name="train"/>, finite and ≥ 0 (scaled to mean 1, see <see cref="ExampleWeights.Normalise"/>).</param>
    /// <param name="cancellationToken">Stops training between mini-batches (throws <see cref="OperationCanceledException"/>).</param>
    /// <returns>The trained network: the best validation epoch's with early stopping, the last epoch's otherwise.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="train"/> is null.</exception>
    /// <exception cref="ArgumentException">
    /// Only one class in the training labels; a test or validation set whose feature or class count differs; early stopping without
    /// validation data; both a validation set and <see cref="MlpTrainerOptions.ValidationFraction"/>; a weight count that differs from the row count.
    /// </exception>
    /// <exception cref="ArgumentOutOfRangeException">A negative or non-finite example weight, or a layer whose Erdős–Rényi density rounds to zero connections (raise ε).</exception>
    /// <exception cref="InsufficientMemoryException">The network and its training buffers would not fit in the memory available to the process
    /// (estimated before allocating; the message gives the estimate and the available memory).</exception>
    /// <exception cref="TrainingDivergedException">The loss became NaN or infinite, an epoch's loss grew past ten times the untrained network's,
    /// or a weight exceeded 10⁶ in magnitude (see <see cref="DivergenceGuard"/>).</exception>
    public MultilayerPerceptron Train(Dataset train, Dataset? test, Dataset? validation, float[]? exampleWeights, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(train);
        _options.Validate();
        float[]? weights = exampleWeights is null ? null : ExampleWeights.Normalise(exampleWeights, train.Count, nameof(exampleWeights));
        if (validation is not null && _options.ValidationFraction is not null)
        {
            throw new ArgumentException("Give either a validation set or ValidationFraction, not both.", nameof(validation));
        }

        if (validation is null && _options.ValidationFraction is double fraction)
        {
            var (keep, held) = DataSplit.StratifiedSplitIndices(train, fraction, _options.Seed);
            validation = train.Subset(held);
            weights = weights is null ? null : [.. keep.Select(i => weights[i])];
            train = train.Subset(keep);
        }

        if (_options.EarlyStoppingPatience is not null && validation is null)
        {
            throw new ArgumentException(
                "Early stopping (EarlyStoppingPatience) needs validation data: set ValidationFraction, for example 0.2, or give a validation set.",
                nameof(validation));
        }

        int present = train.ClassCounts().Count(c => c > 0);
        if (present < 2)
        {
            throw new ArgumentException($"The training labels contain {present} class; a classifier needs at least two.", nameof(train));
        }

        if (_options.Augmentation is { } augmentation && augmentation.Shape.InputCount != train.FeatureCount)
        {
            throw new ArgumentException(
                $"The augmentation's image shape {augmentation.Shape} covers {augmentation.Shape.InputCount} inputs; the data has {train.FeatureCount} features.", nameof(train));
        }

        CheckCompatible(train, test, nameof(test));
        CheckCompatible(train, validation, nameof(validation));

        int[] sizes = [train.FeatureCount, .. _options.HiddenLayerSizes, train.ClassCount];
        MemoryEstimate.EnsureFits(
            MemoryEstimate.TrainingBytes(_options.Kind, sizes, _options.Epsilon, _options.EffectiveBatchSize(train.Count), Math.Max(test?.Count ?? 0, validation?.Count ?? 0), _options.Activation),
            $"a {(_options.Kind == NetworkKind.Set ? "SET" : _options.Kind.ToString())} MLP {string.Join("-", sizes)}");
        var network = MultilayerPerceptron.Create(
            _options.Kind,
            sizes,
            _options.Epsilon,
            _options.Activation,
            ActivationKind.Identity,
            LossKind.SoftmaxCrossEntropy,
            _options.Seed,
            allReluAlpha: _options.AllReluAlpha);
        TrainingStarted?.Invoke(this, network);
        var settings = _options.Settings(train.Count);
        var loop = new TrainingLoop(network, settings, _options.ResolveEvolution(), _options.NeuronPruneThreshold is double tau ? new NeuronPruning(tau) : null);
        var stopping = _options.EarlyStoppingPatience is int patience ? new EarlyStopping(network, patience) : null;
        // One predictor for every evaluation, sized for the larger evaluation set; rebuilt only when neuron pruning changes the layer sizes.
        NetworkPredictor? predictor = null;
        int evaluationRows = Math.Max(test?.Count ?? 0, validation?.Count ?? 0);
        (double Loss, double Accuracy) Evaluate(Dataset data)
        {
            if (predictor is null || !predictor.Network.LayerSizes.AsSpan().SequenceEqual(predictor.LayerSizes))
            {
                predictor = new NetworkPredictor(network, NetworkPredictor.RowsPerPass(network, evaluationRows));
            }

            return Evaluation.Classification(predictor, data);
        }

        int epochs = loop.Run(
            new ClassificationObjective(train, weights, _options.Augmentation),
            test is null ? null : () => Evaluate(test),
            m => EpochCompleted?.Invoke(this, m),
            BatchCompleted is null ? null : p => BatchCompleted?.Invoke(this, p),
            cancellationToken,
            validation is null ? null : () => Evaluate(validation),
            stopping);
        TrainingCompleted?.Invoke(this, new TrainingOutcome(
            epochs,
            stopping?.BestEpoch ?? epochs,
            epochs < settings.Epochs,
            stopping?.BestLoss ?? double.NaN));
        return network;
    }

    private static void CheckCompatible(Dataset train, Dataset? other, string parameterName)
    {
        if (other is not null && (other.FeatureCount != train.FeatureCount || other.ClassCount > train.ClassCount))
        {
            throw new ArgumentException(
                $"The {parameterName} set has {other.FeatureCount} features and {other.ClassCount} classes; the training set has {train.FeatureCount} and {train.ClassCount}.",
                parameterName);
        }
    }
}
