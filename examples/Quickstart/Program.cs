// Quickstart: train a SET-MLP on the 1000 Fashion-MNIST images embedded in SparseMlNet, save it, load it back, check it predicts the same.
// Run: dotnet run --project examples/Quickstart -c Release [-- epochs]   (default 20)
using SparseMlNet.Data;
using SparseMlNet.IO;
using SparseMlNet.Networks;
using SparseMlNet.Training;

// 1. Data: hold out 20 % of each class for testing; fit the scaling on the training part only.
Dataset data = SampleData.FashionMnist1k();
var (train, test) = DataSplit.StratifiedSplit(data, testFraction: 0.2, seed: 42);
FeatureScaler scaler = FeatureScaler.Fit(train, ScalingKind.Standardize);

// 2. Train SET (Mocanu et al. 2018): sparse Erdős–Rényi layers (ε = 20) whose weakest fraction ζ = 0.3 of connections is replaced after every epoch.
var trainer = new MlpTrainer(new MlpTrainerOptions
{
    Kind = NetworkKind.Set,
    HiddenLayerSizes = [1000, 1000, 1000],
    Epsilon = 20,
    Zeta = 0.3,
    Epochs = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 20,
});
trainer.EpochCompleted += (_, m) =>
    Console.WriteLine($"epoch {m.Epoch,2}: test accuracy {m.TestAccuracy:P1} with {m.Layers.Sum(l => l.Nnz):N0} connections");
MultilayerPerceptron network = trainer.Train(scaler.Transform(train), scaler.Transform(test));

// 3. Save the network with its scaler and class names, so the file predicts on raw pixels; then load it back.
var model = new ModelBundle(network, scaler, SampleData.FashionMnistClassNames);
string path = Path.Combine(Path.GetTempPath(), "quickstart.spmlnet");
ModelSerializer.Save(model, path);
ModelBundle loaded = ModelSerializer.Load(path);

// 4. The reloaded model gives bit-for-bit the same class probabilities.
bool identical = model.Predict(test.Features).AsSpan().SequenceEqual(loaded.Predict(test.Features));
Console.WriteLine($"Saved {new FileInfo(path).Length:N0} bytes to {path}; reloaded predictions identical: {identical}");
int first = loaded.PredictClasses(test.Row(0))[0];
Console.WriteLine($"First test image: predicted {loaded.ClassName(first)}, actually {loaded.ClassName(test.Labels[0])}");
return identical ? 0 : 1;
