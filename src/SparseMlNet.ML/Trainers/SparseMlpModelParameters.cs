using SparseMlNet.IO;
using SparseMlNet.ML.Schema;
using SparseMlNet.Networks;
using SparseMlNet.Training;

namespace SparseMlNet.ML.Trainers;

/// <summary>
/// The trained model inside a <see cref="SparseMlpPredictionTransformer"/>: the engine's <see cref="MultilayerPerceptron"/>
/// (input [n, <see cref="FeatureCount"/>] → softmax probabilities [n, <see cref="ClassCount"/>]) and the training label's values.
/// </summary>
public sealed class SparseMlpModelParameters
{
    internal SparseMlpModelParameters(MultilayerPerceptron network, LabelValues? labelValues, IReadOnlyList<EpochMetrics> trainingHistory, TrainingOutcome? outcome = null, TrainingPolicy? policy = null)
    {
        Outcome = outcome;
        Policy = policy;
        ArgumentNullException.ThrowIfNull(network);
        if (labelValues is not null && labelValues.Count != network.OutputCount)
        {
            throw new ArgumentException($"There are {labelValues.Count} label values for {network.OutputCount} network outputs.", nameof(labelValues));
        }

        Network = network;
        LabelValues = labelValues;
        TrainingHistory = trainingHistory;
    }

    /// <summary>The trained network (SET, FixProb or dense); use it with the engine's analysis and serialisation APIs.</summary>
    public MultilayerPerceptron Network { get; }

    /// <summary>Length of the feature vector the model takes.</summary>
    public int FeatureCount => Network.InputCount;

    /// <summary>Number of classes K (the length of Score and the key count of PredictedLabel).</summary>
    public int ClassCount => Network.OutputCount;

    /// <summary>The training label's value of each class as text, in key order, or null when the label was a key without values.</summary>
    public IReadOnlyList<string>? ClassNames => LabelValues?.AsText();

    /// <summary>Metrics of every training epoch, in order; kept by <c>SaveSparseMlNet</c>/<c>LoadSparseMlNet</c> (empty for files written before format version 2).</summary>
    public IReadOnlyList<EpochMetrics> TrainingHistory { get; }

    /// <summary>How training ended (epochs run, the epoch whose network this is, whether early stopping ended it), or null for a model loaded without it.</summary>
    public TrainingOutcome? Outcome { get; }

    /// <summary>
    /// The dynamic-sparse-training policy and schedule the network was trained with (growth, ζ and its schedule, ΔT, stop epoch, neuron-pruning
    /// threshold and the neurons it removed per hidden layer): the same record the CLI saves in its model files (<see cref="ModelBundle.Policy"/>).
    /// Null for FixProb and dense networks, and for models loaded from files written before SparseMlp part format version 4. Informational: prediction does not use it.
    /// </summary>
    public TrainingPolicy? Policy { get; }

    /// <summary>The 1-based epoch whose weights this model holds: the best validation epoch under early stopping, else the last; 0 when unknown.</summary>
    public int BestEpoch => Outcome?.BestEpoch ?? TrainingHistory.Count;

    internal LabelValues? LabelValues { get; }
}
