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

    /// <summary>
    /// Every column centred to zero mean and all divided by one common factor, the pooled standard deviation s = √(mean over the columns of their
    /// population variances): offset = mean, scale = 1 / s for every column. The data get unit average variance but the columns keep their relative
    /// spreads, so a feature that varies ten times more than another still does after scaling (per-column standardisation erases that). On log-scale
    /// gene expression, where all genes share one unit, this is what lets an autoencoder's strengths see which genes vary (docs/quickselection-results.md).
    /// Constant columns are only centred; when every column is constant the scale is 1.
    /// </summary>
    Center = 3,

    /// <summary>
    /// Chosen from the shape of the training data when the scaler is fitted: <see cref="Center"/> when there are fewer samples than features (n &lt; d, the
    /// p ≫ n regime of gene expression, where n rows cannot estimate d features' correlations and per-column standardisation lifts noise genes to the
    /// variance of the informative ones), <see cref="Standardize"/> otherwise. The fitted scaler reports the kind it chose.
    /// </summary>
    Auto = 4,
}
