using SparseMlNet.Data;
using SparseMlNet.Networks.Activations;
using SparseMlNet.Training;

namespace SparseMlNet.FeatureSelection;

/// <summary>
/// Hyperparameters of <see cref="QuickSelection"/>. Defaults are those of Atashgahi et al., "Quick and Robust Feature Selection: the Strength of
/// Energy-efficient Sparse Training for Autoencoders" (Machine Learning 111, 2022, section 4.1): a sparse denoising autoencoder with 1000 sigmoid hidden
/// neurons, ε = 13, ζ = 0.2, noise factor 0.2, batch 100, dropout 0.2, learning rate 0.01, momentum 0.9, weight decay 10⁻⁵, 100 epochs,
/// features standardised to zero mean and unit variance. Deliberate departures from the reference implementation, each measured: the decoder's topology
/// stays fixed (<see cref="EvolveDecoder"/>) and regrown connections start at zero (<see cref="RegrowthWeightScale"/>), both on Madelon; and on data with
/// fewer samples than features the features are only centred, with one pooled scale (<see cref="Scaling"/>), on the gene-expression sets.
/// </summary>
public sealed class QuickSelectionOptions
{
    /// <summary>The paper's values, shared by the CLI.</summary>
    public static class Defaults
    {
        /// <summary>Hidden neurons.</summary>
        public const int HiddenNeurons = 1000;

        /// <summary>ε.</summary>
        public const double Epsilon = 13;

        /// <summary>ζ.</summary>
        public const double Zeta = 0.2;

        /// <summary>Standard deviation of the additive input noise, in units of the scaled features.</summary>
        public const float NoiseFactor = 0.2f;

        /// <summary>η.</summary>
        public const float LearningRate = 0.01f;

        /// <summary>μ.</summary>
        public const float Momentum = 0.9f;

        /// <summary>λ.</summary>
        public const float WeightDecay = 1e-5f;

        /// <summary>Dropout rate of the hidden layer.</summary>
        public const float Dropout = 0.2f;

        /// <summary>Mini-batch size.</summary>
        public const int BatchSize = 100;

        /// <summary>Epochs.</summary>
        public const int Epochs = 100;

        /// <summary>Seed.</summary>
        public const int Seed = 42;

        /// <summary>
        /// Minimum mini-batches per epoch: the batch is shrunk to ⌈n / 4⌉ when n &lt; 4 × <see cref="BatchSize"/>, so 100 epochs are at least 400 SGD steps
        /// (measured in docs/quickselection-results.md, "Training budget"). n ≥ 400 keeps batch 100 and behaves as before.
        /// </summary>
        public const int MinimumBatchesPerEpoch = 4;

        /// <summary>R of the automatic ensemble: the runs <see cref="Runs"/> = null trains on data of at most <see cref="AutomaticEnsembleValues"/> values.</summary>
        public const int AutomaticRuns = 10;

        /// <summary>
        /// Largest n × d (rows times feature columns) on which <see cref="Runs"/> = null trains an ensemble of <see cref="AutomaticRuns"/>; larger data gets one
        /// autoencoder. 4,000,000 holds every gene-expression set of ../shared/data (ALL, 128 × 12,625 = 1.6 million, is the largest), Madelon (2,000 × 500)
        /// and the 1,000-image Fashion-MNIST sample, and excludes full MNIST-size data (60,000 × 784 = 47 million).
        /// </summary>
        public const long AutomaticEnsembleValues = 4_000_000;

        /// <summary>Epochs of each autoencoder of an ensemble (R ≥ 2).</summary>
        public const int EnsembleEpochs = 50;

        /// <summary>Feature scaling: <see cref="ScalingKind.Auto"/>, centring with one pooled scale when n &lt; d, per-feature standardisation otherwise.</summary>
        public const ScalingKind Scaling = ScalingKind.Auto;

        /// <summary>Scale of regrown weights (0: new connections start at zero).</summary>
        public const double RegrowthWeightScale = Topology.TopologyEvolution.DefaultNewWeightScale;
    }

    /// <summary>Neurons of the autoencoder's single hidden layer; Range: ≥ 1. Default 1000.</summary>
    public int HiddenNeurons { get; set; } = Defaults.HiddenNeurons;

    /// <summary>
    /// ε of the Erdős–Rényi initialisation of both layers, p = ε(n_in + n_out)/(n_in·n_out) (Mocanu et al. 2018, eq. 1); Range: ε &gt; 0, and large enough
    /// that each layer gets at least one connection. Default 13. Each layer holds about ε·(features + hidden) connections while p &lt; 1.
    /// </summary>
    public double Epsilon { get; set; } = Defaults.Epsilon;

