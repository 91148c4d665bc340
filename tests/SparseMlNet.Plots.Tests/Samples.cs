using SparseMlNet.Analysis;
using SparseMlNet.IO;
using SparseMlNet.Networks;
using SparseMlNet.Networks.Activations;
using SparseMlNet.Networks.Losses;

namespace SparseMlNet.Plots.Tests;

/// <summary>Constructed inputs for the pictures: small Erdős–Rényi networks, a heavy-tailed degree sample and a metrics file.</summary>
internal static class Samples
{
    /// <summary>An untrained SET network 36-60-3 (inputs laid out as 6 × 6) with ε = 5.</summary>
    public static MultilayerPerceptron Network(int seed) =>
        MultilayerPerceptron.Create(NetworkKind.Set, [36, 60, 3], 5, ActivationKind.Relu, ActivationKind.Identity, LossKind.SoftmaxCrossEntropy, seed);

    /// <summary>
    /// Degrees with count(k) = round(3000 k^−2.5) for k = 1 … 60 plus 40 isolated neurons: a discrete power law with α = 2.5 that the fit recovers.
    /// </summary>
    public static DegreeDistribution HeavyTail()
    {
        var degrees = new List<int>(Enumerable.Repeat(0, 40));
        for (int k = 1; k <= 60; k++)
        {
            degrees.AddRange(Enumerable.Repeat(k, (int)Math.Round(3000 * Math.Pow(k, -2.5))));
        }

        return DegreeDistribution.FromDegrees(degrees.ToArray());
    }

    /// <summary>A metrics.csv of three epochs in <paramref name="folder"/>, read back.</summary>
    public static MetricsLog Metrics(string folder, string name, bool withTest = true)
    {
        string path = Path.Combine(folder, name + ".csv");
        File.WriteAllText(
            path,
            withTest
                ? "epoch,train_loss,train_accuracy,test_loss,test_accuracy\n1,2.0,0.30,2.1,0.28\n2,1.5,0.50,1.6,0.47\n3,1.1,0.61,1.3,0.55\n"
                : "epoch,train_loss,train_accuracy,test_loss,test_accuracy\n1,2.0,0.30,,\n2,1.5,0.50,,\n3,1.1,0.61,,\n");
        return MetricsCsv.Read(path);
    }
}
