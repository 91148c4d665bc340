using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using SparseMlNet.Data;
using SparseMlNet.IO;
using SparseMlNet.Networks;
using SparseMlNet.Networks.Activations;
using SparseMlNet.Networks.Losses;
using SparseMlNet.Tests.Data;
using SparseMlNet.Topology;
using SparseMlNet.Training;

namespace SparseMlNet.Tests.IO;

/// <summary>Format 2's training-policy section: each policy round-trips, and format-1 files (written by the previous build) still load unchanged.</summary>
public sealed class TrainingPolicyFormatTests
{
    public static TheoryData<string> Policies => ["set", "set-cosine", "rigl", "rigl-dt", "set-prune", "stop-and-output", "no-neuron-counts"];

    [Theory]
    [MemberData(nameof(Policies))]
    public void SaveLoad_EachPolicy_RoundTripsFieldByField(string name)
    {
        var network = Network();
        TrainingPolicy policy = name switch
        {
            "set" => new(GrowthKind.Random, 0.3, ZetaSchedule.Constant, 1, null, null, null, false, [0]),
            "set-cosine" => new(GrowthKind.Random, 0.3, ZetaSchedule.Cosine, 1, null, null, null, false, [0]),
            "rigl" => new(GrowthKind.Gradient, 0.3, ZetaSchedule.Constant, 2, null, null, null, false, [0]),
            "rigl-dt" => new(GrowthKind.Gradient, 0.25, ZetaSchedule.Cosine, 1, 100, 75, null, false, [0]),
            "set-prune" => new(GrowthKind.Random, 0.3, ZetaSchedule.Constant, 1, null, null, 0.7, false, [3]),
            "stop-and-output" => new(GrowthKind.Random, 0.1, ZetaSchedule.Constant, 3, null, 9, null, true, [0]),
            _ => new(GrowthKind.Random, 0.3, ZetaSchedule.Constant, 1, null, null, 0.5, false, null),
        };
        var model = new ModelBundle(network, policy: policy);

        var loaded = RoundTrip(model);

        Assert.Equal(policy, loaded.Policy);
        Assert.Equal(network.Predict(Inputs()), loaded.Network.Predict(Inputs()));
    }

    [Fact]
    public void SaveLoad_WithoutPolicy_LoadsNull()
    {
        Assert.Null(RoundTrip(new ModelBundle(Network())).Policy);
    }

    [Fact]
    public void From_TrainingWithNeuronPruning_RecordsTheOptionsAndTheNeuronsEachLayerLost()
    {
        var (train, _) = TestNetworks.Digits;
        var options = new MlpTrainerOptions { HiddenLayerSizes = [128, 128], Epsilon = 4, Epochs = 6, BatchSize = 32, Seed = 4, NeuronPruneThreshold = 0.6, ZetaSchedule = ZetaSchedule.Cosine };
        var network = new MlpTrainer(options).Train(train);

        var policy = TrainingPolicy.From(options, network)!;

        Assert.Equal((GrowthKind.Random, 0.3, ZetaSchedule.Cosine, 0.6), (policy.Growth, policy.Zeta, policy.ZetaSchedule, policy.NeuronPruneThreshold));
        Assert.Equal([128 - network.Layers[0].Outputs, 128 - network.Layers[1].Outputs], policy.NeuronsRemoved!);
        Assert.True(policy.NeuronsRemoved!.Sum() > 0, "this run removes neurons");
        Assert.Equal(policy, RoundTrip(new ModelBundle(network, policy: policy)).Policy);
        Assert.Null(TrainingPolicy.From(new MlpTrainerOptions { Kind = NetworkKind.FixProb }, network));
    }

    [Fact]
    public void ModelBundle_NeuronsRemovedOfTheWrongLength_IsRefused()
    {
        var policy = new TrainingPolicy(GrowthKind.Random, 0.3, ZetaSchedule.Constant, 1, null, null, null, false, [0, 0]);
        var error = Assert.Throws<ArgumentException>(() => new ModelBundle(Network(), policy: policy));
        Assert.Equal("policy", error.ParamName);
    }