    /// <summary>ζ, the fraction of positive and of negative weights SET replaces in each layer after every epoch but the last; Range: [0, 1). Default 0.2.</summary>
    public double Zeta { get; set; } = Defaults.Zeta;

    /// <summary>
    /// Standard deviation σ of the additive Gaussian corruption x̃ = x + σ·N(0, 1) of the (scaled) inputs, redrawn for every mini-batch;
    /// Range: finite, ≥ 0 (0 trains a plain, not denoising, autoencoder). Default 0.2.
    /// </summary>
    public float NoiseFactor { get; set; } = Defaults.NoiseFactor;

    /// <summary>η, the SGD learning rate; Range: η &gt; 0. Default 0.01.</summary>
    public float LearningRate { get; set; } = Defaults.LearningRate;

    /// <summary>μ, classical momentum; Range: [0, 1). Default 0.9.</summary>
    public float Momentum { get; set; } = Defaults.Momentum;

    /// <summary>
    /// λ, the weight decay: every step shrinks each weight by the factor (1 − λ), decoupled from the learning rate as in the reference implementation
    /// (biases are not decayed); Range: [0, 1). Default 10⁻⁵.
    /// </summary>
    public float WeightDecay { get; set; } = Defaults.WeightDecay;

    /// <summary>Dropout rate of the hidden layer during training (inverted dropout); Range: [0, 1). Default 0.2.</summary>
    public float Dropout { get; set; } = Defaults.Dropout;

    /// <summary>Mini-batch size; Range: ≥ 1 (capped at the number of samples, and shrunk by <see cref="MinimumBatchesPerEpoch"/> on small data). Default 100.</summary>
    public int BatchSize { get; set; } = Defaults.BatchSize;

    /// <summary>
    /// Minimum number of mini-batches (SGD steps) per epoch, so the training budget does not shrink with the number of samples n: the batch actually used is
    /// min(<see cref="BatchSize"/>, ⌈n / <see cref="MinimumBatchesPerEpoch"/>⌉). Range: ≥ 0; 0 turns the rule off (batch = <see cref="BatchSize"/> always). Default 4:
    /// on ALL leukemia (102 training rows per fold) the paper's batch 100 gives 2 steps per epoch and strengths that stay near the random initial topology;
    /// of 0 (off), 4 and 16 minimum batches, 4 raised the 5-fold downstream accuracy from 0.890 to 0.962, kept tissue (0.989) and Golub within its fold
    /// noise (0.918 ± 0.113 → 0.871 ± 0.112), while 16 (batches of 2–8) was slower and worse on all three (docs/quickselection-results.md, "Training budget").
    /// Data with n ≥ 4 × <see cref="BatchSize"/> (400 with the defaults; Madelon, MNIST) trains exactly as before.
    /// </summary>
    public int MinimumBatchesPerEpoch { get; set; } = Defaults.MinimumBatchesPerEpoch;

    /// <summary>
    /// R, the number of autoencoders of the ensemble (stability selection, Meinshausen and Bühlmann, J. R. Stat. Soc. B 72, 2010): R runs with seeds derived from
    /// <see cref="Seed"/>, trained in parallel across cores; each run's strengths are standardised (z-scores over the features) and the feature score is their mean
    /// over the runs; <see cref="QuickSelectionResult.Frequencies"/> gives the fraction of runs that put each feature in their own top k.
    /// Range: null or ≥ 1; 1 is one autoencoder, the paper's algorithm; the cost grows linearly with R, each run of an ensemble training <see cref="EnsembleEpochs"/> epochs.
    /// <para>
    /// Default null, <b>automatic</b> (<see cref="RunsFor"/>): an ensemble of <see cref="Defaults.AutomaticRuns"/> = 10 where it is cheap, on data of at most
    /// <see cref="Defaults.AutomaticEnsembleValues"/> = 4,000,000 values (n × d: gene-expression data, Madelon), and one autoencoder on larger data. The rule reads
    /// only the data's shape, never the machine, so equal data and options give equal scores everywhere. Why: on small data a single autoencoder's genes depend on
    /// its seed (top 50 of seeds 1–5 at mean pairwise Jaccard 0.30 on Golub, 38 × 3,051), the ensemble's far less (0.83 on Golub, 0.60 on ALL, 128 × 12,625), at
    /// equal or better downstream accuracy (5 × 5-fold CV: Golub 0.937 / 0.937, Madelon 0.882 / 0.889, tissue 1.000 / 0.998); the whole <c>select</c> of the
    /// ensemble on ALL takes 12 s on 2 cores (docs/quickselection-results.md, "Stability over seeds").
    /// </para>
    /// </summary>
    public int? Runs { get; set; }

