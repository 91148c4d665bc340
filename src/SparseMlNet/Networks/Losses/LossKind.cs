namespace SparseMlNet.Networks.Losses;

/// <summary>The training objective at the output layer.</summary>
public enum LossKind
{
    /// <summary>Softmax over the output neurons followed by cross-entropy with the class label: loss = −log p_y, averaged over the batch.</summary>
    SoftmaxCrossEntropy,

    /// <summary>
    /// Squared error against a target vector (an autoencoder's clean input): objective (1/2B) Σ_b Σ_k (ŷ − t)², gradient (ŷ − t)/B through the output activation.
    /// Reported as the mean squared error per element, (1/(B·K)) Σ (ŷ − t)².
    /// </summary>
    MeanSquaredError,
}
