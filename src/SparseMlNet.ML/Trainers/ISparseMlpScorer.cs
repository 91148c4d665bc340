using Microsoft.ML;

namespace SparseMlNet.ML.Trainers;

/// <summary>What the multiclass and binary SparseMlp transformers share, for persistence: the model, its columns and its output layout.</summary>
internal interface ISparseMlpScorer : ITransformer
{
    /// <summary>The trained network and label values.</summary>
    SparseMlpModelParameters Model { get; }

    /// <summary>The feature column read when scoring.</summary>
    string FeatureColumnName { get; }

    /// <summary>The label column trained on.</summary>
    string LabelColumnName { get; }

    /// <summary>True for the binary layout (Score, Probability, Boolean PredictedLabel), false for the multiclass one.</summary>
    bool IsBinary { get; }
}