    /// <summary>The number of autoencoders a fit on <paramref name="samples"/> × <paramref name="features"/> values trains: <see cref="Runs"/> when set, otherwise
    /// <see cref="Defaults.AutomaticRuns"/> when n × d ≤ <see cref="Defaults.AutomaticEnsembleValues"/> and 1 above.</summary>
    /// <param name="samples">n, the training rows; ≥ 1.</param>
    /// <param name="features">d, the feature columns given to the fit (constant ones included); ≥ 1.</param>
    /// <returns>R ≥ 1.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="samples"/> or <paramref name="features"/> below 1.</exception>
    public int RunsFor(int samples, int features)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(samples, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(features, 1);
        return Runs ?? ((long)samples * features <= Defaults.AutomaticEnsembleValues ? Defaults.AutomaticRuns : 1);
    }

    /// <summary>
    /// Training epochs of a single autoencoder (R = 1; an ensemble uses <see cref="EnsembleEpochs"/>); Range: ≥ 1. Default 100.
    /// SET evolves the topology after every epoch but the last, so features are ranked on trained weights.
    /// </summary>
    public int Epochs { get; set; } = Defaults.Epochs;

    /// <summary>
    /// Training epochs of each autoencoder of an ensemble (R ≥ 2); Range: ≥ 1. Default 50, half of <see cref="Epochs"/>: the ensemble's
    /// averaging over R runs, not each run's length, is what makes its selection stable, and half the epochs halve its cost. Measured on ALL leukemia
    /// (128 × 12,625, k = 50, R = 10, seeds 1–2, docs/quickselection-results.md "Ensemble budget"): 50 epochs per run gave a top 50 with mean pairwise
    /// Jaccard 0.67 across seeds and median |r| with the class 0.75, in 29–31 CPU-seconds per ensemble; 100 epochs gave 0.70 and 0.75 in 56–60 CPU-seconds (both under a load average of about 20, so the CPU-seconds, not the wall time, are the figure to compare).
    /// </summary>
    public int EnsembleEpochs { get; set; } = Defaults.EnsembleEpochs;

    /// <summary>
    /// Activation of the reconstruction (output) layer: <see cref="ActivationKind.Identity"/> (linear, the default) or <see cref="ActivationKind.Tanh"/>
    /// (the paper's choice for Madelon). The hidden layer is always sigmoid.
    /// </summary>
    public ActivationKind OutputActivation { get; set; } = ActivationKind.Identity;

    /// <summary>
    /// Whether SET evolves the decoder (hidden → output) too. Default false: only the encoder, whose input strengths score the features, evolves, and the
    /// decoder keeps its Erdős–Rényi topology (its weights still train). The reference implementation evolves both; on Madelon (100 epochs, seeds 1–6)
    /// the static decoder put 18–20 of the 20 informative features in the top 20, against 12–14 with an evolving decoder (docs/quickselection-results.md).
    /// </summary>
    public bool EvolveDecoder { get; set; }

    /// <summary>
    /// Scale s of the weights of connections SET regrows, relative to an initial weight at the same degrees; Range: [0, 1]. Default 0 (the engine's SET default,
    /// <see cref="Topology.TopologyEvolution.DefaultNewWeightScale"/>): new connections start at zero and grow only if their gradient makes them useful, so a
    /// feature's strength is not inflated by random new weights. The reference implementation draws them from N(0, 0.1²), about s = 0.5 here.
    /// </summary>
    public double RegrowthWeightScale { get; set; } = Defaults.RegrowthWeightScale;

    /// <summary>
    /// How features are scaled before training: <see cref="ScalingKind.Auto"/> (the default), <see cref="ScalingKind.Standardize"/> (zero mean, unit variance
    /// per feature, the paper's choice), <see cref="ScalingKind.Center"/> (zero mean, one pooled scale for all features), <see cref="ScalingKind.MinMax"/>,
    /// or <see cref="ScalingKind.None"/> for data already scaled. Scores and the transform always refer to the original columns.
    /// Auto standardises when there are at least as many samples as features (Madelon, MNIST: unchanged from the paper) and centres when there are fewer
    /// (gene expression, n ≪ d). Chosen by measurement (docs/quickselection-results.md, "Scaling on small data"): with per-feature standardisation a single
    /// autoencoder's top 50 on Golub / ALL agreed across seeds at chance level (mean pairwise Jaccard 0.02 / 0.006) and the 10-run ensemble's genes were
    /// no more correlated with the class than random ones (median |r| 0.15 on Golub, against 0.43 for the 50 most variable genes): standardising 3,000–12,000
    /// genes from 30–130 samples gives every noise gene the variance of the informative ones. Centring keeps the genes' relative spreads and made one
    /// autoencoder 0.30 (Golub) / 0.18 (ALL) stable and the ensemble of 10 0.90 on Golub, with median |r| 0.43 (Golub) and 0.65 (ALL, variance: 0.55).
    /// </summary>
    public ScalingKind Scaling { get; set; } = Defaults.Scaling;

