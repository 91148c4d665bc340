namespace SparseMlNet.ML.Schema;

/// <summary>
/// Column and annotation names of ML.NET's scoring conventions (the strings ML.NET's evaluators and key-to-value mappers look for).
/// ML.NET keeps its own constants internal, so the values are repeated here.
/// </summary>
internal static class AnnotationNames
{
    public const string ScoreColumn = "Score";
    public const string PredictedLabelColumn = "PredictedLabel";
    public const string ProbabilityColumn = "Probability";

    public const string SlotNames = "SlotNames";
    public const string KeyValues = "KeyValues";
    public const string ScoreColumnSetId = "ScoreColumnSetId";
    public const string ScoreColumnKind = "ScoreColumnKind";
    public const string ScoreValueKind = "ScoreValueKind";
    public const string TrainingLabelValues = "TrainingLabelValues";

    public const string MulticlassClassification = "MulticlassClassification";
    public const string BinaryClassification = "BinaryClassification";
    public const string ProbabilityValue = "Probability";
    public const string ScoreValue = "Score";
    public const string PredictedLabelValue = "PredictedLabel";
}
