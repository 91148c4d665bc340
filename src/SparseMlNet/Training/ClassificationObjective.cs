using SparseMlNet.Data;
using SparseMlNet.Networks;

namespace SparseMlNet.Training;

/// <summary>
/// Softmax cross-entropy on the class labels of a data set: the objective of <see cref="MlpTrainer"/> (and of the epoch benchmarks).
/// With example weights, each sample's loss and gradient are multiplied by its weight.
/// </summary>
/// <param name="data">The training rows.</param>
/// <param name="weights">Null, or one finite weight ≥ 0 per row of <paramref name="data"/>, already normalised (see <see cref="ExampleWeights.Normalise"/>).</param>
/// <param name="augmentation">Optional on-the-fly image augmentation of the training inputs.</param>
internal sealed class ClassificationObjective(Dataset data, float[]? weights = null, ImageAugmentation? augmentation = null) : IBatchObjective
{
    private int[] _labels = [];
    private float[] _weights = [];

    public int SampleCount => data.Count;

    public double LossNormaliser => 1;

    public void Load(Propagation propagation, ReadOnlySpan<int> rows, ulong seed)
    {
        propagation.LoadInputs(data.Features, data.FeatureCount, rows);
        augmentation?.Apply(propagation.Inputs, propagation.Stride, rows.Length, seed);
        if (_labels.Length < rows.Length)
        {
            _labels = new int[rows.Length];
            _weights = weights is null ? [] : new float[rows.Length];
        }

        for (int i = 0; i < rows.Length; i++)
        {
            _labels[i] = data.Labels[rows[i]];
        }

        if (weights is not null)
        {
            for (int i = 0; i < rows.Length; i++)
            {
                _weights[i] = weights[rows[i]];
            }
        }
    }

    public (double LossSum, int Correct) Score(Propagation propagation, ReadOnlySpan<int> rows) =>
        propagation.ClassificationLoss(_labels.AsSpan(0, rows.Length), weights is null ? default : _weights.AsSpan(0, rows.Length));
}
