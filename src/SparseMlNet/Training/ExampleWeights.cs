namespace SparseMlNet.Training;

/// <summary>
/// Per-sample weights of the training loss (ML.NET's example-weight column): sample i contributes w_i · (−log p_{y_i}) to the loss and
/// w_i times its gradient. Typical use: inverse class frequencies for imbalanced classes.
/// </summary>
public static class ExampleWeights
{
    /// <summary>
    /// Checks the weights and scales them to mean 1, so that the learning rate means the same with and without weights
    /// (SGD steps are averaged over the mini-batch; only the ratios between weights matter).
    /// </summary>
    /// <param name="weights">One weight per training row; each finite and ≥ 0, not all 0.</param>
    /// <param name="rowCount">Number of training rows.</param>
    /// <param name="parameterName">Name reported in exceptions.</param>
    /// <returns>A new array of the scaled weights.</returns>
    /// <exception cref="ArgumentException">The count differs from <paramref name="rowCount"/>, or every weight is 0.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A weight is negative, NaN or infinite (the row is named).</exception>
    public static float[] Normalise(ReadOnlySpan<float> weights, int rowCount, string parameterName = "exampleWeights")
    {
        if (weights.Length != rowCount)
        {
            throw new ArgumentException($"There are {weights.Length} example weights for {rowCount} training rows; give one weight per row.", parameterName);
        }

        double sum = 0;
        for (int i = 0; i < weights.Length; i++)
        {
            if (!float.IsFinite(weights[i]) || weights[i] < 0)
            {
                throw new ArgumentOutOfRangeException(parameterName, weights[i], $"The example weight of row {i} is {weights[i]}; weights must be finite and ≥ 0.");
            }

            sum += weights[i];
        }

        if (!(sum > 0))
        {
            throw new ArgumentException("Every example weight is 0; at least one row must have a positive weight.", parameterName);
        }

        float scale = (float)(rowCount / sum);
        var result = new float[rowCount];
        for (int i = 0; i < rowCount; i++)
        {
            result[i] = weights[i] * scale;
        }

        return result;
    }
}
