using SparseMlNet.Data;

namespace SparseMlNet.FeatureSelection;

/// <summary>
/// Hyperparameters of <see cref="NeuroFS"/> (Atashgahi, Zhang, Kundu, Pechenizkiy, Veldhuis and Mocanu, "Supervised Feature Selection with Neuron Evolution
/// in Sparse Neural Networks", TMLR 2023). Defaults follow the authors' reference implementation (github.com/zahraatashgahi/NeuroFS, <c>code/utils.py</c>):
/// three tanh hidden layers of 1000 neurons, ε = 13, ζ_in = 0.4, ζ_hid = 0.2, input neurons removed during the first 65% of the epochs, learning rate 0.01,
/// momentum 0.9, weight decay 10⁻⁵, 100 epochs; except two small-sample defaults: the mini-batch size is chosen from the number of samples (<see cref="BatchSize"/>)
/// and an epoch takes at least 20 SGD steps (<see cref="MinimumStepsPerEpoch"/>); and the features are centred with one pooled scale instead of standardised
/// (<see cref="Scaling"/>). Measurements: docs/neurofs.md.
/// </summary>
public sealed class NeuroFSOptions
{
    /// <summary>The defaults, shared by the CLI and the ML.NET options.</summary>
    public static class Defaults
    {
        /// <summary>Neurons per hidden layer.</summary>
        public const int HiddenNeurons = 1000;

        /// <summary>Hidden layers.</summary>
        public const int HiddenLayers = 3;

        /// <summary>ε.</summary>
        public const double Epsilon = 13;

        /// <summary>ζ_in.</summary>
        public const double InputZeta = 0.4;

        /// <summary>ζ_hid.</summary>
        public const double HiddenZeta = 0.2;

        /// <summary>Fraction of the evolution steps over which input neurons are removed.</summary>
        public const double RemovalFraction = 0.65;

        /// <summary>Fraction of the active input neurons exchanged per step (before decay).</summary>
        public const double NeuronRegrowthFraction = 0.2;

        /// <summary>Fraction of d kept active beyond k when removal ends.</summary>
        public const double ExtraActiveFraction = 0;

        /// <summary>η.</summary>
        public const float LearningRate = 0.01f;

        /// <summary>μ.</summary>
        public const float Momentum = 0.9f;

        /// <summary>λ.</summary>
        public const float WeightDecay = 1e-5f;

        /// <summary>Dropout rate of the hidden layers.</summary>
        public const float Dropout = 0f;

        /// <summary>Largest automatic mini-batch.</summary>
        public const int MaximumAutomaticBatchSize = 100;

        /// <summary>Fewest mini-batches per epoch the automatic batch size gives.</summary>
        public const int MinimumBatchesPerEpoch = 4;

        /// <summary>Epochs.</summary>
        public const int Epochs = 100;

        /// <summary>Fewest SGD steps per epoch.</summary>
        public const int MinimumStepsPerEpoch = 20;

        /// <summary>Samples in the gradient pass that scores regrowth candidates.</summary>
        public const int GradientSamples = 256;

        /// <summary>Feature scaling: centred, with one pooled scale (measured in docs/neurofs.md, "Scaling").</summary>
        public const ScalingKind Scaling = ScalingKind.Center;

        /// <summary>Fits of the ensemble (1: a single network, the paper's algorithm).</summary>
        public const int Runs = 1;

        /// <summary>Seed.</summary>
        public const int Seed = 42;
    }

    /// <summary>Neurons in each hidden layer; Range: ≥ 1. Default 1000.</summary>
    public int HiddenNeurons { get; set; } = Defaults.HiddenNeurons;

    /// <summary>Number of hidden layers (tanh) between the input and the softmax output; Range: [1, 8]. Default 3, as in the paper.</summary>
    public int HiddenLayers { get; set; } = Defaults.HiddenLayers;

    /// <summary>
    /// ε of the Erdős–Rényi initialisation of every layer, p = ε(n_in + n_out)/(n_in·n_out) (Mocanu et al. 2018, eq. 1); Range: ε &gt; 0. Default 13.
    /// The input layer keeps its initial number of connections, about ε·(d + hidden), for the whole run (capped at active inputs × hidden once few inputs remain).
    /// </summary>
    public double Epsilon { get; set; } = Defaults.Epsilon;

    /// <summary>ζ_in, the fraction of the input layer's positive and of its negative weights pruned by magnitude after every epoch but the last; Range: [0, 1). Default 0.4.</summary>
    public double InputZeta { get; set; } = Defaults.InputZeta;

    /// <summary>ζ_hid, the fraction of each hidden-to-hidden layer's weights SET replaces after every epoch but the last; Range: [0, 1). Default 0.2.</summary>
    public double HiddenZeta { get; set; } = Defaults.HiddenZeta;

