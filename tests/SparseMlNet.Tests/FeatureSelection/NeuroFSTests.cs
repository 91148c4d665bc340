using SparseMlNet.Data;
using SparseMlNet.Topology;
using SparseMlNet.FeatureSelection;
using SparseMlNet.Networks;
using SparseMlNet.Networks.Activations;
using SparseMlNet.Networks.Layers;
using SparseMlNet.Networks.Losses;

namespace SparseMlNet.Tests.FeatureSelection;

public sealed class NeuroFSTests
{
    private static NeuroFSOptions Small(int seed = 3) => new() { HiddenNeurons = 40, HiddenLayers = 1, Epsilon = 4, Epochs = 30, Seed = seed };

    /// <summary>
    /// Two classes that differ only in the mean of a few informative columns (shift ±<paramref name="shift"/> standard deviations), hidden among standard
    /// normal noise columns, with unequal raw scales (column j multiplied by 1 + j mod 4, unrelated units) unless <paramref name="sameUnits"/>. No
    /// unsupervised score can find them: within a scale every column has about the same variance.
    /// </summary>
    private static (float[] Features, int[] Labels, int FeatureCount, int[] Informative) ClassShift(int rows, int informative, int noise, double shift, int seed, bool sameUnits = false)
    {
        var random = new Random(seed);
        int d = informative + noise;
        int[] columns = Enumerable.Range(0, informative).Select(i => (i * d / informative) + 2).ToArray();
        var features = new float[rows * d];
        var labels = new int[rows];
        for (int r = 0; r < rows; r++)
        {
            labels[r] = r % 2;
            double sign = labels[r] == 1 ? 1 : -1;
            for (int j = 0; j < d; j++)
            {
                double mean = columns.Contains(j) ? sign * shift : 0;
                double spread = columns.Contains(j) ? Math.Sqrt(Math.Max(0.05, 1 - (shift * shift))) : 1;
                features[(r * d) + j] = (float)((mean + (spread * Normal(random))) * (sameUnits ? 1 : 1 + (j % 4)));
            }
        }

        return (features, labels, d, columns);
    }

    private static double Normal(Random random) => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    [Fact]
    public void Fit_SelectsTheInformativeFeaturesOfConstructedData()
    {
        var (features, labels, d, informative) = ClassShift(rows: 120, informative: 4, noise: 56, shift: 0.8, seed: 1, sameUnits: true);

        NeuroFSResult result = new NeuroFS(Small()).Fit(features, labels, d, selectedCount: 4);

        Assert.Equal(ScalingKind.Center, result.Scaler.Kind);
        Assert.Equal(informative, result.SelectedIndices.ToArray());
    }

    [Fact]
    public void Fit_FeaturesInUnrelatedUnits_StandardizedSelectsTheInformativeFeatures()
    {
        // Centring keeps the units: a noise column measured at 4x the scale looks 4x as strong. Standardize is the option for unrelated units.
        var (features, labels, d, informative) = ClassShift(rows: 120, informative: 4, noise: 56, shift: 0.8, seed: 1);
        NeuroFSOptions options = Small();
        options.Scaling = ScalingKind.Standardize;

        NeuroFSResult result = new NeuroFS(options).Fit(features, labels, d, selectedCount: 4);

        Assert.Equal(informative, result.SelectedIndices.ToArray());
    }

    [Fact]
    public void Fit_WithExtraActiveFraction_EndsRemovalAboveKAndSelectsTheKStrongestActive()
    {
        var (features, labels, d, informative) = ClassShift(rows: 120, informative: 4, noise: 56, shift: 0.8, seed: 1, sameUnits: true);
        NeuroFSOptions options = Small();
        options.ExtraActiveFraction = 0.2;

        NeuroFSResult result = new NeuroFS(options).Fit(features, labels, d, selectedCount: 4);

        int end = 4 + (int)Math.Floor(0.2 * d);
        Assert.Equal(end, result.ActiveInputsPerEpoch[^1]);
        var input = (SparseLayer)result.Network.Layers[0];
        int[] connected = Enumerable.Range(0, d).Where(i => input.Matrix.ColumnDegree(i) > 0).ToArray();
        Assert.Equal(end, connected.Length);
        int[] strongest = connected.OrderByDescending(i => result.Scores[i]).ThenBy(i => i).Take(4).Order().ToArray();
        Assert.Equal(strongest, result.SelectedIndices.ToArray());
        Assert.Equal(informative, result.SelectedIndices.ToArray());
    }

