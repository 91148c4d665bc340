using SparseMlNet.Data;

namespace SparseMlNet.Tests.Data;

public sealed class FeatureScalerTests
{
    [Fact]
    public void Fit_Standardize_TrainColumnsHaveZeroMeanUnitVariance()
    {
        Dataset digits = CsvDatasetReader.Read(TestFiles.Fixture(TestFiles.Digits)).Dataset;

        FeatureScaler scaler = FeatureScaler.Fit(digits, ScalingKind.Standardize);
        Dataset scaled = scaler.Transform(digits);

        (double[] mean, double[] variance) = ColumnMoments(scaled);
        (_, double[] rawVariance) = ColumnMoments(digits);
        for (int j = 0; j < digits.FeatureCount; j++)
        {
            Assert.InRange(mean[j], -1e-5, 1e-5);
            // Digits has constant (all-zero) pixel columns: centred only, so their variance stays 0.
            Assert.InRange(variance[j], rawVariance[j] == 0 ? 0 : 1 - 1e-4, rawVariance[j] == 0 ? 0 : 1 + 1e-4);
        }

        Assert.Equal(digits.Labels.ToArray(), scaled.Labels.ToArray());
        Assert.Equal(digits.FeatureNames, scaled.FeatureNames);
    }

    [Fact]
    public void Fit_ConstantColumn_StandardizeCentresAndMinMaxShiftsWithScaleOne()
    {
        Dataset data = new([5, 1, 5, 3, 5, 5], [0, 1, 0], featureCount: 2);

        FeatureScaler standard = FeatureScaler.Fit(data, ScalingKind.Standardize);
        FeatureScaler minMax = FeatureScaler.Fit(data, ScalingKind.MinMax);

        Assert.Equal(5f, standard.Offsets[0]);
        Assert.Equal(1f, standard.Scales[0]);
        Assert.Equal(5f, minMax.Offsets[0]);
        Assert.Equal(1f, minMax.Scales[0]);
        Assert.Equal(new float[] { 0, 0, 0, 0.5f, 0, 1 }, minMax.Transform(data).Features.ToArray());
        Assert.Equal(new float[] { 2, 0 }, minMax.Transform([7, 1], 2));
    }

    [Fact]
    public void Fit_Center_CentresEveryColumnAndKeepsTheirRelativeSpreads()
    {
        // Column 0: values 0, 2 (variance 1); column 1: 10, 16 (variance 9); pooled sd = √((1 + 9) / 2) = √5.
        Dataset data = new([0, 10, 2, 16], [0, 1], featureCount: 2);

        FeatureScaler center = FeatureScaler.Fit(data, ScalingKind.Center);
        float[] scaled = center.Transform(data).Features.ToArray();

        Assert.Equal(ScalingKind.Center, center.Kind);
        Assert.Equal(new float[] { 1, 13 }, center.Offsets.ToArray());
        float s = 1f / MathF.Sqrt(5f);
        Assert.Equal(new[] { s, s }, center.Scales.ToArray());
        Assert.Equal(-1 * s, scaled[0], 5);
        Assert.Equal(-3 * s, scaled[1], 5);
        Assert.Equal(3.0, Math.Abs(scaled[1] / scaled[0]), 5);
    }

