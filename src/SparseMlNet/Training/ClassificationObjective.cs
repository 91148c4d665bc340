using SparseMlNet.Data;
using SparseMlNet.Networks;

namespace SparseMlNet.Training;

/// <summary>Softmax cross-entropy on the class labels of a data set: the objective of <see cref="MlpTrainer"/> (and of the epoch benchmarks).</summary>
internal sealed class ClassificationObjective(Dataset data) : IBatchObjective
{
    private int[] _labels = [];

    public int SampleCount => data.Count;

    public double LossNormaliser => 1;

    public void Load(Propagation propagation, ReadOnlySpan<int> rows, ulong seed)
    {
        propagation.LoadInputs(data.Features, data.FeatureCount, rows);
        if (_labels.Length < rows.Length)
        {
            _labels = new int[rows.Length];
        }

        for (int i = 0; i < rows.Length; i++)
        {
            _labels[i] = data.Labels[rows[i]];
        }
    }

    public (double LossSum, int Correct) Score(Propagation propagation, ReadOnlySpan<int> rows) =>
        propagation.ClassificationLoss(_labels.AsSpan(0, rows.Length));
}