    [Fact]
    public void Fit_EndsWithExactlyKActiveInputNeuronsAndSelectsThem()
    {
        var (features, labels, d, _) = ClassShift(rows: 80, informative: 3, noise: 47, shift: 0.7, seed: 2);
        var options = Small();

        NeuroFSResult result = new NeuroFS(options).Fit(features, labels, d, selectedCount: 7);

        var schedule = new InputNeuronSchedule(d, 7, options.Epochs - 1, options.RemovalFraction, options.NeuronRegrowthFraction);
        int[] expected = Enumerable.Range(1, options.Epochs).Select(e => schedule.ActiveAfter(Math.Min(e, options.Epochs - 1))).ToArray();
        Assert.Equal(expected, result.ActiveInputsPerEpoch.ToArray());
        Assert.Equal(7, result.ActiveInputsPerEpoch[^1]);
        var input = (SparseLayer)result.Network.Layers[0];
        int[] connected = Enumerable.Range(0, d).Where(i => input.Matrix.ColumnDegree(i) > 0).ToArray();
        Assert.Equal(connected, result.SelectedIndices.ToArray());
        Assert.All(Enumerable.Range(0, d).Where(i => !connected.Contains(i)), i => Assert.True(result.Scores[i] < 0));
    }

    [Theory]
    [InlineData(100, 5, 30, 0.65)]
    [InlineData(12625, 50, 99, 0.65)]
    [InlineData(10, 9, 1, 0.5)]
    [InlineData(1000, 1, 7, 1.0)]
    public void Schedule_FallsMonotonicallyFromDToExactlyK(int d, int k, int steps, double fraction)
    {
        var schedule = new InputNeuronSchedule(d, k, steps, fraction, regrowthFraction: 0.2);

        int[] active = Enumerable.Range(0, steps + 1).Select(schedule.ActiveAfter).ToArray();

        Assert.Equal(d, active[0]);
        Assert.Equal(k, schedule.ActiveAfter(schedule.RemovalSteps));
        Assert.All(active.Skip(schedule.RemovalSteps), a => Assert.Equal(k, a));
        Assert.All(active.Zip(active.Skip(1)), p => Assert.True(p.Second <= p.First));
        Assert.All(Enumerable.Range(1, steps), s => Assert.InRange(schedule.ExchangedAt(s), 0, Math.Min(d - active[s], active[s])));
    }

    [Fact]
    public void CandidateGradient_EqualsADenseReferenceAtEveryPosition()
    {
        const int batch = 13;
        int[] sizes = [9, 75, 3]; // 75 = 4 × 16 + 8 + 3: the 16-lane, 8-lane and scalar loops all run
        var net = MultilayerPerceptron.Create(NetworkKind.Set, sizes, epsilon: 2, ActivationKind.Tanh, ActivationKind.Identity, LossKind.SoftmaxCrossEntropy, seed: 4);
        var random = new Random(8);
        var x = new float[batch * sizes[0]];
        for (int i = 0; i < x.Length; i++)
        {
            x[i] = (float)((random.NextDouble() * 4) - 2);
        }

        int[] labels = Enumerable.Range(0, batch).Select(_ => random.Next(sizes[^1])).ToArray();
        var propagation = new Propagation(net, batch, training: true);
        int[] rows = Enumerable.Range(0, batch).ToArray();
        propagation.LoadInputs(x, sizes[0], rows);
        propagation.Forward(0f, 0);
        propagation.ClassificationLoss(labels);
        propagation.Backward(dropout: false);

        var gradient = new CandidateGradient(propagation.Inputs, propagation.Stride, propagation.Deltas(0), sizes[1], batch);
        float[] chunked = gradient.Compute(Enumerable.Range(0, sizes[0]).ToArray()).ToArray();

        double[,] reference = DenseInputGradient(net, x, labels, batch);
        var input = (SparseLayer)net.Layers[0];
        int empty = 0;
        for (int i = 0; i < sizes[0]; i++)
        {
            for (int j = 0; j < sizes[1]; j++)
            {
                empty += input.Matrix.Contains(j, i) ? 0 : 1;
                Assert.Equal(reference[j, i], chunked[(i * sizes[1]) + j], 1e-5);
            }
        }

        Assert.True(empty > sizes[0] * sizes[1] / 2, "The layer should be sparse, so most compared positions are empty.");
        Assert.Contains(chunked, g => Math.Abs(g) > 1e-3);
    }

