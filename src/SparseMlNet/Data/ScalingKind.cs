namespace SparseMlNet.Data;

/// <summary>How a <see cref="FeatureScaler"/> maps each feature column: transformed value = (x − offset) × scale.</summary>
public enum ScalingKind
{
    /// <summary>Identity: offset 0, scale 1.</summary>
    None = 0,

    /// <summary>
    /// Zero mean and unit (population) variance on the training data: offset = mean, scale = 1 / standard deviation.
    /// A constant column gets scale 1, so it is only centred (to 0 on the training data).
    /// </summary>
    Standardize = 1,

    /// <summary>
    /// Minimum 0 and maximum 1 on the training data: offset = minimum, scale = 1 / (maximum − minimum).
    /// A constant column gets scale 1, so it is only shifted (to 0 on the training data). Other data may fall outside [0, 1].
    /// </summary>
    MinMax = 2,
}