    /// <summary>
    /// What to do with a constant feature column (one value in every row). False (default): fitting fails and names the columns.
    /// True: constant features are left out of the autoencoder and get score 0, like an input neuron without connections, so they rank after every connected
    /// feature (for example the always-zero border pixels of MNIST).
    /// </summary>
    public bool DropConstantFeatures { get; set; }

    /// <summary>Seed of the topology, weights, shuffling, input noise, dropout masks and evolution: equal seeds and data give equal scores.</summary>
    public int Seed { get; set; } = Defaults.Seed;

    /// <summary>The optimisation settings of these options, as the training loop takes them.</summary>
    internal TrainingSettings Settings() => new(LearningRate, Momentum, WeightDecay, Dropout, BatchSize, Epochs, Seed);

    /// <summary>A copy of these options with another seed.</summary>
    internal QuickSelectionOptions WithSeed(int seed)
    {
        var copy = (QuickSelectionOptions)MemberwiseClone();
        copy.Seed = seed;
        return copy;
    }

    /// <summary>
    /// The settings of one of <paramref name="runs"/> runs on <paramref name="samples"/> rows: the batch after <see cref="MinimumBatchesPerEpoch"/>, <see cref="Epochs"/>
    /// or (in an ensemble, R ≥ 2) <see cref="EnsembleEpochs"/>, and the run's seed.
    /// </summary>
    internal TrainingSettings Settings(int samples, int runs, int seed) =>
        new(LearningRate, Momentum, WeightDecay, Dropout, EffectiveBatchSize(samples), runs > 1 ? EnsembleEpochs : Epochs, seed);

    /// <summary>The mini-batch size used on <paramref name="samples"/> rows: min(<see cref="BatchSize"/>, ⌈n / <see cref="MinimumBatchesPerEpoch"/>⌉), at least 1.</summary>
    /// <param name="samples">n, the number of training rows; ≥ 1.</param>
    /// <returns>The batch size, in [1, <see cref="BatchSize"/>].</returns>
    public int EffectiveBatchSize(int samples)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(samples, 1);
        if (MinimumBatchesPerEpoch == 0)
        {
            return BatchSize;
        }

        int byBudget = (int)(((long)samples + MinimumBatchesPerEpoch - 1) / MinimumBatchesPerEpoch);
        return Math.Max(1, Math.Min(BatchSize, byBudget));
    }

    /// <summary>Checks every value and throws naming the first one out of range.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A hyperparameter outside its documented range; the parameter name is the property's.</exception>
    public void Validate()
    {
        if (HiddenNeurons < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(HiddenNeurons), HiddenNeurons, "The autoencoder needs at least 1 hidden neuron, for example 1000.");
        }

        if (!(Epsilon > 0) || double.IsInfinity(Epsilon))
        {
            throw new ArgumentOutOfRangeException(nameof(Epsilon), Epsilon, "Epsilon (ε) must be a positive finite number, for example 13.");
        }

        if (!(Zeta >= 0 && Zeta < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(Zeta), Zeta, "Zeta (ζ) must lie in [0, 1), for example 0.2.");
        }

        if (!(NoiseFactor >= 0) || !float.IsFinite(NoiseFactor))
        {
            throw new ArgumentOutOfRangeException(nameof(NoiseFactor), NoiseFactor, "The noise factor must be a finite number ≥ 0, for example 0.2.");
        }

        Settings().Validate();

        if (MinimumBatchesPerEpoch < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(MinimumBatchesPerEpoch), MinimumBatchesPerEpoch, "The minimum number of mini-batches per epoch must be ≥ 0 (0 turns the rule off), for example 4.");
        }

        if (Runs is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(Runs), Runs, "The ensemble needs at least 1 run (R ≥ 1); use 1 for a single autoencoder, for example 10 for a stable selection, or null for the automatic choice.");
        }

        if (EnsembleEpochs < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(EnsembleEpochs), EnsembleEpochs, "Each run of the ensemble needs at least 1 epoch, for example 50.");
        }

        if (OutputActivation is not (ActivationKind.Identity or ActivationKind.Tanh))
        {
            throw new ArgumentOutOfRangeException(nameof(OutputActivation), OutputActivation, "The output activation must be Identity (linear) or Tanh.");
        }

        if (!(RegrowthWeightScale >= 0 && RegrowthWeightScale <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(RegrowthWeightScale), RegrowthWeightScale, "The scale of regrown weights must lie in [0, 1]: 0 starts them at zero, 1 draws them like initial weights.");
        }

        if (!Enum.IsDefined(Scaling))
        {
            throw new ArgumentOutOfRangeException(nameof(Scaling), Scaling, "Unknown scaling kind; use Auto, Standardize, Center, MinMax or None.");
        }
    }
}