    [Fact]
    public void InputEvolution_RegrowsTheEmptyPositionsWithTheLargestGradient()
    {
        const int batch = 21;
        int[] sizes = [30, 25, 2];
        var net = MultilayerPerceptron.Create(NetworkKind.Set, sizes, epsilon: 3, ActivationKind.Tanh, ActivationKind.Identity, LossKind.SoftmaxCrossEntropy, seed: 6);
        var random = new Random(9);
        var x = new float[batch * sizes[0]];
        for (int i = 0; i < x.Length; i++)
        {
            x[i] = (float)Normal(random);
        }

        int[] labels = Enumerable.Range(0, batch).Select(b => b % 2).ToArray();
        var propagation = new Propagation(net, batch, training: true);
        propagation.LoadInputs(x, sizes[0], Enumerable.Range(0, batch).ToArray());
        propagation.Forward(0f, 0);
        propagation.ClassificationLoss(labels);
        propagation.Backward(dropout: false);
        var gradient = new CandidateGradient(propagation.Inputs, propagation.Stride, propagation.Deltas(0), sizes[1], batch);
        float[] g = gradient.Compute(Enumerable.Range(0, CandidateGradient.ChunkRows).Take(sizes[0]).ToArray()).ToArray();
        var input = (SparseLayer)net.Layers[0];
        var before = input.Matrix;
        var schedule = new InputNeuronSchedule(sizes[0], 10, evolutionSteps: 4, removalFraction: 1, regrowthFraction: 0);
        var evolution = new InputLayerEvolution(schedule, zeta: 0.3, targetNnz: before.Nnz);

        evolution.Step(input, step: 1, gradient);

        var after = input.Matrix;
        Assert.Equal(before.Nnz, after.Nnz);
        int[] active = Enumerable.Range(0, sizes[0]).Where(evolution.IsActive).ToArray();
        Assert.Equal(schedule.ActiveAfter(1), active.Length);
        var grown = new List<float>();
        var notGrown = new List<float>();
        for (int j = 0; j < sizes[1]; j++)
        {
            for (int i = 0; i < sizes[0]; i++)
            {
                if (!evolution.IsActive(i))
                {
                    Assert.False(after.Contains(j, i), $"Removed input {i} still has a connection.");
                }
                else if (!before.Contains(j, i))
                {
                    (after.Contains(j, i) ? grown : notGrown).Add(Math.Abs(g[(i * sizes[1]) + j]));
                }
            }
        }

        Assert.NotEmpty(grown);
        Assert.NotEmpty(notGrown);
        Assert.True(grown.Min() >= notGrown.Max(), $"A regrown position has |g| = {grown.Min()}, below an empty one's {notGrown.Max()}.");
        Assert.All(grown, v => Assert.True(v > 0));
    }

    [Fact]
    public void Fit_IsReproducibleForASeedAndDiffersAcrossSeeds()
    {
        var (features, labels, d, _) = ClassShift(rows: 60, informative: 3, noise: 37, shift: 0.5, seed: 3);

        NeuroFSResult first = new NeuroFS(Small(seed: 11)).Fit(features, labels, d, 5);
        NeuroFSResult again = new NeuroFS(Small(seed: 11)).Fit(features, labels, d, 5);
        NeuroFSResult other = new NeuroFS(Small(seed: 12)).Fit(features, labels, d, 5);

        Assert.Equal(first.Scores.ToArray(), again.Scores.ToArray());
        Assert.Equal(first.FinalTrainLoss, again.FinalTrainLoss);
        Assert.NotEqual(first.Scores.ToArray(), other.Scores.ToArray());
    }

