// Fashion-MNIST in an ordinary ML.NET pipeline: load → normalise → SparseMlp (SET-MLP) → Evaluate → save → reload in a new MLContext → predict.
// Data: the full Fashion-MNIST (60000 + 10000 images) when installed (Debian: apt-get install dataset-fashion-mnist), otherwise the
// 1000 images embedded in SparseMlNet, split 80/20.
// Run: dotnet run --project examples/FashionMnistMlNet -c Release [-- epochs [--sample]]   (default 10 epochs; the SET paper trains 100;
//      --sample uses the embedded 1000 images even where the full set is installed)
using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using SparseMlNet.Data;
using SparseMlNet.ML.Persistence;
using SparseMlNet.ML.Trainers;
using SparseMlNet.Networks;

int epochs = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10;
bool sampleOnly = args.Contains("--sample");
var ml = new MLContext(seed: 1);

// 1. Load: images as rows of 784 pixel values (0..255) with a text label.
const string Installed = "/usr/share/datasets/fashion-mnist";
IDataView train, test;
if (!sampleOnly && File.Exists(Path.Combine(Installed, "train-images-idx3-ubyte.gz")))
{
    train = ToDataView(ml, IdxReader.ReadDataset(Path.Combine(Installed, "train-images-idx3-ubyte.gz"), Path.Combine(Installed, "train-labels-idx1-ubyte.gz"), 10));
    test = ToDataView(ml, IdxReader.ReadDataset(Path.Combine(Installed, "t10k-images-idx3-ubyte.gz"), Path.Combine(Installed, "t10k-labels-idx1-ubyte.gz"), 10));
    Console.WriteLine("Full Fashion-MNIST: 60000 training and 10000 test images.");
}
else
{
    var split = ml.Data.TrainTestSplit(ToDataView(ml, SampleData.FashionMnist1k()), testFraction: 0.2, seed: 42);
    (train, test) = (split.TrainSet, split.TestSet);
    Console.WriteLine("Embedded sample: 1000 Fashion-MNIST images, 80/20 split (install dataset-fashion-mnist for the full set).");
}

// 2. Pipeline: label text → key, pixels scaled to [0, 1], SET-MLP with three sparse hidden layers, predicted key → label text.
var pipeline = ml.Transforms.Conversion.MapValueToKey("Label")
    .Append(ml.Transforms.NormalizeMinMax("Features"))
    .Append(ml.MulticlassClassification.Trainers.SparseMlp(new SparseMlpOptions
    {
        Kind = NetworkKind.Set,
        HiddenLayerSizes = [1000, 1000, 1000],
        Epsilon = 20,
        Zeta = 0.3,
        Epochs = epochs,
        LogContext = ml,
    }))
    .Append(ml.Transforms.Conversion.MapKeyToValue("PredictedLabel"));
ml.Log += (_, e) =>
{
    if (e.Kind != Microsoft.ML.Runtime.ChannelMessageKind.Trace && e.Source.StartsWith("SparseMlp", StringComparison.Ordinal))
    {
        Console.WriteLine(e.RawMessage);
    }
};

var model = pipeline.Fit(train);

// 3. Evaluate with ML.NET's own evaluator.
var metrics = ml.MulticlassClassification.Evaluate(model.Transform(test));
Console.WriteLine($"Test: micro accuracy {metrics.MicroAccuracy:P2}, macro accuracy {metrics.MacroAccuracy:P2}, log-loss {metrics.LogLoss:F4}");
Console.WriteLine(metrics.ConfusionMatrix.GetFormattedConfusionTable());

// 4. Save (ML.NET parts via mlContext.Model.Save, the SET-MLP in SparseMlNet's format, one file) and reload in a fresh context.
string path = Path.Combine(Path.GetTempPath(), "fashion-mnist-sparsemlp.zip");
ml.Model.SaveSparseMlNet(model, train.Schema, path);
var reloadContext = new MLContext();
ITransformer reloaded = reloadContext.Model.LoadSparseMlNet(path, out var inputSchema);
Console.WriteLine($"Saved to {path} ({new FileInfo(path).Length / 1024.0:F0} KiB) and reloaded ({inputSchema!.Count} input columns).");

// 5. Predict single images with a PredictionEngine on the reloaded model; it agrees with the original.
var engine = reloadContext.Model.CreatePredictionEngine<Image, Prediction>(reloaded, inputSchemaDefinition: Image.Definition());
var original = ml.Model.CreatePredictionEngine<Image, Prediction>(model, inputSchemaDefinition: Image.Definition());
int agree = 0, shown = 0, compared = 0;
foreach (var image in ml.Data.CreateEnumerable<Image>(test, reuseRowObject: false, schemaDefinition: Image.Definition()).Take(200))
{
    var p = engine.Predict(image);
    compared++;
    agree += p.PredictedLabel == original.Predict(image).PredictedLabel ? 1 : 0;
    if (shown++ < 5)
    {
        Console.WriteLine($"true {image.Label,-12} predicted {p.PredictedLabel,-12} (p = {p.Score.Max():P1})");
    }
}

Console.WriteLine($"Reloaded and original model agree on {agree} of {compared} test images.");
return agree == compared ? 0 : 1;

static IDataView ToDataView(MLContext ml, Dataset data)
{
    var rows = new List<Image>(data.Count);
    for (int i = 0; i < data.Count; i++)
    {
        rows.Add(new Image { Label = SampleData.FashionMnistClassNames[data.Labels[i]], Features = data.Row(i).ToArray() });
    }

    return ml.Data.LoadFromEnumerable(rows, Image.Definition());
}

/// <summary>One image: class name and 784 pixel values.</summary>
internal sealed class Image
{
    public string Label { get; set; } = "";

    public float[] Features { get; set; } = [];

    public static SchemaDefinition Definition()
    {
        var definition = SchemaDefinition.Create(typeof(Image));
        definition[nameof(Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, 784);
        return definition;
    }
}

/// <summary>The pipeline's outputs: the predicted class name and the class probabilities.</summary>
internal sealed class Prediction
{
    public string PredictedLabel { get; set; } = "";

    public float[] Score { get; set; } = [];
}