    [Fact]
    public void Load_UnknownGrowthCodeWithValidChecksum_IsCorrupt()
    {
        var policy = new TrainingPolicy(GrowthKind.Gradient, 0.3, ZetaSchedule.Constant, 1, null, null, null, false, [0]);
        byte[] bytes = Serialize(new ModelBundle(Network(), policy: policy));
        // The policy section is the last 4 + 4 (count, one entry) + 1 + 8 + 4 + 4 + 4 + 1 + 8 + 1 bytes before the checksum; its growth code follows the flag.
        int growth = bytes.Length - 32 - (4 + 4 + 1 + 8 + 4 + 4 + 4 + 1 + 8 + 1);
        Assert.Equal(1, bytes[growth - 1]);
        Assert.Equal(1, bytes[growth]);
        bytes[growth] = 9;
        SHA256.HashData(bytes.AsSpan(0, bytes.Length - 32), bytes.AsSpan(bytes.Length - 32));

        var error = Assert.Throws<InvalidDataException>(() => ModelSerializer.Load(new MemoryStream(bytes)));
        Assert.Contains("unknown growth kind code 9", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_FormatVersion1File_ReadsUnchanged_AndResavesAsVersion2()
    {
        // Written by the previous build (format 1, see TestData/README.md), with that build's predictions of the first 20 digits rows.
        string path = TestFiles.Fixture("model-format-v1-digits.spmlnet");
        Assert.Equal(1u, BinaryPrimitives.ReadUInt32LittleEndian(File.ReadAllBytes(path).AsSpan(8)));
        var digits = CsvDatasetReader.Read(TestFiles.Fixture(TestFiles.Digits)).Dataset;
        string[][] expected = [.. File.ReadAllLines(TestFiles.Fixture("model-format-v1-digits.predictions.csv")).Skip(1).Select(l => l.Split(','))];

        ModelBundle model = ModelSerializer.Load(path);

        Assert.Null(model.Policy);
        Assert.Equal([64, 16, 10], [model.Network.InputCount, model.Network.Layers[0].Outputs, model.Network.OutputCount]);
        float[] raw = digits.Features[..(expected.Length * 64)].ToArray();
        float[] probabilities = model.Predict(raw);
        int[] classes = model.PredictClasses(raw);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.Equal(int.Parse(expected[i][1], CultureInfo.InvariantCulture), classes[i]);
            for (int k = 0; k < 10; k++)
            {
                // The CSV holds the old build's floats to 8-9 significant digits; batch-size-dependent summation can move the last bit.
                float old = float.Parse(expected[i][3 + k], CultureInfo.InvariantCulture);
                Assert.InRange(probabilities[(i * 10) + k], old - 1e-6f, old + 1e-6f);
            }
        }

        byte[] resaved = Serialize(model);
        Assert.Equal(2u, BinaryPrimitives.ReadUInt32LittleEndian(resaved.AsSpan(8)));
        Assert.Equal(probabilities, ModelSerializer.Load(new MemoryStream(resaved)).Predict(raw));
    }

    private static MultilayerPerceptron Network() =>
        MultilayerPerceptron.Create(NetworkKind.Set, [12, 6, 3], 2, ActivationKind.Relu, ActivationKind.Identity, LossKind.SoftmaxCrossEntropy, seed: 2);

    private static float[] Inputs() => [.. Enumerable.Range(0, 24).Select(i => (float)Math.Sin(i))];

    private static byte[] Serialize(ModelBundle model)
    {
        using var stream = new MemoryStream();
        ModelSerializer.Save(model, stream);
        return stream.ToArray();
    }

    private static ModelBundle RoundTrip(ModelBundle model) => ModelSerializer.Load(new MemoryStream(Serialize(model)));
}