    [Fact]
    public void Fit_Ensemble_AggregatesFitsWithDerivedSeedsAndItsFirstFitIsTheSingleFit()
    {
        var (features, labels, d, informative) = ClassShift(rows: 80, informative: 3, noise: 27, shift: 0.8, seed: 6, sameUnits: true);
        NeuroFSOptions Options(int runs, int seed) => new() { HiddenNeurons = 24, HiddenLayers = 1, Epsilon = 4, Epochs = 12, Runs = runs, Seed = seed };

        NeuroFSResult ensemble = new NeuroFS(Options(runs: 3, seed: 9)).Fit(features, labels, d, 3);
        double[][] single = [.. Enumerable.Range(0, 3).Select(r => new NeuroFS(Options(runs: 1, seed: StabilitySelection.RunSeed(9, r))).Fit(features, labels, d, 3).Scores.ToArray())];

        // The ensemble score is the mean z-score of the three fits alone; the first fit is the single fit with the options' seed.
        Assert.Equal(3, ensemble.Runs);
        Assert.Equal("NeuroFS (ensemble of 3)", ensemble.Selector.Method);
        for (int j = 0; j < d; j++)
        {
            double expected = single.Average(s => (s[j] - s.Average()) / Math.Sqrt(s.Sum(v => (v - s.Average()) * (v - s.Average())) / d));
            Assert.Equal(expected, ensemble.Scores[j], 10);
        }

        Assert.Equal(new NeuroFS(Options(runs: 1, seed: 9)).Fit(features, labels, d, 3).FinalTrainLoss, ensemble.FinalTrainLoss);
        for (int j = 0; j < d; j++)
        {
            Assert.Equal(ensemble.RunSelections.Count(top => top.Contains(j)) / 3.0, ensemble.Frequencies[j], 12);
        }

        Assert.Equal(SelectionStability.Measure(ensemble.RunSelections, d), ensemble.RunStability);
        Assert.Equal(informative, ensemble.SelectedIndices.ToArray());
        Assert.Equal(ensemble.Scores.ToArray(), new NeuroFS(Options(runs: 3, seed: 9)).Fit(features, labels, d, 3).Scores.ToArray()); // reproducible in parallel
    }

    [Fact]
    public void Fit_SingleFit_HasNoEnsembleOutputs()
    {
        var (features, labels, d, _) = ClassShift(rows: 40, informative: 2, noise: 10, shift: 0.8, seed: 7);

        NeuroFSResult result = new NeuroFS(Small()).Fit(features, labels, d, 2);

        Assert.Equal(1, result.Runs);
        Assert.True(result.Frequencies.IsEmpty);
        Assert.Empty(result.RunSelections);
        Assert.Null(result.RunStability);
        Assert.Equal("NeuroFS", result.Selector.Method);
    }

    [Fact]
    public void Fit_DatasetGivesTheSameSelectionAndTransformKeepsTheSelectedColumns()
    {
        var (features, labels, d, _) = ClassShift(rows: 50, informative: 2, noise: 18, shift: 0.7, seed: 4);
        var names = Enumerable.Range(0, d).Select(i => $"g{i}").ToArray();

        NeuroFSResult fromMatrix = new NeuroFS(Small()).Fit(features, labels, d, 3, names);
        NeuroFSResult fromDataset = new NeuroFS(Small()).Fit(new Dataset(features, labels, d, featureNames: names), 3);
        Dataset reduced = fromDataset.Transform(new Dataset(features, labels, d, featureNames: names));

        Assert.Equal(fromMatrix.Scores.ToArray(), fromDataset.Scores.ToArray());
        Assert.Equal(fromMatrix.SelectedIndices.ToArray().Select(i => names[i]), reduced.FeatureNames);
        Assert.Equal(features[(7 * d) + fromMatrix.SelectedIndices[1]], reduced.Features[(7 * 3) + 1]);
    }

