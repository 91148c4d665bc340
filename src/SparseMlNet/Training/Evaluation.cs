using System.Numerics.Tensors;
using SparseMlNet.Data;
using SparseMlNet.Networks;

namespace SparseMlNet.Training;

/// <summary>Scores a trained network on labelled data.</summary>
public static class Evaluation
{
    /// <summary>Mean cross-entropy and accuracy of <paramref name="network"/> on every row of <paramref name="data"/>.</summary>
    /// <param name="network">A classifier (softmax outputs).</param>
    /// <param name="data">Data with the network's feature count.</param>
    /// <returns>Loss ≥ 0 and accuracy in [0, 1].</returns>
    /// <exception cref="ArgumentException">The feature count differs from the network's input count.</exception>
    public static (double Loss, double Accuracy) Classification(MultilayerPerceptron network, Dataset data)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(data);
        if (data.FeatureCount != network.InputCount)
        {
            throw new ArgumentException($"The model was trained on {network.InputCount} features, but the data has {data.FeatureCount}.", nameof(data));
        }

        return Classification(network, data, network.Predict(data.Features));
    }

    /// <summary>As <see cref="Classification(MultilayerPerceptron, Dataset)"/>, scoring through <paramref name="predictor"/> (reused across epochs by the trainer, so its buffers are allocated once).</summary>
    internal static (double Loss, double Accuracy) Classification(NetworkPredictor predictor, Dataset data)
    {
        MultilayerPerceptron network = predictor.Network;
        if (data.FeatureCount != network.InputCount)
        {
            throw new ArgumentException($"The model was trained on {network.InputCount} features, but the data has {data.FeatureCount}.", nameof(data));
        }

        var p = new float[data.Count * network.OutputCount];
        predictor.Predict(data.Features, p);
        return Classification(network, data, p);
    }

    private static (double Loss, double Accuracy) Classification(MultilayerPerceptron network, Dataset data, float[] p)
    {
        int k = network.OutputCount;
        double loss = 0;
        int correct = 0;
        for (int i = 0; i < data.Count; i++)
        {
            ReadOnlySpan<float> row = p.AsSpan(i * k, k);
            int label = data.Labels[i];
            int best = TensorPrimitives.IndexOfMax(row);

            correct += best == label ? 1 : 0;
            loss -= Math.Log(Math.Max(label < k ? row[label] : 0f, 1e-30f));
        }

        return (loss / data.Count, (double)correct / data.Count);
    }
}
