using System.Globalization;

namespace SparseMlNet.Cli.Options;

/// <summary>
/// The one table of engine hyperparameters on the command line: each row names an engine options property (of
/// <c>MlpTrainerOptions</c> or <c>QuickSelectionOptions</c>) and its option name, value name and description. Every command that exposes
/// a hyperparameter registers it from here (<see cref="HyperparameterOptions{TOptions}"/>), so a property has one option name and one
/// meaning in <c>train</c> and <c>select</c>, its default comes from the engine options object, and range errors name the option.
/// </summary>
internal static class HyperparameterTable
{
    /// <summary>One row: the engine property, the command-line option, its value name and its description (the default is appended).</summary>
    internal sealed record Row(string Property, string Option, string HelpName, string Description);

    /// <summary>Every row; a property missing here is not exposed on the command line.</summary>
    public static IReadOnlyList<Row> Rows { get; } =
    [
        new("Kind", "--kind", "set|fixprob|dense", "SET (sparse, evolving topology), FixProb (sparse, static) or dense."),
        new("HiddenLayerSizes", "--hidden-sizes", "SIZES", "Hidden layer sizes of the classifier, comma-separated, input side first; 'none' for no hidden layer."),
        new("HiddenNeurons", "--hidden-neurons", "N", "Hidden neurons of the autoencoder's single hidden layer; ≥ 1."),
        new("Epsilon", "--epsilon", "ε", "ε of the Erdős–Rényi initialisation, p = ε(n_in + n_out)/(n_in·n_out); > 0. Ignored by dense."),
        new("Zeta", "--zeta", "ζ", "ζ, fraction of the positive and of the negative weights SET prunes and regrows after each epoch; in [0, 1)."),
        new("NoiseFactor", "--noise", "σ", "Standard deviation of the Gaussian input corruption, in scaled units; ≥ 0."),
        new("LearningRate", "--learning-rate", "η", "SGD learning rate; > 0."),
        new("FullRateFanIn", "--full-rate-fan-in", "F", "Per-layer learning rate: a layer whose mean fan-in f exceeds F trains its weights at η·F/f (very wide layers diverge otherwise); ≥ 0, 0: every layer at η."),
        new("Momentum", "--momentum", "μ", "Classical momentum; in [0, 1)."),
        new("WeightDecay", "--weight-decay", "λ", "Weight decay: each update shrinks every weight (not bias) by the factor (1 − λ); in [0, 1)."),
        new("Dropout", "--dropout", "RATE", "Dropout rate of the hidden layers during training; in [0, 1)."),
        new("BatchSize", "--batch-size", "N", "Largest mini-batch size; ≥ 1 (small data sets use smaller batches, see --min-batches)."),
        new("MinimumBatchesPerEpoch", "--min-batches", "N", "Minimum mini-batches (SGD steps) per epoch: the batch shrinks to ⌈n / N⌉ on small data; ≥ 0 (0 or 1: off)."),
        new("Epochs", "--epochs", "N", "Training epochs; ≥ 1."),
        new("MinimumStepsPerEpoch", "--min-steps", "N", "NeuroFS: minimum SGD steps per epoch (small data makes several passes per epoch); ≥ 1."),
        new("EnsembleEpochs", "--ensemble-epochs", "EPOCHS", "QuickSelection: epochs of each autoencoder of an ensemble (--runs ≥ 2; --epochs is a single run's); ≥ 1."),
        new("Runs", "--runs", "R", "Fits of the ensemble, QuickSelection autoencoders or NeuroFS networks (stability selection: derived seeds, z-scored scores averaged, selection frequency per feature), trained in parallel; ≥ 1."),
        new("HiddenLayers", "--hidden-layers", "N", "NeuroFS: hidden layers of the supervised network, each of --hidden-neurons; ≥ 1."),
        new("InputZeta", "--input-zeta", "ζ", "NeuroFS: fraction of the input layer's weights pruned by magnitude and regrown by gradient after each epoch; in [0, 1)."),
        new("HiddenZeta", "--hidden-zeta", "ζ", "NeuroFS: ζ of SET on the hidden layers; in [0, 1)."),
        new("RemovalFraction", "--removal-fraction", "F", "NeuroFS: fraction of the training over which input neurons are removed down to k; in (0, 1]."),
        new("NeuronRegrowthFraction", "--neuron-regrowth", "F", "NeuroFS: fraction of the removed input neurons swapped for inactive ones with the largest gradient, decaying; in [0, 1)."),
        new("ExtraActiveFraction", "--extra-active", "F", "NeuroFS: fraction of d kept active beyond k when removal ends, the k strongest of them selected (the reference: the input zeta); in [0, 1)."),
        new("GradientSamples", "--gradient-samples", "N", "NeuroFS: samples over which the regrowth gradients are computed; ≥ 1."),
        new("Activation", "--activation", "relu|allrelu|sigmoid|tanh", "Hidden activation; allrelu is the alternated left ReLU of Curci et al. (2021)."),
        new("AllReluAlpha", "--allrelu-alpha", "α", "α of All-ReLU; finite."),
        new("OutputActivation", "--output-activation", "identity|tanh", "Reconstruction activation of the autoencoder."),
        new("EvolveOutputLayer", "--evolve-output", "", "SET: evolve the output layer too (by default only hidden layers evolve, as in the reference implementation)."),
        new("Growth", "--growth", "random|gradient", "Where SET grows new connections: random (SET) or gradient (RigL: largest |∂L/∂W| at empty positions, computed in chunks, zero-start)."),
        new("NeuronPruneThreshold", "--prune-neurons", "τ", "SET: after each evolution remove hidden neurons whose strength is below τ × their layer's mean (Curci et al. 2021), shrinking the layers; in (0, 1)."),
        new("EvolveEvery", "--evolve-every", "N", "SET: evolve the topology after every N-th epoch (never after the last); ≥ 1."),
        new("EvolveEveryBatches", "--evolve-every-batches", "ΔT", "SET: evolve the topology after every ΔT-th mini-batch of the run instead of per epoch (RigL's ΔT; gradient growth then uses that mini-batch's gradient); ≥ 1. Not with --evolve-every."),
        new("EvolutionStopEpoch", "--evolution-stop", "EPOCH", "SET: no topology evolution after this epoch (RigL's T_end); ≥ 1."),
        new("ZetaSchedule", "--zeta-schedule", "constant|cosine", "How ζ changes over the run: constant (SET) or cosine decay to 0 at --evolution-stop or the last epoch (RigL)."),
        new("EvolveDecoder", "--evolve-decoder", "", "Let SET evolve the decoder too, as the reference implementation does (default: encoder only)."),
        new("RegrowthWeightScale", "--regrowth-scale", "S", "Regrown connections start at S × the initialisation range; in [0, 1] (0: zero-start, as RigL)."),
        new("Scaling", "--scaling", "standardize|minmax|center|auto|none", "Feature scaling before training."),
        new("DropConstantFeatures", "--drop-constant", "", "Leave constant columns out (score 0) instead of stopping with an error."),
        new("ValidationFraction", "--validation-fraction", "FRACTION", "Fraction of the training rows held out (stratified) as the validation set early stopping watches; in (0, 1)."),
        new("EarlyStoppingPatience", "--patience", "EPOCHS", "Early stopping: stop after this many epochs without a lower validation loss and keep the best epoch's network; ≥ 1. Needs --validation-fraction."),
        new("Seed", "--seed", "N", "Seed of the topology, weights, shuffling, dropout and evolution; equal seeds give equal runs."),
    ];

    /// <summary>The row of <paramref name="property"/>, or null.</summary>
    public static Row? For(string? property) => Rows.FirstOrDefault(r => r.Property == property);

    /// <summary>A default value as the help text shows it.</summary>
    public static string Show(object? value) => value switch
    {
        null => "none",
        IEnumerable<int> sizes => sizes.Any() ? string.Join(",", sizes) : "none",
        Enum e => e.ToString().ToLowerInvariant(),
        bool b => b ? "on" : "off",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