    [Fact]
    public void Fit_Auto_CentresWhenFeaturesOutnumberSamplesAndStandardizesOtherwise()
    {
        Dataset wide = new([0, 10, 5, 2, 16, 9], [0, 1], featureCount: 3);
        Dataset tall = new([0, 10, 2, 16, 1, 13], [0, 1, 0], featureCount: 2);

        Assert.Equal(ScalingKind.Center, FeatureScaler.Fit(wide, ScalingKind.Auto).Kind);
        Assert.Equal(ScalingKind.Standardize, FeatureScaler.Fit(tall, ScalingKind.Auto).Kind);
        Assert.Equal(ScalingKind.MinMax, FeatureScaler.Resolve(ScalingKind.MinMax, 2, 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => FeatureScaler.FromParameters(ScalingKind.Auto, [0], [1]));
    }

    [Fact]
    public void Fit_MinMax_TrainColumnsSpanZeroToOne()
    {
        Dataset golub = CsvDatasetReader.Read(TestFiles.Fixture(TestFiles.Golub)).Dataset;

        Dataset scaled = FeatureScaler.Fit(golub, ScalingKind.MinMax).Transform(golub);

        var min = new float[golub.FeatureCount];
        var max = new float[golub.FeatureCount];
        Array.Fill(min, float.MaxValue);
        Array.Fill(max, float.MinValue);
        for (int i = 0; i < scaled.Count; i++)
        {
            ReadOnlySpan<float> row = scaled.Row(i);
            for (int j = 0; j < row.Length; j++)
            {
                min[j] = Math.Min(min[j], row[j]);
                max[j] = Math.Max(max[j], row[j]);
            }
        }

        Assert.All(min, v => Assert.Equal(0f, v));
        Assert.All(max, v => Assert.InRange(v, 1f - 1e-6f, 1f + 1e-6f));
    }

    [Fact]
    public void Transform_TestData_UsesTrainStatisticsNotRefit()
    {
        Dataset train = new([0, 10, 2, 20, 4, 30], [0, 1, 0], featureCount: 2);
        Dataset test = new([100, 100], [1], featureCount: 2);

        FeatureScaler scaler = FeatureScaler.Fit(train, ScalingKind.Standardize);
        float[] scaled = scaler.Transform(test).Features.ToArray();

        // Train column 0: mean 2, population std sqrt(8/3); column 1: mean 20, std sqrt(200/3).
        Assert.Equal((float)((100 - 2) / Math.Sqrt(8.0 / 3)), scaled[0], 4);
        Assert.Equal((float)((100 - 20) / Math.Sqrt(200.0 / 3)), scaled[1], 4);
    }

    [Fact]
    public void Transform_FeatureCountMismatch_ThrowsNamingArgument()
    {
        Dataset train = new([1, 2, 3, 4], [0, 1], featureCount: 2);
        Dataset other = new([1, 2, 3], [0], featureCount: 3);
        FeatureScaler scaler = FeatureScaler.Fit(train, ScalingKind.MinMax);

        var ex = Assert.Throws<ArgumentException>(() => scaler.Transform(other));
        var spanEx = Assert.Throws<ArgumentException>(() => scaler.Transform([1, 2, 3], 3));
        var raggedEx = Assert.Throws<ArgumentException>(() => scaler.Transform([1, 2, 3], 2));

        Assert.Equal("data", ex.ParamName);
        Assert.Contains("3 features", ex.Message);
        Assert.Equal("featureCount", spanEx.ParamName);
        Assert.Equal("rowMajor", raggedEx.ParamName);
    }

    [Fact]
    public void Fit_None_IsIdentity()
    {
        Dataset data = new([1.5f, -2, 3, 4], [0, 1], featureCount: 2);

        FeatureScaler scaler = FeatureScaler.Fit(data, ScalingKind.None);

        Assert.Equal(data.Features.ToArray(), scaler.Transform(data).Features.ToArray());
        Assert.Equal(ScalingKind.None, scaler.Kind);
    }

    [Fact]
    public void FromParameters_RoundTripsFittedScaler()
    {
        Dataset digits = CsvDatasetReader.Read(TestFiles.Fixture(TestFiles.Digits)).Dataset;
        FeatureScaler fitted = FeatureScaler.Fit(digits, ScalingKind.Standardize);

        FeatureScaler restored = FeatureScaler.FromParameters(fitted.Kind, fitted.Offsets.ToArray(), fitted.Scales.ToArray());

        Assert.Equal(ScalingKind.Standardize, restored.Kind);
        Assert.Equal(64, restored.FeatureCount);
        Assert.Equal(fitted.Transform(digits).Features.ToArray(), restored.Transform(digits).Features.ToArray());
    }

    [Fact]
    public void FromParameters_InvalidParameters_Throw()
    {
        Assert.Throws<ArgumentException>(() => FeatureScaler.FromParameters(ScalingKind.None, [], []));
        Assert.Throws<ArgumentException>(() => FeatureScaler.FromParameters(ScalingKind.None, [0, 0], [1]));
        Assert.Throws<ArgumentException>(() => FeatureScaler.FromParameters(ScalingKind.None, [float.NaN], [1]));
        Assert.Throws<ArgumentException>(() => FeatureScaler.FromParameters(ScalingKind.None, [0], [0]));
        Assert.Throws<ArgumentOutOfRangeException>(() => FeatureScaler.FromParameters((ScalingKind)7, [0], [1]));
        Assert.Throws<ArgumentOutOfRangeException>(() => FeatureScaler.Fit(new Dataset([1], [0], 1), (ScalingKind)7));
    }

    private static (double[] Mean, double[] Variance) ColumnMoments(Dataset data)
    {
        var mean = new double[data.FeatureCount];
        var variance = new double[data.FeatureCount];
        for (int j = 0; j < data.FeatureCount; j++)
        {
            for (int i = 0; i < data.Count; i++)
            {
                mean[j] += data.Row(i)[j];
            }

            mean[j] /= data.Count;
            for (int i = 0; i < data.Count; i++)
            {
                double d = data.Row(i)[j] - mean[j];
                variance[j] += d * d;
            }

            variance[j] /= data.Count;
        }

        return (mean, variance);
    }

    [Theory]
    [InlineData(ScalingKind.Standardize)]
    [InlineData(ScalingKind.MinMax)]
    public void TransformInPlace_GivesTheCopysValuesInTheSameArray(ScalingKind kind)
    {
        var random = new Random(9);
        float[] values = [.. Enumerable.Range(0, 40 * 7).Select(_ => (float)(random.NextDouble() * 50))];
        var data = new Dataset(values, [.. Enumerable.Range(0, 40).Select(i => i % 2)], 7);
        var scaler = FeatureScaler.Fit(data, kind);
        float[] copy = scaler.Transform(data).Features.ToArray();

        Dataset scaled = scaler.TransformInPlace(data);

        Assert.Same(data, scaled);
        Assert.Equal(copy, values);
    }

    [Fact]
    public void TransformInPlace_RefusesAnOverflowBeforeWritingAnything()
    {
        var scaler = FeatureScaler.FromParameters(ScalingKind.Standardize, [0f], [1e30f]);
        float[] values = [1f, 2f, 1e10f, 3f];
        var data = new Dataset((float[])values.Clone(), [0, 1, 0, 1], 1);

        var error = Assert.Throws<ArgumentException>(() => scaler.TransformInPlace(data));

        Assert.Contains("row 2", error.Message, StringComparison.Ordinal);
        Assert.Equal(values, data.Features.ToArray());
    }

    [Fact]
    public void Transform_RefusesAnOverflowNamingTheRowInBothOverloads()
    {
        var scaler = FeatureScaler.FromParameters(ScalingKind.Standardize, [0f, 0f], [1f, 1e30f]);
        float[] values = [1f, 2f, 3f, 1e10f];

        var rows = Assert.Throws<ArgumentException>(() => scaler.Transform(values, 2));
        var data = Assert.Throws<ArgumentException>(() => scaler.Transform(new Dataset(values, [0, 1], 2)));

        Assert.Equal("rowMajor", rows.ParamName);
        Assert.Contains("row 1, column 1", rows.Message, StringComparison.Ordinal);
        Assert.Equal("data", data.ParamName);
        Assert.Contains("row 1, column 1", data.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Transform_RowsToPredict_RefusesNaNNamingRowAndColumn()
    {
        var scaler = FeatureScaler.FromParameters(ScalingKind.MinMax, [0f, 0f, 0f], [1f, 1f, 1f]);

        var error = Assert.Throws<ArgumentException>(() => scaler.Transform([1f, 2f, 3f, 4f, float.NaN, 6f], 3));

        Assert.Contains("row 1, column 1 is NaN", error.Message, StringComparison.Ordinal);
    }
}
