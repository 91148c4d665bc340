using SparseMlNet.Networks;
using SparseMlNet.Networks.Activations;
using SparseMlNet.Topology;

namespace SparseMlNet.Training;

/// <summary>
/// Hyperparameters of <see cref="MlpTrainer"/>. Defaults are those of the SET papers' Fashion-MNIST experiments
/// (Mocanu et al. 2018; Curci et al. 2021): 3 hidden layers of 1000, ε = 20, ζ = 0.3, batch 128, dropout 0.3, momentum 0.9, weight decay 2·10⁻⁴.
/// </summary>
public sealed class MlpTrainerOptions
{
    /// <summary>Named defaults, shared by the CLI and the ML.NET layer.</summary>
    public static class Defaults
    {
        /// <summary>Hidden layer sizes.</summary>
        public static readonly IReadOnlyList<int> HiddenLayerSizes = [1000, 1000, 1000];

        /// <summary>ε.</summary>
        public const double Epsilon = 20;

        /// <summary>ζ.</summary>
        public const double Zeta = 0.3;

        /// <summary>η of sparse networks (SET, FixProb). 0.02: with sparse-fan-in initialisation and zero-start regrowth, SET reaches 85.9% on Fashion-MNIST after 10 epochs (README, "Results").</summary>
        public const float LearningRate = 0.02f;

        /// <summary>η of dense networks: 0.01. Dense layers of the same shape diverge at 0.02 on small data (the 1,000-image sample), so their default is the largest stable rate.</summary>
        public const float DenseLearningRate = 0.01f;

        /// <summary>The default η for <paramref name="kind"/>.</summary>
        /// <param name="kind">The network kind.</param>
        /// <returns><see cref="DenseLearningRate"/> for dense networks, <see cref="LearningRate"/> otherwise.</returns>
        public static float LearningRateFor(NetworkKind kind) => kind == NetworkKind.Dense ? DenseLearningRate : LearningRate;

        /// <summary>
        /// F of the per-layer learning rate: 1000. A layer whose mean fan-in f exceeds F trains its weights at η·F/f. Measured (README, "Decisions"):
        /// at 54,675-333,333×3-18, ε = 10, batch 32, the softmax layer's f ≈ 185,000 made the loss rise to 61 (untrained 5.3) and training stop as
        /// diverged; with F = 1000 the loss falls from the first epoch and the test accuracy reaches 74% after 4 epochs (chance 5.6%). At
        /// 54,675-50,000×3-18, F = 300 learns more slowly and F = 3000 already lets the first epochs' loss rise to 48. Every layer of the
        /// Fashion-MNIST networks has f ≤ 1000, so they train exactly as without the rule.
        /// </summary>
        public const int FullRateFanIn = 1000;

        /// <summary>μ.</summary>
        public const float Momentum = 0.9f;

        /// <summary>λ.</summary>
        public const float WeightDecay = 2e-4f;

        /// <summary>Dropout rate of hidden layers.</summary>
        public const float Dropout = 0.3f;

        /// <summary>Mini-batch size.</summary>
        public const int BatchSize = 128;

        /// <summary>Epochs: 100 (the papers'), the fewest the default gives (<see cref="EpochsFor"/>).</summary>
        public const int Epochs = 100;

        /// <summary>
        /// The fewest SGD steps (mini-batches over all epochs) the default epoch count gives: 600. With n below the batch size an epoch is
        /// one step, so 100 epochs would be 100 steps. Measured (docs/classifier-small-data.md; stratified 5-fold CV, standardised features,
        /// mean of 5 seeds, against ML.NET's L-BFGS maximum entropy with all features): 300 epochs (600 steps) on tissue's 151-row folds
        /// lift MicroAccuracy from 0.985 to 0.992 (L-BFGS 1.000), and 600 on ALL's and Golub's one-batch folds from 0.984 to 0.991 (1.000)
        /// and from 0.961 to 0.983 (0.950): every cell within 1 point of L-BFGS, at about 6× the seconds of a one-batch fit. Data with at least 6 batches per epoch (n &gt; 640 at batch 128, as Fashion-MNIST) keep 100 epochs.
        /// </summary>
        public const int MinimumSteps = 600;

        /// <summary>The default number of epochs for epochs of <paramref name="batchesPerEpoch"/> mini-batches: max(<see cref="Epochs"/>, ⌈<see cref="MinimumSteps"/> / batches⌉).</summary>
        /// <param name="batchesPerEpoch">Mini-batches per epoch, ⌈n / batch size⌉; ≥ 1.</param>
        /// <returns>The epoch count, ≥ <see cref="Epochs"/>.</returns>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="batchesPerEpoch"/> is below 1.</exception>
        public static int EpochsFor(int batchesPerEpoch)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(batchesPerEpoch, 1);
            return Math.Max(Epochs, (MinimumSteps + batchesPerEpoch - 1) / batchesPerEpoch);
        }

