using System.Numerics;
using SparseMlNet.FeatureSelection;
using SparseMlNet.Networks;
using SparseMlNet.Networks.Activations;
using SparseMlNet.Networks.Losses;

namespace SparseMlNet.Tests.FeatureSelection;

public sealed class GaussianNoiseTests
{
    [Fact]
    public void Add_DrawsStandardNormalDeviatesScaledBySigma()
    {
        var values = new float[1 << 18];
        GaussianNoise.Add(values, 0.5f, seed: 12345);

        double mean = values.Average(v => (double)v);
        double variance = values.Average(v => (double)v * v) - (mean * mean);
        double kurtosis = values.Average(v => Math.Pow(v - mean, 4)) / (variance * variance);
        double beyondTwoSigma = values.Count(v => Math.Abs(v) > 1.0) / (double)values.Length;

        Assert.InRange(mean, -0.005, 0.005);
        Assert.InRange(variance, 0.25 * 0.99, 0.25 * 1.01);
        Assert.InRange(kurtosis, 2.9, 3.1);
        Assert.InRange(beyondTwoSigma, 0.0455 * 0.95, 0.0455 * 1.05); // P(|Z| > 2) = 0.0455
    }

    [Fact]
    public void Add_IsDeterminedBySeedAndAddsToTheValues()
    {
        float[] a = Enumerable.Range(0, 300).Select(i => (float)i).ToArray();
        float[] b = (float[])a.Clone();
        float[] c = (float[])a.Clone();

        GaussianNoise.Add(a, 0.2f, seed: 9);
        GaussianNoise.Add(b, 0.2f, seed: 9);
        GaussianNoise.Add(c, 0.2f, seed: 10);

        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
        Assert.All(Enumerable.Range(0, 300), i => Assert.InRange(a[i] - i, -0.2 * 6, 0.2 * 6));
        Assert.True(Enumerable.Range(0, 300).Count(i => a[i] != i) > 290);
    }

    [Fact]
    public void Add_OddLengthsAndEmptySpansAreFilled()
    {
        var odd = new float[257];
        GaussianNoise.Add(odd, 1f, seed: 1);
        GaussianNoise.Add(Span<float>.Empty, 1f, seed: 1);

        Assert.NotEqual(0f, odd[^1]);
        Assert.NotEqual(0f, odd[128]);
    }

    [Fact]
    public void Log_And_CosSin_MatchTheMathLibrary()
    {
        for (int i = 1; i <= 4096; i++)
        {
            float x = i / 4096f;
            Assert.Equal(Math.Log(x), GaussianNoise.Log(new Vector<float>(x))[0], tolerance: 1e-6 * Math.Max(1, Math.Abs(Math.Log(x))));
            float phi = ((i / 4096f) - 0.5f) * MathF.PI / 2;
            (Vector<float> cos, Vector<float> sin) = GaussianNoise.CosSin(new Vector<float>(phi));
            Assert.Equal(Math.Cos(phi), cos[0], tolerance: 1e-6);
            Assert.Equal(Math.Sin(phi), sin[0], tolerance: 1e-6);
        }
    }

    [Fact]
    public void DenoisingObjective_TargetsAreCleanInputsAreNoisyAndNoiseChangesPerBatch()
    {
        const int d = 6;
        const int n = 40;
        float[] features = Enumerable.Range(0, n * d).Select(i => (float)(i % 11)).ToArray();
        var network = MultilayerPerceptron.Create(NetworkKind.Set, [d, 8, d], 3, ActivationKind.Sigmoid, ActivationKind.Identity, LossKind.MeanSquaredError, seed: 1);
        var propagation = new Propagation(network, 16, training: true);
        var objective = new DenoisingObjective(features, d, noiseFactor: 0.5f);
        int[] rows = [3, 7, 11, 12, 39];

        objective.Load(propagation, rows, seed: 1);
        float[] first = propagation.Inputs.ToArray();
        objective.Load(propagation, rows, seed: 2);
        float[] second = propagation.Inputs.ToArray();
        objective.Load(propagation, rows, seed: 1);

        Assert.Equal(first, propagation.Inputs);
        Assert.NotEqual(first, second);
        int stride = propagation.Stride;
        for (int f = 0; f < d; f++)
        {
            for (int b = 0; b < stride; b++)
            {
                float clean = b < rows.Length ? features[(rows[b] * d) + f] : 0f;
                if (b < rows.Length)
                {
                    Assert.NotEqual(clean, first[(f * stride) + b]);
                    Assert.InRange(first[(f * stride) + b] - clean, -3f, 3f);
                }
                else
                {
                    Assert.Equal(0f, first[(f * stride) + b]); // padding stays clean
                }
            }
        }

        Assert.Equal(d, objective.LossNormaliser);
        Assert.Equal(n, objective.SampleCount);
    }
}
