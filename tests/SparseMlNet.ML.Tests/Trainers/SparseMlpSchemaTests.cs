using Microsoft.ML;
using Microsoft.ML.Data;
using SparseMlNet.ML.Tests.Support;
using SparseMlNet.ML.Trainers;

namespace SparseMlNet.ML.Tests.Trainers;

public class SparseMlpSchemaTests
{
    public static TheoryData<string> LabelKinds => ["text key", "loader key", "single", "int32"];

    [Theory]
    [MemberData(nameof(LabelKinds))]
    public void GetOutputSchema_MatchesTheFittedTransformersSchema(string labelKind)
    {
        var ml = new MLContext(seed: 1);
        var (loader, prefix) = labelKind switch
        {
            "text key" => (DigitsText.Loader(ml, DataKind.String), (IEstimator<ITransformer>)ml.Transforms.Conversion.MapValueToKey("Label")),
            "loader key" => (DigitsText.Loader(ml, asKey: true), new EstimatorChain<ITransformer>()),
            "single" => (DigitsText.Loader(ml, DataKind.Single), new EstimatorChain<ITransformer>()),
            _ => (DigitsText.Loader(ml, DataKind.Int32), new EstimatorChain<ITransformer>()),
        };
        var pipeline = prefix.Append(ml.MulticlassClassification.Trainers.SparseMlp(hiddenLayerSizes: [16], epochs: 1));

        var predicted = loader.Append(pipeline).GetOutputSchema();
        var data = loader.Load(DigitsText.Path);
        var actual = pipeline.Fit(data).Transform(data).Schema;

        Assert.Equal(Describe(predicted), Describe(actual));
        Assert.Contains(predicted, c => c.Name == "Score");
        Assert.Contains(predicted, c => c.Name == "PredictedLabel" && c.IsKey);
    }

    [Fact]
    public void NumericLabel_PredictedLabelMapsBackToTheNumber()
    {
        var ml = new MLContext(seed: 1);
        var data = DigitsText.Loader(ml, DataKind.Int32).Load(DigitsText.Path);
        var model = ml.Transforms.NormalizeMinMax("Features")
            .Append(ml.MulticlassClassification.Trainers.SparseMlp(hiddenLayerSizes: [64], epsilon: 10, epochs: 5, learningRate: 0.05f))
            .Append(ml.Transforms.Conversion.MapKeyToValue("PredictedNumber", "PredictedLabel"))
            .Fit(data);

        var scored = model.Transform(data);
        var labels = scored.GetColumn<int>("Label").ToArray();
        var predicted = scored.GetColumn<int>("PredictedNumber").ToArray();

        Assert.Equal(typeof(int), scored.Schema["PredictedNumber"].Type.RawType);
        double accuracy = labels.Zip(predicted).Count(p => p.First == p.Second) / (double)labels.Length;
        Assert.True(accuracy > 0.8, $"training accuracy {accuracy:P1}");
    }