    [Fact]
    public void Fit_ScoresConstantFeaturesLowestAndNeverSelectsThem()
    {
        var (features, labels, d, _) = ClassShift(rows: 60, informative: 2, noise: 10, shift: 0.8, seed: 5);
        for (int r = 0; r < 60; r++)
        {
            features[(r * d) + 0] = 3f;
        }

        NeuroFSResult result = new NeuroFS(Small()).Fit(features, labels, d, 2);

        Assert.Equal(-1, result.Scores[0]);
        Assert.Equal(0, result.Ranking[^1]);
        Assert.DoesNotContain(0, result.TrainedFeatures.ToArray());
        Assert.DoesNotContain(0, result.SelectedIndices.ToArray());
    }

    [Fact]
    public void Fit_WithoutLabels_ThrowsNamingLabels()
    {
        var (features, _, d, _) = ClassShift(rows: 20, informative: 2, noise: 8, shift: 0.5, seed: 6);

        var e = Assert.Throws<ArgumentException>(() => new NeuroFS(Small()).Fit(features, ReadOnlySpan<int>.Empty, d, 3));

        Assert.Equal("labels", e.ParamName);
        Assert.Contains("QuickSelection", e.Message);
    }

    [Fact]
    public void Fit_WithASingleClass_ThrowsNamingLabels()
    {
        var (features, _, d, _) = ClassShift(rows: 20, informative: 2, noise: 8, shift: 0.5, seed: 6);

        var e = Assert.Throws<ArgumentException>(() => new NeuroFS(Small()).Fit(features, new int[20], d, 3));

        Assert.Equal("labels", e.ParamName);
        Assert.Contains("two classes", e.Message);
    }

    [Fact]
    public void Fit_WithWrongLabelCountOrNegativeLabel_ThrowsNamingLabels()
    {
        var (features, labels, d, _) = ClassShift(rows: 20, informative: 2, noise: 8, shift: 0.5, seed: 6);
        labels[4] = -1;

        Assert.Equal("labels", Assert.Throws<ArgumentException>(() => new NeuroFS(Small()).Fit(features, new int[19], d, 3)).ParamName);
        Assert.Contains("row 4", Assert.Throws<ArgumentException>(() => new NeuroFS(Small()).Fit(features, labels, d, 3)).Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(10)]
    [InlineData(11)]
    public void Fit_WithKOutsideOneToDMinusOne_ThrowsNamingSelectedCount(int k)
    {
        var (features, labels, d, _) = ClassShift(rows: 20, informative: 2, noise: 8, shift: 0.5, seed: 6);

        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new NeuroFS(Small()).Fit(features, labels, d, k));

        Assert.Equal("selectedCount", e.ParamName);
        Assert.Contains("[1, 9]", e.Message);
    }

    [Fact]
    public void Fit_WithKNotBelowTheNonConstantFeatures_ThrowsNamingSelectedCount()
    {
        var (features, labels, d, _) = ClassShift(rows: 20, informative: 2, noise: 8, shift: 0.5, seed: 6);
        for (int r = 0; r < 20; r++)
        {
            features[(r * d) + 3] = 0;
            features[(r * d) + 5] = 0;
        }

        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new NeuroFS(Small()).Fit(features, labels, d, 8));

