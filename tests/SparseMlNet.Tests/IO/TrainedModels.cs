using SparseMlNet.Data;
using SparseMlNet.IO;
using SparseMlNet.Networks;
using SparseMlNet.Tests.Data;
using SparseMlNet.Training;

namespace SparseMlNet.Tests.IO;

/// <summary>Small models trained briefly on the real sklearn digits fixture (1797 × 64, 10 classes), with their scaler and names.</summary>
internal static class TrainedModels
{
    private static readonly Lazy<(Dataset Train, Dataset Test, IReadOnlyList<string> ClassNames)> Digits = new(() =>
    {
        CsvReadResult read = CsvDatasetReader.Read(TestFiles.Fixture(TestFiles.Digits));
        (Dataset train, Dataset test) = DataSplit.StratifiedSplit(read.Dataset, 0.2, seed: 7);
        return (train, test, read.ClassNames);
    });

    /// <summary>Held-out raw (unscaled) digits rows, for predictions.</summary>
    public static Dataset TestData => Digits.Value.Test;

    /// <summary>Trains a small network of the given kind for two epochs and bundles it with its Standardize scaler, class and feature names.</summary>
    public static ModelBundle Train(NetworkKind kind, int[] hidden, int seed = 3)
    {
        var (train, test, classNames) = Digits.Value;
        FeatureScaler scaler = FeatureScaler.Fit(train, ScalingKind.Standardize);
        var trainer = new MlpTrainer(new MlpTrainerOptions
        {
            Kind = kind,
            HiddenLayerSizes = hidden,
            Epsilon = 4,
            Epochs = 2,
            BatchSize = 64,
            Seed = seed,
        });
        MultilayerPerceptron network = trainer.Train(scaler.Transform(train), scaler.Transform(test));
        return new ModelBundle(network, scaler, classNames, train.FeatureNames);
    }
}
