using SparseMlNet.Data;
using SparseMlNet.Networks;
using SparseMlNet.Networks.Activations;
using SparseMlNet.Networks.Losses;

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

    /// <summary>Creates a trainer; the options are validated now and copied by value of their settings at <see cref="Train"/>.</summary>
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
    /// Raised once per <see cref="Train"/> call with the network just created, before the first epoch: its initial (Erdős–Rényi) topology and weights.
    /// The same object is trained in place, so a handler may keep it and read it from <see cref="EpochCompleted"/> (raised on the training thread,
    /// between epochs, after that epoch's topology evolution), for example to save topology snapshots. Handlers must not modify it.
    /// </summary>
    public event EventHandler<MultilayerPerceptron>? TrainingStarted;

    /// <summary>Raised after every epoch with its metrics.</summary>
    public event EventHandler<EpochMetrics>? EpochCompleted;

    /// <summary>Raised after every mini-batch.</summary>
    public event EventHandler<BatchProgress>? BatchCompleted;

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
    public MultilayerPerceptron Train(Dataset train, Dataset? test = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(train);
        _options.Validate();
        int present = train.ClassCounts().Count(c => c > 0);
        if (present < 2)
        {
            throw new ArgumentException($"The training labels contain {present} class; a classifier needs at least two.", nameof(train));
        }

        if (test is not null && (test.FeatureCount != train.FeatureCount || test.ClassCount > train.ClassCount))
        {
            throw new ArgumentException(
                $"The test set has {test.FeatureCount} features and {test.ClassCount} classes; the training set has {train.FeatureCount} and {train.ClassCount}.",
                nameof(test));
        }

        int[] sizes = [train.FeatureCount, .. _options.HiddenLayerSizes, train.ClassCount];
        MemoryEstimate.EnsureFits(
            MemoryEstimate.TrainingBytes(_options.Kind, sizes, _options.Epsilon, Math.Min(_options.BatchSize, train.Count), test?.Count ?? 0),
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
        var settings = _options.Settings();
        var loop = new TrainingLoop(network, settings, _options.ResolveEvolution());
        loop.Run(
            new ClassificationObjective(train),
            test is null ? null : () => Evaluation.Classification(network, test),
            m => EpochCompleted?.Invoke(this, m),
            BatchCompleted is null ? null : p => BatchCompleted?.Invoke(this, p),
            cancellationToken);
        return network;
    }
}