        Assert.Equal("selectedCount", e.ParamName);
        Assert.Contains("only 8 of the 10 features vary", e.Message);
    }

    [Fact]
    public void Fit_AllowsKBelowTheNumberOfClasses()
    {
        var random = new Random(7);
        const int rows = 90, d = 12;
        var features = new float[rows * d];
        var labels = new int[rows];
        for (int r = 0; r < rows; r++)
        {
            labels[r] = r % 3;
            for (int j = 0; j < d; j++)
            {
                features[(r * d) + j] = (float)(Normal(random) + (j == 5 ? 3 * labels[r] : 0));
            }
        }

        NeuroFSResult result = new NeuroFS(Small()).Fit(features, labels, d, selectedCount: 1);

        Assert.Equal([5], result.SelectedIndices.ToArray());
    }

    [Theory]
    [InlineData(nameof(NeuroFSOptions.Epochs))]
    [InlineData(nameof(NeuroFSOptions.HiddenLayers))]
    [InlineData(nameof(NeuroFSOptions.InputZeta))]
    [InlineData(nameof(NeuroFSOptions.RemovalFraction))]
    [InlineData(nameof(NeuroFSOptions.NeuronRegrowthFraction))]
    [InlineData(nameof(NeuroFSOptions.ExtraActiveFraction))]
    [InlineData(nameof(NeuroFSOptions.BatchSize))]
    [InlineData(nameof(NeuroFSOptions.GradientSamples))]
    [InlineData(nameof(NeuroFSOptions.LearningRate))]
    [InlineData(nameof(NeuroFSOptions.Runs))]
    public void Options_OutOfRange_ThrowNamingTheOption(string name)
    {
        var options = new NeuroFSOptions();
        switch (name)
        {
            case nameof(NeuroFSOptions.Epochs): options.Epochs = 1; break;
            case nameof(NeuroFSOptions.HiddenLayers): options.HiddenLayers = 0; break;
            case nameof(NeuroFSOptions.InputZeta): options.InputZeta = 1; break;
            case nameof(NeuroFSOptions.RemovalFraction): options.RemovalFraction = 0; break;
            case nameof(NeuroFSOptions.NeuronRegrowthFraction): options.NeuronRegrowthFraction = -0.1; break;
            case nameof(NeuroFSOptions.ExtraActiveFraction): options.ExtraActiveFraction = 1; break;
            case nameof(NeuroFSOptions.BatchSize): options.BatchSize = 0; break;
            case nameof(NeuroFSOptions.GradientSamples): options.GradientSamples = 0; break;
            case nameof(NeuroFSOptions.LearningRate): options.LearningRate = float.NaN; break;
            case nameof(NeuroFSOptions.Runs): options.Runs = 0; break;
        }

        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new NeuroFS(options));

        Assert.Equal(name, e.ParamName);
    }

    [Theory]
    [InlineData(30, 8)]
    [InlineData(102, 26)]
    [InlineData(400, 100)]
    [InlineData(60000, 100)]
    [InlineData(3, 1)]
    public void BatchSizeFor_GivesAtLeastFourStepsPerEpochAndAtMostTheReferenceBatch(int n, int expected)
    {
        Assert.Equal(expected, new NeuroFSOptions().BatchSizeFor(n));
        Assert.Equal(Math.Min(n, 64), new NeuroFSOptions { BatchSize = 64 }.BatchSizeFor(n));
    }

    /// <summary>∂L/∂W₁ of a one-hidden-layer tanh network under mean softmax cross-entropy, in double precision, from the dense weight matrices.</summary>
    private static double[,] DenseInputGradient(MultilayerPerceptron net, float[] x, int[] labels, int batch)
    {
        var w1 = ((SparseLayer)net.Layers[0]).Matrix;
        var w2 = ((SparseLayer)net.Layers[1]).Matrix;
        int d = w1.Columns, h = w1.Rows, c = w2.Rows;
        var gradient = new double[h, d];
        for (int b = 0; b < batch; b++)
        {
            var a = new double[h];
            for (int j = 0; j < h; j++)
            {
                double z = net.Layers[0].Biases[j];
                for (int i = 0; i < d; i++)
                {
                    z += w1[j, i] * (double)x[(b * d) + i];
                }

                a[j] = Math.Tanh(z);
            }

            var logits = new double[c];
            for (int k = 0; k < c; k++)
            {
                logits[k] = net.Layers[1].Biases[k];
                for (int j = 0; j < h; j++)
                {
                    logits[k] += w2[k, j] * a[j];
                }
            }

            double max = logits.Max();
            double sum = logits.Sum(v => Math.Exp(v - max));
            for (int j = 0; j < h; j++)
            {
                double back = 0;
                for (int k = 0; k < c; k++)
                {
                    double delta = (Math.Exp(logits[k] - max) / sum) - (k == labels[b] ? 1 : 0);
                    back += w2[k, j] * delta / batch;
                }

                double delta1 = back * (1 - (a[j] * a[j]));
                for (int i = 0; i < d; i++)
                {
                    gradient[j, i] += delta1 * x[(b * d) + i];
                }
            }
        }

        return gradient;
    }
}
