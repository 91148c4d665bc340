using SparseMlNet.SelectionEvaluation;

namespace SparseMlNet.Tests.SelectionEvaluation;

public sealed class ExtraTreesClassifierTests
{
    [Fact]
    public void Fit_LearnsANonlinearXorBoundaryIgnoringNoiseFeatures()
    {
        var (train, trainLabels) = Xor(400, seed: 1);
        var (test, testLabels) = Xor(200, seed: 2);

        var forest = ExtraTreesClassifier.Fit(train, 4, trainLabels, 2, seed: 3);
        int[] predicted = forest.Predict(test);

        double accuracy = predicted.Zip(testLabels).Count(p => p.First == p.Second) / 200.0;
        Assert.True(accuracy > 0.9, $"Accuracy {accuracy:F3} on XOR.");
        Assert.Equal(50, forest.TreeCount);
    }

    [Fact]
    public void Fit_FitsTheTrainingSetExactlyWhenRowsAreDistinct()
    {
        var (train, labels) = Xor(100, seed: 4);

        var forest = ExtraTreesClassifier.Fit(train, 4, labels, 2, seed: 5, treeCount: 5);

        Assert.Equal(labels, forest.Predict(train));
    }

    [Fact]
    public void Fit_IsReproducibleForASeed()
    {
        var (train, labels) = Xor(200, seed: 6);
        var (test, _) = Xor(100, seed: 7);

        int[] a = ExtraTreesClassifier.Fit(train, 4, labels, 2, seed: 8, treeCount: 7).Predict(test);
        int[] b = ExtraTreesClassifier.Fit(train, 4, labels, 2, seed: 8, treeCount: 7).Predict(test);

        Assert.Equal(a, b);
    }

    [Fact]
    public void Fit_ConstantFeaturesGiveTheMajorityClass()
    {
        var forest = ExtraTreesClassifier.Fit([1f, 1f, 1f, 1f], 1, [0, 1, 1, 1], 2, seed: 1, treeCount: 3);

        Assert.Equal([1], forest.Predict([1f]));
    }

    [Fact]
    public void Fit_ThrowsForALabelOutOfRange()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ExtraTreesClassifier.Fit([0f, 1f], 1, [0, 2], 2, seed: 1));
    }

    /// <summary>Label = sign(x0) xor sign(x1); features 2 and 3 are noise.</summary>
    private static (float[] Features, int[] Labels) Xor(int rows, int seed)
    {
        var random = new Random(seed);
        var features = new float[rows * 4];
        var labels = new int[rows];
        for (int i = 0; i < rows; i++)
        {
            for (int j = 0; j < 4; j++)
            {
                features[(i * 4) + j] = (float)((random.NextDouble() * 2) - 1);
            }

            labels[i] = (features[i * 4] > 0) ^ (features[(i * 4) + 1] > 0) ? 1 : 0;
        }

        return (features, labels);
    }
}