        /// <summary>
        /// Hidden activation: ReLU. All-ReLU (the SET papers' choice) gives SET 86.7% after 10 epochs at η = 0.02, but the dense baseline diverges with it
        /// at that rate, and one default must serve SET, FixProb and dense alike for an honest comparison.
        /// </summary>
        public const ActivationKind Activation = ActivationKind.Relu;

        /// <summary>α of All-ReLU (the authors' Fashion-MNIST value).</summary>
        public const float AllReluAlpha = Networks.Activations.Activation.DefaultAllReluAlpha;

        /// <summary>Seed.</summary>
        public const int Seed = 42;

        /// <summary>
        /// Minimum number of mini-batches (SGD steps) per epoch: 1, i.e. off: the batch size is <see cref="BatchSize"/> (capped at n).
        /// Measured (docs/classifier-small-data.md): with 4 or 10 batches per epoch Golub's 30-row folds get batches of 8 or 3 and training
        /// diverges at η = 0.02, so the classifier's small-data budget comes from more epochs instead (<see cref="MinimumSteps"/>).
        /// Raise it for long-running small-n sweeps with few epochs.
        /// </summary>
        public const int MinimumBatchesPerEpoch = 1;

        /// <summary>Epochs without a lower validation loss before early stopping ends training, when it is turned on: 10.</summary>
        public const int EarlyStoppingPatience = 10;
    }

    /// <summary>SET (default), FixProb or dense.</summary>
    public NetworkKind Kind { get; set; } = NetworkKind.Set;

    /// <summary>Neurons of each hidden layer, input side first; Range: each ≥ 1. Default 1000, 1000, 1000.</summary>
    public IReadOnlyList<int> HiddenLayerSizes { get; set; } = Defaults.HiddenLayerSizes;

    /// <summary>ε of the Erdős–Rényi initialisation, p = ε(n_in + n_out)/(n_in·n_out); Range: ε &gt; 0. Default 20. Ignored by dense networks.</summary>
    public double Epsilon { get; set; } = Defaults.Epsilon;

    /// <summary>ζ, the fraction of positive and of negative weights replaced after each epoch by SET; Range: [0, 1). Default 0.3.</summary>
    public double Zeta { get; set; } = Defaults.Zeta;

    /// <summary>η, the SGD learning rate; Range: η &gt; 0. Default null: <see cref="Defaults.LearningRateFor"/>(<see cref="Kind"/>), 0.02 for SET and FixProb, 0.01 for dense.</summary>
    public float? LearningRate { get; set; }

    /// <summary>The learning rate in force: <see cref="LearningRate"/>, or the default for <see cref="Kind"/>.</summary>
    public float EffectiveLearningRate => LearningRate ?? Defaults.LearningRateFor(Kind);

    /// <summary>
    /// Per-layer learning rate: the weights of a layer whose mean fan-in f (connections per output neuron) exceeds this F are trained at η·F/f,
    /// biases at η. Keeps very wide layers (a softmax layer over hundreds of thousands of hidden neurons) from diverging at a rate that suits
    /// narrow ones. Range: ≥ 0; 0 turns it off (every layer at η). Default 1000 (<see cref="Defaults.FullRateFanIn"/>).
    /// </summary>
    public int FullRateFanIn { get; set; } = Defaults.FullRateFanIn;

    /// <summary>μ, classical momentum; Range: [0, 1). Default 0.9.</summary>
    public float Momentum { get; set; } = Defaults.Momentum;

    /// <summary>λ, weight decay: every update shrinks each weight (not bias) by the factor (1 − λ), as in the SET reference implementation; Range: [0, 1). Default 2·10⁻⁴.</summary>
    public float WeightDecay { get; set; } = Defaults.WeightDecay;

    /// <summary>Dropout rate of hidden-layer outputs during training; Range: [0, 1). Default 0.3.</summary>
    public float Dropout { get; set; } = Defaults.Dropout;

    /// <summary>
    /// Mini-batch size; Range: ≥ 1. Default 128. An upper bound: on small data sets the batch shrinks so that every epoch has at least
    /// <see cref="MinimumBatchesPerEpoch"/> steps (<see cref="EffectiveBatchSize"/>).
    /// </summary>
    public int BatchSize { get; set; } = Defaults.BatchSize;

    /// <summary>
    /// Minimum number of mini-batches per epoch, so that the optimisation budget of an epoch does not collapse on small data; Range: ≥ 0
    /// (0 and 1 turn the rule off: the batch size is <see cref="BatchSize"/>, capped at n). Default 1 (<see cref="Defaults.MinimumBatchesPerEpoch"/>).
    /// The same rule and name as <c>QuickSelectionOptions.MinimumBatchesPerEpoch</c> (default 4 there, measured for the autoencoder).
    /// </summary>
    public int MinimumBatchesPerEpoch { get; set; } = Defaults.MinimumBatchesPerEpoch;

    /// <summary>The batch size used on <paramref name="sampleCount"/> training rows: min(<see cref="BatchSize"/>, ⌈n / <see cref="MinimumBatchesPerEpoch"/>⌉), at least 1.</summary>
    /// <param name="sampleCount">n, the number of training rows; ≥ 1.</param>
    /// <returns>The batch size in [1, <see cref="BatchSize"/>].</returns>
    public int EffectiveBatchSize(int sampleCount) =>
        Math.Max(1, Math.Min(BatchSize, (int)Math.Ceiling(sampleCount / (double)Math.Max(1, MinimumBatchesPerEpoch))));

    /// <summary>
    /// Training epochs; Range: null or ≥ 1. Default null: <see cref="Defaults.EpochsFor"/> of the training data, 100 epochs (the papers') or, on
    /// data with fewer than 6 mini-batches per epoch, enough epochs for 600 SGD steps (<see cref="EffectiveEpochs"/>). A number is used as
    /// given. SET evolves the topology after every epoch but the last.
    /// </summary>
    public int? Epochs { get; set; }

    /// <summary>The epochs trained on <paramref name="sampleCount"/> training rows: <see cref="Epochs"/>, or <see cref="Defaults.EpochsFor"/>(⌈n / <see cref="EffectiveBatchSize"/>⌉).</summary>
    /// <param name="sampleCount">n, the number of training rows (after any validation split); ≥ 1.</param>
    /// <returns>The epoch count, ≥ 1.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="sampleCount"/> is below 1.</exception>
    public int EffectiveEpochs(int sampleCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sampleCount, 1);
        int batch = EffectiveBatchSize(sampleCount);
        return Epochs ?? Defaults.EpochsFor((sampleCount + batch - 1) / batch);
    }

    /// <summary>Hidden activation. Default ReLU; <see cref="ActivationKind.AllRelu"/> is the alternated left ReLU of Curci et al. (2021).</summary>
    public ActivationKind Activation { get; set; } = Defaults.Activation;

    /// <summary>α of All-ReLU; Range: finite. Default 0.6.</summary>
    public float AllReluAlpha { get; set; } = Defaults.AllReluAlpha;

    /// <summary>
    /// Whether SET evolves the output layer too. Default false, as in the reference implementation (it evolves hidden layers only):
    /// at ε = 20 the 1000 × 10 output layer is fully connected, so evolving it would only re-draw 30% of the classifier's weights every epoch.
    /// </summary>
    public bool EvolveOutputLayer { get; set; }

    /// <summary>
    /// Where SET's evolution grows new connections: <see cref="GrowthKind.Random"/> (SET, default) or <see cref="GrowthKind.Gradient"/> (RigL: the empty
    /// positions with the largest gradient of the last mini-batch before the step, the epoch's last or, with <see cref="EvolveEveryBatches"/>, the current one;
    /// computed in chunks without a dense matrix; new weights zero).
    /// </summary>
    public GrowthKind Growth { get; set; } = GrowthKind.Random;

    /// <summary>ΔT: SET evolves the topology after every <see cref="EvolveEvery"/>-th epoch (never after the last); Range: ≥ 1. Default 1 (every epoch, as SET).</summary>
    public int EvolveEvery { get; set; } = 1;

    /// <summary>
    /// ΔT in mini-batches (RigL's, Evci et al., ICML 2020): SET evolves the topology after every <see cref="EvolveEveryBatches"/>-th mini-batch of the run
    /// (counted across epochs, never after the run's last), and gradient growth ranks empty positions by that mini-batch's gradient; ζ's cosine decay then
    /// counts mini-batches too. Range: null (off: evolve every <see cref="EvolveEvery"/> epochs, default) or ≥ 1. Exclusive with <see cref="EvolveEvery"/> ≠ 1:
    /// one unit per run. RigL uses 100 (ImageNet, CIFAR-10); on Fashion-MNIST, batch 128, one epoch is 469 mini-batches.
    /// </summary>
    public int? EvolveEveryBatches { get; set; }

    /// <summary>T_end: no topology evolution after this epoch (RigL's stop epoch); Range: null (the whole run) or ≥ 1. Default null.</summary>
    public int? EvolutionStopEpoch { get; set; }

    /// <summary>How ζ changes over the run: <see cref="ZetaSchedule.Constant"/> (SET, default) or <see cref="ZetaSchedule.Cosine"/> (RigL's decay to 0 at <see cref="EvolutionStopEpoch"/>, or at the last epoch).</summary>
    public ZetaSchedule ZetaSchedule { get; set; } = ZetaSchedule.Constant;

    /// <summary>
    /// Hidden-neuron importance pruning (Curci et al. 2021; <see cref="Topology.NeuronPruning"/>): after every evolution step, hidden neurons whose strength
    /// (Σ|w| of their incoming and outgoing connections) is below this fraction of their layer's mean are removed, shrinking the layers.
    /// Range: null (off, default) or (0, 1). SET only; not combined with early stopping (the best epoch's network may have other layer sizes).
    /// </summary>
    public double? NeuronPruneThreshold { get; set; }

    /// <summary>Optional on-the-fly augmentation of image inputs during training (random shifts, horizontal flips); its shape must cover the inputs. Default null.</summary>
    public ImageAugmentation? Augmentation { get; set; }

    /// <summary>
    /// A custom evolution policy (prune and growth criteria, schedule) for <see cref="NetworkKind.Set"/>, the one evolving kind. When null, SET's policy is
    /// built from <see cref="Zeta"/>, <see cref="Growth"/>, <see cref="EvolveEvery"/>, <see cref="EvolveEveryBatches"/>, <see cref="EvolutionStopEpoch"/>, <see cref="ZetaSchedule"/> and
    /// <see cref="EvolveOutputLayer"/>. FixProb and dense never evolve: setting it with either is an error.
    /// </summary>
    public TopologyEvolution? Evolution { get; set; }

    /// <summary>Seed of the topology, weights, shuffling, dropout masks and evolution: equal seeds give equal models.</summary>
    public int Seed { get; set; } = Defaults.Seed;

    /// <summary>
    /// Fraction of the training rows held out, stratified by class and seeded by <see cref="Seed"/>, as the validation set that
    /// early stopping watches (when no validation set is given to <see cref="MlpTrainer.Train(Data.Dataset, Data.Dataset?, Data.Dataset?, float[], CancellationToken)"/>).
    /// Range: null (none) or (0, 1). Default null.
    /// </summary>
    public double? ValidationFraction { get; set; }

    /// <summary>
    /// Early stopping: with validation data, training stops after this many epochs in a row without a lower validation loss
    /// (by more than a relative 10⁻⁴), and the network of the best validation epoch (weights and topology) is returned.
    /// Range: null (off: train every epoch and return the last) or ≥ 1. Default null. Requires <see cref="ValidationFraction"/> or a validation set.
    /// </summary>
    public int? EarlyStoppingPatience { get; set; }

    /// <summary>The optimisation settings of these options, as the training loop takes them.</summary>
    internal TrainingSettings Settings() => new(EffectiveLearningRate, Momentum, WeightDecay, Dropout, BatchSize, Epochs ?? Defaults.Epochs, Seed, FullRateFanIn);

    /// <summary>The optimisation settings for training on <paramref name="sampleCount"/> rows (the batch size and epochs in force, see <see cref="EffectiveBatchSize"/> and <see cref="EffectiveEpochs"/>).</summary>
    internal TrainingSettings Settings(int sampleCount) => Settings() with { BatchSize = EffectiveBatchSize(sampleCount), Epochs = EffectiveEpochs(sampleCount) };

    /// <summary>The evolution policy in force for these options, or null for none.</summary>
    public TopologyEvolution? ResolveEvolution() => Kind switch
    {
        NetworkKind.Set => Evolution ?? (Growth == GrowthKind.Gradient
            ? TopologyEvolution.RigL(Zeta, EvolveOutputLayer, Schedule())
            : TopologyEvolution.Set(Zeta, EvolveOutputLayer, schedule: Schedule())),
        NetworkKind.FixProb => null,
        _ => null,
    };

    /// <summary>The schedule of <see cref="EvolveEvery"/> or <see cref="EvolveEveryBatches"/>, <see cref="EvolutionStopEpoch"/> and <see cref="ZetaSchedule"/>; SET's own when all are at their defaults.</summary>
    private EvolutionSchedule Schedule() =>
        EvolveEveryBatches is int batches
            ? EvolutionSchedule.EveryBatchesOf(batches, EvolutionStopEpoch, ZetaSchedule == ZetaSchedule.Cosine)
            : EvolveEvery == 1 && EvolutionStopEpoch is null && ZetaSchedule == ZetaSchedule.Constant
                ? EvolutionSchedule.EveryEpoch
                : new EvolutionSchedule(EvolveEvery, EvolutionStopEpoch, ZetaSchedule == ZetaSchedule.Cosine);

    /// <summary>Checks every value and throws naming the first one out of range.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A hyperparameter outside its documented range; the parameter name is the property's.</exception>
    /// <exception cref="ArgumentException">No hidden layer sizes, or an <see cref="Evolution"/> policy with a FixProb or dense network.</exception>
    public void Validate()
    {
        if (HiddenLayerSizes is null)
        {
            throw new ArgumentException("Give the hidden layer sizes (an empty list means no hidden layer).", nameof(HiddenLayerSizes));
        }

        for (int i = 0; i < HiddenLayerSizes.Count; i++)
        {
            if (HiddenLayerSizes[i] < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(HiddenLayerSizes), HiddenLayerSizes[i], $"Hidden layer {i + 1} has {HiddenLayerSizes[i]} neurons; each needs at least 1.");
            }
        }

        if (Kind != NetworkKind.Dense && (!(Epsilon > 0) || double.IsInfinity(Epsilon)))
        {
            throw new ArgumentOutOfRangeException(nameof(Epsilon), Epsilon, "Epsilon (ε) must be a positive finite number, for example 20.");
        }

        if (!(Zeta >= 0 && Zeta < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(Zeta), Zeta, "Zeta (ζ) must lie in [0, 1), for example 0.3.");
        }

        Settings().Validate();

        if (!float.IsFinite(AllReluAlpha))
        {
            throw new ArgumentOutOfRangeException(nameof(AllReluAlpha), AllReluAlpha, "All-ReLU's alpha must be finite, for example 0.6.");
        }

        if (EvolveEvery < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(EvolveEvery), EvolveEvery, "Evolve the topology every N epochs with N ≥ 1, for example 1.");
        }

        if (EvolveEveryBatches is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(EvolveEveryBatches), EvolveEveryBatches, "Evolve the topology every ΔT mini-batches with ΔT ≥ 1, for example 100, or null to count in epochs (EvolveEvery).");
        }

        if (EvolveEveryBatches is not null && EvolveEvery != 1)
        {
            throw new ArgumentException(
                $"Give the evolution interval in one unit: EvolveEvery = {EvolveEvery} epochs and EvolveEveryBatches = {EvolveEveryBatches} mini-batches are both set; keep EvolveEvery at 1 or EvolveEveryBatches null.",
                nameof(EvolveEveryBatches));
        }

        if (EvolutionStopEpoch is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(EvolutionStopEpoch), EvolutionStopEpoch, "The evolution stop epoch must be at least 1, or null for the whole run.");
        }

        if (MinimumBatchesPerEpoch < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(MinimumBatchesPerEpoch), MinimumBatchesPerEpoch, "The minimum number of mini-batches per epoch must be at least 0 (0 or 1 turns the rule off), for example 4.");
        }

        if (ValidationFraction is double fraction && !(fraction > 0 && fraction < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(ValidationFraction), fraction, "The validation fraction must lie in (0, 1), for example 0.2, or be null for no validation split.");
        }

        if (EarlyStoppingPatience is int patience && patience < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(EarlyStoppingPatience), patience, "The early-stopping patience must be at least 1 epoch, for example 10, or null to turn early stopping off.");
        }

        if (NeuronPruneThreshold is double tau && !(tau > 0 && tau < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(NeuronPruneThreshold), tau, "The neuron-importance threshold must lie in (0, 1), for example 0.1, or be null for no neuron pruning.");
        }

        if (NeuronPruneThreshold is not null && (Kind != NetworkKind.Set || EarlyStoppingPatience is not null))
        {
            throw new ArgumentException(
                "Hidden-neuron pruning needs an evolving sparse network (Kind = Set) and no early stopping (the best epoch's network may have other layer sizes).",
                nameof(NeuronPruneThreshold));
        }

        if (Kind == NetworkKind.FixProb && Evolution is not null)
        {
            throw new ArgumentException("FixProb is the static sparse baseline: its topology never evolves. Use Kind = Set with this Evolution policy, or remove the policy.", nameof(Evolution));
        }

        if (Kind == NetworkKind.Dense && Evolution is not null)
        {
            throw new ArgumentException("A dense network has no sparse topology to evolve; remove the Evolution policy or choose Set/FixProb.", nameof(Evolution));
        }
    }
}
