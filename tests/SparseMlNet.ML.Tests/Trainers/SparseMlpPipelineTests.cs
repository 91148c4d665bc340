using Microsoft.ML;
using Microsoft.ML.Data;
using SparseMlNet.ML.Tests.Support;
using SparseMlNet.ML.Trainers;

namespace SparseMlNet.ML.Tests.Trainers;

public class SparseMlpPipelineTests
{
    private static IEstimator<ITransformer> Pipeline(MLContext ml, int epochs = 8) =>
        ml.Transforms.Conversion.MapValueToKey("Label")
            .Append(ml.Transforms.NormalizeMinMax("Features"))
            .Append(ml.MulticlassClassification.Trainers.SparseMlp(hiddenLayerSizes: [128, 128], epsilon: 10, epochs: epochs, learningRate: 0.05f, seed: 7))
            .Append(ml.Transforms.Conversion.MapKeyToValue("PredictedLabel"));

    [Fact]
    public void FitEvaluate_Digits_AccuracyFarAboveChance()
    {
        var ml = new MLContext(seed: 1);
        var split = ml.Data.TrainTestSplit(TestData.Digits(ml), testFraction: 0.25, seed: 3);

        var model = Pipeline(ml).Fit(split.TrainSet);
        var metrics = ml.MulticlassClassification.Evaluate(model.Transform(split.TestSet));

        Assert.True(metrics.MacroAccuracy > 0.85, $"macro accuracy {metrics.MacroAccuracy:P1} (chance 10%)");
        Assert.True(metrics.LogLoss < 1.0, $"log-loss {metrics.LogLoss}");
        Assert.Equal(10, metrics.ConfusionMatrix.NumberOfClasses);
    }

    [Fact]
    public void Transform_AddsScoreAndPredictedLabelWithMulticlassAnnotations()
    {
        var ml = new MLContext(seed: 1);
        var data = TestData.Digits(ml);
        var keyed = ml.Transforms.Conversion.MapValueToKey("Label").Fit(data).Transform(data);
        var model = ml.MulticlassClassification.Trainers.SparseMlp(hiddenLayerSizes: [32], epochs: 1, seed: 1).Fit(keyed);

        var schema = model.Transform(keyed).Schema;

        var score = schema["Score"];
        Assert.Equal(new VectorDataViewType(NumberDataViewType.Single, 10), score.Type);
        var slotNames = default(VBuffer<ReadOnlyMemory<char>>);
        score.GetSlotNames(ref slotNames);
        Assert.Equal(Enumerable.Range(0, 10).Select(i => $"digit{i}"), slotNames.DenseValues().Select(v => v.ToString()).Order());
        Assert.Equal("MulticlassClassification", Annotation(score, "ScoreColumnKind"));
        Assert.Equal("Score", Annotation(score, "ScoreValueKind"));
        var predicted = schema["PredictedLabel"];
        Assert.Equal(new KeyDataViewType(typeof(uint), 10), predicted.Type);
        Assert.Equal("PredictedLabel", Annotation(predicted, "ScoreValueKind"));
        var keyValues = default(VBuffer<ReadOnlyMemory<char>>);
        predicted.GetKeyValues(ref keyValues);
        var labelValues = default(VBuffer<ReadOnlyMemory<char>>);
        keyed.Schema["Label"].GetKeyValues(ref labelValues);
        Assert.Equal(labelValues.DenseValues().Select(v => v.ToString()), keyValues.DenseValues().Select(v => v.ToString()));
    }

    [Fact]
    public void PredictionEngine_MatchesTransformAndMapsBackToText()
    {
        var ml = new MLContext(seed: 1);
        var data = TestData.Digits(ml);
        var model = Pipeline(ml, epochs: 3).Fit(data);
        var scored = ml.Data.CreateEnumerable<TextPrediction>(model.Transform(data), reuseRowObject: false).Take(50).ToList();
        var engine = ml.Model.CreatePredictionEngine<LabeledRow, TextPrediction>(model, inputSchemaDefinition: LabeledRow.Definition(64, null));

        var rows = ml.Data.CreateEnumerable<LabeledRow>(data, reuseRowObject: false).Take(50).ToList();
        for (int i = 0; i < rows.Count; i++)
        {
            var p = engine.Predict(rows[i]);
            Assert.Equal(scored[i].PredictedLabel, p.PredictedLabel);
            Assert.Equal(scored[i].Score, p.Score);
            Assert.StartsWith("digit", p.PredictedLabel, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void CrossValidate_WorksUnchanged()
    {
        var ml = new MLContext(seed: 1);
        var data = ml.Transforms.Conversion.MapValueToKey("Label").Append(ml.Transforms.NormalizeMinMax("Features")).Fit(TestData.Digits(ml)).Transform(TestData.Digits(ml));
        var trainer = ml.MulticlassClassification.Trainers.SparseMlp(hiddenLayerSizes: [64], epsilon: 10, epochs: 4, learningRate: 0.05f, seed: 2);

        var folds = ml.MulticlassClassification.CrossValidate(data, trainer, numberOfFolds: 3, seed: 5);

        Assert.Equal(3, folds.Count);
        Assert.All(folds, f => Assert.True(f.Metrics.MicroAccuracy > 0.7, $"fold {f.Fold}: {f.Metrics.MicroAccuracy:P1}"));
    }

    private static string Annotation(DataViewSchema.Column column, string kind)
    {
        ReadOnlyMemory<char> value = default;
        column.Annotations.GetValue(kind, ref value);
        return value.ToString();
    }
}
