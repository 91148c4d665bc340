using System.Numerics.Tensors;
using SparseMlNet.Networks;
using SparseMlNet.Networks.Activations;
using SparseMlNet.Networks.Losses;

namespace SparseMlNet.Tests.Networks;

/// <summary>
/// The engine's arg-max (PredictClasses, Evaluation, the ML.NET scorer, ExtraTrees, the CLI's streaming prediction) is
/// <see cref="TensorPrimitives.IndexOfMax(ReadOnlySpan{float})"/>; these tests pin the rules the code relies on and that it
/// decides as the former hand-written loop (best = 0; take i when x[i] &gt; x[best]) on every input a softmax or a vote count yields.
/// </summary>
public sealed class ArgMaxTests
{
    [Theory]
    [InlineData(new float[] { 0.5f, 0.5f }, 0)]
    [InlineData(new float[] { 0.1f, 0.45f, 0.45f }, 1)]
    [InlineData(new float[] { 0f, 0f, 0f, 0f }, 0)]
    [InlineData(new float[] { 0.2f, 0.3f, 0.2f, 0.3f }, 1)]
    [InlineData(new float[] { 1f }, 0)]
    public void IndexOfMax_TiesGoToTheLowerIndex(float[] values, int expected)
    {
        Assert.Equal(expected, TensorPrimitives.IndexOfMax(values));
        Assert.Equal(expected, FormerLoop(values));
    }

    [Fact]
    public void IndexOfMax_TiesGoToTheLowerIndexAtEveryVectorWidth()
    {
        // Lengths across the scalar, Vector128/256/512 paths and their tails; the maximum repeats at several places.
        for (int length = 1; length <= 80; length++)
        {
            for (int first = 0; first < length; first++)
            {
                var values = new float[length];
                for (int i = first; i < length; i += 3)
                {
                    values[i] = 1f;
                }

                Assert.Equal(first, TensorPrimitives.IndexOfMax(values));
                Assert.Equal(first, FormerLoop(values));
            }
        }
    }

    [Fact]
    public void IndexOfMax_MatchesTheFormerLoopOnRandomNonNegativeRowsWithTies()
    {
        var random = new Random(11);
        for (int trial = 0; trial < 5000; trial++)
        {
            var values = new float[1 + random.Next(70)];
            for (int i = 0; i < values.Length; i++)
            {
                values[i] = random.Next(4) / 4f; // few distinct values: ties are common
            }

            Assert.Equal(FormerLoop(values), TensorPrimitives.IndexOfMax(values));
        }
    }

    [Fact]
    public void IndexOfMax_RowOfNaN_IsClassZero()
    {
        // A diverged softmax row is NaN in every output; both rules give class 0.
        float[] values = [float.NaN, float.NaN, float.NaN];
        Assert.Equal(0, TensorPrimitives.IndexOfMax(values));
        Assert.Equal(0, FormerLoop(values));
    }

    [Fact]
    public void PredictClasses_IsTheArgMaxOfPredict()
    {
        var network = MultilayerPerceptron.Create(NetworkKind.Set, [12, 20, 5], 4, ActivationKind.Relu, ActivationKind.Identity, LossKind.SoftmaxCrossEntropy, seed: 3);
        var random = new Random(5);
        var features = new float[40 * 12];
        for (int i = 0; i < features.Length; i++)
        {
            features[i] = (float)((random.NextDouble() * 2) - 1);
        }

        float[] p = network.Predict(features);
        int[] classes = network.PredictClasses(features);
        Assert.Equal(40, classes.Length);
        for (int r = 0; r < classes.Length; r++)
        {
            Assert.Equal(FormerLoop(p.AsSpan(r * 5, 5)), classes[r]);
        }
    }

    private static int FormerLoop(ReadOnlySpan<float> values)
    {
        int best = 0;
        for (int i = 1; i < values.Length; i++)
        {
            if (values[i] > values[best])
            {
                best = i;
            }
        }

        return best;
    }
}