    /// <summary>
    /// Fraction of the evolution steps (there are Epochs − 1) over which the active input neurons fall linearly from d to k; Range: (0, 1]. Default 0.65 (the
    /// reference's <c>frac_epoch_remove</c>). After that the network trains with exactly k active inputs.
    /// </summary>
    public double RemovalFraction { get; set; } = Defaults.RemovalFraction;

    /// <summary>
    /// φ, neuron regrowth: at evolution step t of T, ⌊φ·min(removed so far, active)·(1 − t/T)⌋ of the weakest active input neurons are exchanged for the
    /// inactive ones with the largest loss gradient (on top of the scheduled removals); Range: [0, 1). Default 0.2. 0 disables it.
    /// A neuron added back is protected from removal at the next step, so its zero-start connections can grow.
    /// </summary>
    public double NeuronRegrowthFraction { get; set; } = Defaults.NeuronRegrowthFraction;

    /// <summary>
    /// Fraction e of the d input neurons kept active beyond k when removal ends: the schedule falls to k + ⌊e·d⌋ active inputs (at most d − 1) and the k
    /// selected are the k strongest of them. Range: [0, 1). Default 0: removal ends at exactly k and the k still active are selected. The reference ends at
    /// e = ζ_in (<c>dim_to_remove = (1 − ζ_in)·d − K</c> in its <c>utils.py</c>).
    /// </summary>
    public double ExtraActiveFraction { get; set; } = Defaults.ExtraActiveFraction;

    /// <summary>η, the SGD learning rate; Range: η &gt; 0. Default 0.01.</summary>
    public float LearningRate { get; set; } = Defaults.LearningRate;

    /// <summary>μ, classical momentum; Range: [0, 1). Default 0.9.</summary>
    public float Momentum { get; set; } = Defaults.Momentum;

    /// <summary>λ, decoupled weight decay (each step shrinks every weight by 1 − λ; biases not decayed); Range: [0, 1). Default 10⁻⁵.</summary>
    public float WeightDecay { get; set; } = Defaults.WeightDecay;

    /// <summary>Dropout rate of the hidden layers during training (inverted); Range: [0, 1). Default 0, as in the reference.</summary>
    public float Dropout { get; set; } = Defaults.Dropout;

    /// <summary>
    /// Mini-batch size; Range: ≥ 1 (capped at n), or null (default) for automatic: the epoch is cut into b = max(4, ⌈n/100⌉) equal batches of ⌈n/b⌉ samples.
    /// So large data keeps the reference's batch of 100, and small data still takes at least 4 SGD steps per epoch (400 in 100 epochs): with n = 102 a batch of
    /// 100 gives 2 steps per epoch, one of them on 2 samples. Measured on Golub (5-fold CV): 0.893 downstream accuracy against 0.868 with batch 100 (docs/neurofs.md).
    /// </summary>
    public int? BatchSize { get; set; }

    /// <summary>Training epochs; Range: ≥ 2 (the input layer must evolve at least once to reach k inputs). Default 100. Evolution follows every epoch but the last.</summary>
    public int Epochs { get; set; } = Defaults.Epochs;

    /// <summary>
    /// The fewest SGD steps between two evolution steps; Range: ≥ 1. Default 20. An epoch makes ⌈this / batches per pass⌉ passes over the (reshuffled) data,
    /// so on small data the zero-start connections regrown by gradient train long enough to survive the next magnitude pruning; from 20 mini-batches per pass
    /// (n ≥ 2,000 at batch 100) an epoch is one pass, as in the reference. Measured on constructed data (4 informative among 60 features, 120 samples, 6 seeds):
    /// 24 of the 24 informative features found with 20 steps per epoch, 23 with one pass (4 steps).
    /// </summary>
    public int MinimumStepsPerEpoch { get; set; } = Defaults.MinimumStepsPerEpoch;

    /// <summary>
    /// Samples in the gradient pass that scores regrowth candidates after each epoch (all of them when n is smaller; otherwise a fresh seeded sample per step);
    /// Range: ≥ 1. Default 256.
    /// </summary>
    public int GradientSamples { get; set; } = Defaults.GradientSamples;

    /// <summary>
    /// Feature scaling before training; Center by default (each feature minus its mean, all divided by one pooled standard deviation), which keeps the
    /// features' relative spreads. The reference standardises (Madelon) or min-max scales (microarrays); centring was measured better on all four benchmark
    /// sets, most on Madelon (0.622 → 0.868 downstream accuracy, 5-fold CV), whose informative features are the high-variance ones (docs/neurofs.md, "Scaling").
    /// Use Standardize when the features are in unrelated units. Scores and the transform always refer to the original columns.
    /// </summary>
    public ScalingKind Scaling { get; set; } = Defaults.Scaling;

