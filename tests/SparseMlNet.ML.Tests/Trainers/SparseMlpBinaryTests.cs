using Microsoft.ML;
using Microsoft.ML.Data;
using SparseMlNet.ML.Tests.Support;
using SparseMlNet.ML.Trainers;

namespace SparseMlNet.ML.Tests.Trainers;

/// <summary>The binary trainer on Golub's leukemia data (38 × 3051, ALL vs AML): the columns ML.NET's binary evaluator reads, cross-validation, and label errors.</summary>
public sealed class SparseMlpBinaryTests
{
    private static SparseMlpOptions Small() => new() { HiddenLayerSizes = [64], Epsilon = 10, Epochs = 30, BatchSize = 8, Seed = 4 };

    [Fact]
    public void Fit_GivesScoreProbabilityAndBooleanPredictedLabelThatEvaluateReads()
    {
        var ml = new MLContext(seed: 1);
        var data = TestData.GolubBinary(ml);
        var model = ml.BinaryClassification.Trainers.SparseMlp(Small()).Fit(data);
        var scored = model.Transform(data);

        Assert.Equal(NumberDataViewType.Single, scored.Schema["Score"].Type);
        Assert.Equal(NumberDataViewType.Single, scored.Schema["Probability"].Type);
        Assert.Equal(BooleanDataViewType.Instance, scored.Schema["PredictedLabel"].Type);
        var metrics = ml.BinaryClassification.Evaluate(scored);
        Assert.True(metrics.AreaUnderRocCurve > 0.95, $"training AUC {metrics.AreaUnderRocCurve:F3}");
        Assert.InRange(metrics.F1Score, 0.8, 1.0);

        var scores = scored.GetColumn<float>("Score").ToArray();
        var probabilities = scored.GetColumn<float>("Probability").ToArray();
        var predicted = scored.GetColumn<bool>("PredictedLabel").ToArray();
        for (int i = 0; i < scores.Length; i++)
        {
            Assert.InRange(probabilities[i], 0f, 1f);
            Assert.Equal(scores[i] > 0, predicted[i]);
            Assert.Equal(1 / (1 + Math.Exp(-scores[i])), probabilities[i], 3);
        }
    }

    [Fact]
    public void GetOutputSchema_MatchesTheFittedSchema()
    {
        var ml = new MLContext(seed: 1);
        var data = TestData.GolubBinary(ml);
        var trainer = ml.BinaryClassification.Trainers.SparseMlp(Small());
        var shape = trainer.GetOutputSchema(ShapeOf.Schema(data.Schema));

        var fitted = trainer.Fit(data).GetOutputSchema(data.Schema);
        foreach (string name in new[] { "Score", "Probability", "PredictedLabel" })
        {
            var column = Assert.Single(shape, c => c.Name == name);
            Assert.Equal(fitted[name].Type.RawType, column.ItemType.RawType);
        }
    }

    [Fact]
    public void CrossValidate_RunsWithTheBinaryTrainer()
    {
        var ml = new MLContext(seed: 1);
        var data = TestData.GolubBinary(ml);
        var options = Small();
        options.Epochs = 15;
        var folds = ml.BinaryClassification.CrossValidate(data, ml.BinaryClassification.Trainers.SparseMlp(options), numberOfFolds: 3, seed: 2);
        Assert.Equal(3, folds.Count);
        Assert.True(folds.Average(f => f.Metrics.AreaUnderRocCurve) > 0.8, $"mean held-out AUC {folds.Average(f => f.Metrics.AreaUnderRocCurve):F3}");
    }

    [Fact]
    public void Fit_NonBooleanLabelIsASchemaErrorNamingTheColumn()
    {
        var ml = new MLContext(seed: 1);
        var data = ml.Transforms.Conversion.MapValueToKey("Label").Fit(TestData.Golub(ml)).Transform(TestData.Golub(ml));
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => ml.BinaryClassification.Trainers.SparseMlp(Small()).Fit(data));
        Assert.Contains("label column 'Label'", error.Message);
        Assert.Contains("Boolean", error.Message);
    }

    [Fact]
    public void MulticlassTrainer_BooleanLabelIsASchemaErrorPointingToTheBinaryTrainer()
    {
        var ml = new MLContext(seed: 1);
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => ml.MulticlassClassification.Trainers.SparseMlp(Small()).Fit(TestData.GolubBinary(ml)));
        Assert.Contains("label column 'Label'", error.Message);
        Assert.Contains("BinaryClassification.Trainers.SparseMlp", error.Message);
    }
}
