using Microsoft.ML;
using Microsoft.ML.Data;
using SparseMlNet.ML.Tests.Support;
using SparseMlNet.ML.Trainers;
using SparseMlNet.Training;

namespace SparseMlNet.ML.Tests.Reliability;

/// <summary>The ML.NET layer's side of issue 11: labels that are not class indices, diverged training, rows of the wrong width.</summary>
public sealed class MlReliabilityTests
{
    [Fact]
    public void Fit_OneNumericLabelOfTwoBillion_NamesTheLabelColumnAndTheValues()
    {
        var ml = new MLContext(seed: 1);
        var rows = Enumerable.Range(0, 300).Select(i => new Row { Label = i == 299 ? 2_000_000_000f : i % 3, Features = [i % 7, i % 5, 1] }).ToList();
        var data = ml.Data.LoadFromEnumerable(rows);
        var trainer = ml.MulticlassClassification.Trainers.SparseMlp(hiddenLayerSizes: [4], epochs: 1);

        var ex = Assert.ThrowsAny<ArgumentException>(() => trainer.Fit(data));
        Assert.Contains("'Label'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("0, 1, 2, 2000000000", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("epsilon", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fit_LearningRate1e6OnUnscaledDigits_ThrowsTrainingDiverged()
    {
        var ml = new MLContext(seed: 1);
        var data = DigitsText.Loader(ml, asKey: true).Load(DigitsText.Path);
        var trainer = ml.MulticlassClassification.Trainers.SparseMlp(hiddenLayerSizes: [50], epochs: 3, learningRate: 1e6f);

        Assert.Throws<TrainingDivergedException>(() => trainer.Fit(data));
    }

    [Fact]
    public void Transform_RowsOfTheWrongWidth_NameTheColumnAndTheExpectedWidth()
    {
        var ml = new MLContext(seed: 1);
        var train = DigitsText.Loader(ml, asKey: true).Load(DigitsText.Path);
        var model = ml.MulticlassClassification.Trainers.SparseMlp(hiddenLayerSizes: [8], epsilon: 2, epochs: 1).Fit(train);
        var wrong = ml.Data.LoadFromEnumerable(Enumerable.Range(0, 5).Select(i => new Narrow { Features = new float[63] }));

        var ex = Assert.ThrowsAny<Exception>(() => model.Transform(wrong).GetColumn<uint>("PredictedLabel").ToArray());
        Assert.Contains("'Features'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("64", ex.Message, StringComparison.Ordinal);
    }

    private sealed class Row
    {
        public float Label { get; set; }

        [VectorType(3)]
        public float[] Features { get; set; } = [];
    }

    private sealed class Narrow
    {
        [VectorType(64)]
        public float[] Features { get; set; } = [];
    }
}