    [Fact]
    public void FitAndGetOutputSchema_MissingFeatureColumn_NameTheColumn()
    {
        var ml = new MLContext();
        var loader = DigitsText.Loader(ml, asKey: true);
        var trainer = ml.MulticlassClassification.Trainers.SparseMlp(featureColumnName: "Pixels", hiddenLayerSizes: [4], epochs: 1);

        var fit = Assert.Throws<ArgumentOutOfRangeException>(() => trainer.Fit(loader.Load(DigitsText.Path)));
        var shape = Assert.Throws<ArgumentOutOfRangeException>(() => loader.Append(trainer).GetOutputSchema());

        Assert.Contains("Could not find feature column 'Pixels'", fit.Message, StringComparison.Ordinal);
        Assert.Contains("Could not find feature column 'Pixels'", shape.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FitAndGetOutputSchema_MissingLabelColumn_NameTheColumn()
    {
        var ml = new MLContext();
        var loader = DigitsText.Loader(ml, asKey: true);
        var trainer = ml.MulticlassClassification.Trainers.SparseMlp(labelColumnName: "Digit", hiddenLayerSizes: [4], epochs: 1);

        var fit = Assert.Throws<ArgumentOutOfRangeException>(() => trainer.Fit(loader.Load(DigitsText.Path)));
        var shape = Assert.Throws<ArgumentOutOfRangeException>(() => loader.Append(trainer).GetOutputSchema());

        Assert.Contains("Could not find label column 'Digit'", fit.Message, StringComparison.Ordinal);
        Assert.Contains("Could not find label column 'Digit'", shape.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FitAndGetOutputSchema_VariableSizeFeatures_ExpectKnownSizeVector()
    {
        var ml = new MLContext();
        var data = SmallData.View(
            4,
            ("Label", new KeyDataViewType(typeof(uint), 2), i => (uint)(i % 2 + 1)),
            ("Features", new VectorDataViewType(NumberDataViewType.Single), i => new VBuffer<float>(i + 1, new float[i + 1])));
        var trainer = ml.MulticlassClassification.Trainers.SparseMlp(hiddenLayerSizes: [4], epochs: 1);
        var tokens = ml.Data.CreateTextLoader([new TextLoader.Column("Label", DataKind.Single, 0), new TextLoader.Column("Text", DataKind.String, 1)])
            .Append(ml.Transforms.Text.TokenizeIntoWords("Tokens", "Text"))
            .Append(ml.Transforms.Conversion.ConvertType("Features", "Tokens", DataKind.Single));

        var fit = Assert.Throws<ArgumentOutOfRangeException>(() => trainer.Fit(data));
        var shape = Assert.Throws<ArgumentOutOfRangeException>(() => tokens.Append(trainer).GetOutputSchema());

        Assert.Contains("Schema mismatch for feature column 'Features': expected known-size vector of Single, got Vector<Single>", fit.Message, StringComparison.Ordinal);
        Assert.Contains("Schema mismatch for feature column 'Features': expected known-size vector of Single, got VarVector<Single>", shape.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FitAndGetOutputSchema_DoubleFeatures_ExpectSingle()
    {
        var ml = new MLContext();
        var data = SmallData.View(
            4,
            ("Label", new KeyDataViewType(typeof(uint), 2), i => (uint)(i % 2 + 1)),
            ("Features", new VectorDataViewType(NumberDataViewType.Double, 3), i => new VBuffer<double>(3, [i, 1.0, 2.0])));
        var trainer = ml.MulticlassClassification.Trainers.SparseMlp(hiddenLayerSizes: [4], epochs: 1);

        var fit = Assert.Throws<ArgumentOutOfRangeException>(() => trainer.Fit(data));
        var shape = Assert.Throws<ArgumentOutOfRangeException>(() => ml.Data.CreateTextLoader([new TextLoader.Column("Label", DataKind.Single, 0), new TextLoader.Column("Features", DataKind.Double, 1, 3)]).Append(trainer).GetOutputSchema());

        Assert.Contains("Schema mismatch for feature column 'Features': expected known-size vector of Single, got Vector<Double, 3>", fit.Message, StringComparison.Ordinal);
        Assert.Contains("Schema mismatch for feature column 'Features': expected known-size vector of Single, got Vector<Double>", shape.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FitAndGetOutputSchema_TextLabel_ExpectKeyOrNumber()
    {
        var ml = new MLContext();
        var loader = DigitsText.Loader(ml, DataKind.String);
        var trainer = ml.MulticlassClassification.Trainers.SparseMlp(hiddenLayerSizes: [4], epochs: 1);

        var fit = Assert.Throws<ArgumentOutOfRangeException>(() => trainer.Fit(loader.Load(DigitsText.Path)));
        var shape = Assert.Throws<ArgumentOutOfRangeException>(() => loader.Append(trainer).GetOutputSchema());

        Assert.Contains("Schema mismatch for label column 'Label': expected Key or a numeric scalar", fit.Message, StringComparison.Ordinal);
        Assert.Contains("got String", fit.Message, StringComparison.Ordinal);
        Assert.Contains("Schema mismatch for label column 'Label': expected Key or a numeric scalar", shape.Message, StringComparison.Ordinal);
        Assert.Contains("MapValueToKey", shape.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fit_FractionalNumericLabel_NamesValueAndRow()
    {
        var ml = new MLContext();
        var data = SmallData.View(
            4,
            ("Label", NumberDataViewType.Single, i => i == 2 ? 0.5f : i % 2),
            ("Features", new VectorDataViewType(NumberDataViewType.Single, 2), i => new VBuffer<float>(2, [i, 1f])));

        var error = Assert.Throws<ArgumentException>(() => ml.MulticlassClassification.Trainers.SparseMlp(hiddenLayerSizes: [4], epochs: 1).Fit(data));

        Assert.Contains("value 0.5 at row 2", error.Message, StringComparison.Ordinal);
        Assert.Contains("MapValueToKey", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Transform_FeatureVectorOfAnotherLength_ExpectsTrainingLength()
    {
        var ml = new MLContext();
        var data = DigitsText.Loader(ml, asKey: true).Load(DigitsText.Path);
        var model = ml.MulticlassClassification.Trainers.SparseMlp(hiddenLayerSizes: [4], epochs: 1).Fit(data);
        var other = SmallData.View(2, ("Features", new VectorDataViewType(NumberDataViewType.Single, 10), _ => new VBuffer<float>(10, new float[10])));

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => model.Transform(other));

        Assert.Contains("Schema mismatch for feature column 'Features': expected Vector<Single, 64>, got Vector<Single, 10>", error.Message, StringComparison.Ordinal);
    }

    private static List<string> Describe(SchemaShape shape) =>
        shape.Select(c => $"{c.Name}:{c.Kind}:{c.ItemType}:{c.IsKey}:[{string.Join(",", c.Annotations.Select(a => a.Name).Order(StringComparer.Ordinal))}]").Order(StringComparer.Ordinal).ToList();

    private static List<string> Describe(DataViewSchema schema) =>
        schema.Where(c => !c.IsHidden).Select(c =>
        {
            var kind = c.Type is VectorDataViewType v ? (v.IsKnownSize ? SchemaShape.Column.VectorKind.Vector : SchemaShape.Column.VectorKind.VariableVector) : SchemaShape.Column.VectorKind.Scalar;
            var item = c.Type is VectorDataViewType vec ? vec.ItemType : c.Type;
            bool key = item is KeyDataViewType;
            var shown = key ? NumberDataViewType.UInt32 : item;
            if (key && item.RawType != typeof(uint))
            {
                shown = item;
            }

            return $"{c.Name}:{kind}:{(key ? $"{KeyRaw(item)}" : shown)}:{key}:[{string.Join(",", c.Annotations.Schema.Select(a => a.Name).Order(StringComparer.Ordinal))}]";
        }).Order(StringComparer.Ordinal).ToList();

    private static string KeyRaw(DataViewType key) => key.RawType == typeof(uint) ? "UInt32" : key.RawType.Name;
}