    /// <summary>
    /// R, the number of NeuroFS networks of the ensemble (stability selection, the same as <see cref="QuickSelectionOptions.Runs"/>): R fits with seeds derived
    /// from <see cref="Seed"/>, in parallel across cores; each fit's scores are z-scored over the features and averaged, and
    /// <see cref="NeuroFSResult.Frequencies"/> gives the fraction of fits whose own k selected features hold each feature. Range: [1, 1000]. Default 1 (one
    /// network, the paper's algorithm; the cost grows linearly with R). Measured on all rows, top 50 over seeds 1–5 (docs/neurofs.md, "Ensemble"): mean
    /// pairwise Jaccard 0.65 → 0.84 on Golub and 0.45 → 0.73 on ALL with R = 5.
    /// </summary>
    public int Runs { get; set; } = Defaults.Runs;

    /// <summary>Seed of the topology, weights, shuffling, dropout masks, gradient samples and evolution: equal seeds and data give equal scores.</summary>
    public int Seed { get; set; } = Defaults.Seed;

    /// <summary>A copy of these options with another seed.</summary>
    internal NeuroFSOptions WithSeed(int seed)
    {
        var copy = (NeuroFSOptions)MemberwiseClone();
        copy.Seed = seed;
        return copy;
    }

    /// <summary>The mini-batch size for <paramref name="samples"/> training samples (see <see cref="BatchSize"/>).</summary>
    /// <param name="samples">n; Range: ≥ 1.</param>
    /// <returns>The batch size, in [1, n].</returns>
    public int BatchSizeFor(int samples)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(samples, 1);
        if (BatchSize is int fixedSize)
        {
            return Math.Min(fixedSize, samples);
        }

        int batches = Math.Max(Defaults.MinimumBatchesPerEpoch, (samples + Defaults.MaximumAutomaticBatchSize - 1) / Defaults.MaximumAutomaticBatchSize);
        batches = Math.Min(batches, samples);
        return (samples + batches - 1) / batches;
    }

    /// <summary>Checks every value and throws naming the first one out of range.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A hyperparameter outside its documented range; the parameter name is the property's.</exception>
    public void Validate()
    {
        if (HiddenNeurons < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(HiddenNeurons), HiddenNeurons, "Each hidden layer needs at least 1 neuron, for example 1000.");
        }

        if (HiddenLayers is < 1 or > 8)
        {
            throw new ArgumentOutOfRangeException(nameof(HiddenLayers), HiddenLayers, "The number of hidden layers must lie in [1, 8], for example 3.");
        }

        if (!(Epsilon > 0) || double.IsInfinity(Epsilon))
        {
            throw new ArgumentOutOfRangeException(nameof(Epsilon), Epsilon, "Epsilon (ε) must be a positive finite number, for example 13.");
        }

        if (!(InputZeta >= 0 && InputZeta < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(InputZeta), InputZeta, "The input layer's zeta (ζ_in) must lie in [0, 1), for example 0.4.");
        }

        if (!(HiddenZeta >= 0 && HiddenZeta < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(HiddenZeta), HiddenZeta, "The hidden layers' zeta (ζ_hid) must lie in [0, 1), for example 0.2.");
        }

        if (!(RemovalFraction > 0 && RemovalFraction <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(RemovalFraction), RemovalFraction, "The removal fraction must lie in (0, 1], for example 0.65.");
        }

        if (!(NeuronRegrowthFraction >= 0 && NeuronRegrowthFraction < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(NeuronRegrowthFraction), NeuronRegrowthFraction, "The neuron regrowth fraction must lie in [0, 1), for example 0.2; 0 disables it.");
        }

        if (!(ExtraActiveFraction >= 0 && ExtraActiveFraction < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(ExtraActiveFraction), ExtraActiveFraction, "The extra active fraction must lie in [0, 1), for example 0.4; 0 ends removal at exactly k.");
        }

        if (BatchSize is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(BatchSize), BatchSize, "The batch size must be at least 1, or null to choose it from the number of samples.");
        }

        if (Epochs < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(Epochs), Epochs, "NeuroFS needs at least 2 epochs: input neurons are removed between epochs, for example 100.");
        }

        if (MinimumStepsPerEpoch < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MinimumStepsPerEpoch), MinimumStepsPerEpoch, "An epoch needs at least 1 SGD step, for example 20.");
        }

        if (GradientSamples < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(GradientSamples), GradientSamples, "The gradient pass needs at least 1 sample, for example 256.");
        }

        if (Runs is < 1 or > 1000)
        {
            throw new ArgumentOutOfRangeException(nameof(Runs), Runs, "The ensemble needs between 1 and 1000 fits (R); use 1 for a single network or, for example, 5 for a more stable selection.");
        }

        if (!Enum.IsDefined(Scaling))
        {
            throw new ArgumentOutOfRangeException(nameof(Scaling), Scaling, "Unknown scaling kind; use Standardize, MinMax or None.");
        }

        Settings(BatchSize ?? 1).Validate();
    }

    /// <summary>The optimisation settings, with the batch size already resolved.</summary>
    internal Training.TrainingSettings Settings(int batchSize) => new(LearningRate, Momentum, WeightDecay, Dropout, batchSize, Epochs, Seed);
}
