using System.Buffers.Binary;
using System.Security.Cryptography;
using SparseMlNet.Data;
using SparseMlNet.IO;
using SparseMlNet.Networks;
using SparseMlNet.Networks.Activations;
using SparseMlNet.Networks.Layers;

namespace SparseMlNet.Tests.IO;

public sealed class ModelSerializerTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("sparsemlnet-io-tests-");

    public void Dispose() => _folder.Delete(recursive: true);

    [Theory]
    [InlineData(NetworkKind.Set)]
    [InlineData(NetworkKind.FixProb)]
    [InlineData(NetworkKind.Dense)]
    public void SaveLoad_TrainedModel_PredictsBitwiseIdentically(NetworkKind kind)
    {
        ModelBundle model = TrainedModels.Train(kind, [48, 24]);
        string path = PathOf("model.spmlnet");

        ModelSerializer.Save(model, path);
        ModelBundle loaded = ModelSerializer.Load(path);

        ReadOnlySpan<float> raw = TrainedModels.TestData.Features;
        Assert.Equal(model.Predict(raw), loaded.Predict(raw));
        Assert.Equal(model.PredictClasses(raw), loaded.PredictClasses(raw));
        // Bitwise, not just approximately: compare the raw bit patterns of the probabilities.
        Assert.Equal(
            model.Predict(raw).Select(BitConverter.SingleToInt32Bits),
            loaded.Predict(raw).Select(BitConverter.SingleToInt32Bits));
    }

    [Fact]
    public void SaveLoad_SetModel_RestoresStructureScalerAndNames()
    {
        ModelBundle model = TrainedModels.Train(NetworkKind.Set, [40, 20]);
        string path = PathOf("set.spmlnet");

        ModelSerializer.Save(model, path);
        ModelBundle loaded = ModelSerializer.Load(path);

        Assert.Equal(model.Network.Kind, loaded.Network.Kind);
        Assert.Equal(model.Network.Loss, loaded.Network.Loss);
        Assert.Equal(model.Network.LayerSizes, loaded.Network.LayerSizes);
        for (int l = 0; l < model.Network.Layers.Count; l++)
        {
            var expected = Assert.IsType<SparseLayer>(model.Network.Layers[l]);
            var actual = Assert.IsType<SparseLayer>(loaded.Network.Layers[l]);
            Assert.Equal(expected.Matrix.RowOffsets.ToArray(), actual.Matrix.RowOffsets.ToArray());
            Assert.Equal(expected.Matrix.ConnectionColumns.ToArray(), actual.Matrix.ConnectionColumns.ToArray());
            Assert.Equal(expected.Matrix.Weights.ToArray(), actual.Matrix.Weights.ToArray());
            Assert.Equal(expected.Biases.ToArray(), actual.Biases.ToArray());
            Assert.Equal(expected.Initialization, actual.Initialization);
            Assert.Equal(model.Network.Activations[l].Kind, loaded.Network.Activations[l].Kind);
            Assert.Equal(model.Network.Activations[l].NegativeSlope, loaded.Network.Activations[l].NegativeSlope);
            Assert.All(actual.Velocity, v => Assert.Equal(0f, v));
        }

        Assert.NotNull(loaded.Scaler);
        Assert.Equal(ScalingKind.Standardize, loaded.Scaler.Kind);
        Assert.Equal(model.Scaler!.Offsets.ToArray(), loaded.Scaler.Offsets.ToArray());
        Assert.Equal(model.Scaler.Scales.ToArray(), loaded.Scaler.Scales.ToArray());
        Assert.Equal(model.ClassNames, loaded.ClassNames);
        Assert.Equal(model.FeatureNames, loaded.FeatureNames);
        Assert.Equal(64, loaded.FeatureNames!.Count);
    }

    [Fact]
    public void SaveLoad_AllReluNetworkWithoutScalerOrNames_RoundTripsThroughStream()
    {
        var network = MultilayerPerceptron.Create(
            NetworkKind.Set, [64, 30, 20, 10], 5, ActivationKind.AllRelu, ActivationKind.Identity, global::SparseMlNet.Networks.Losses.LossKind.SoftmaxCrossEntropy, seed: 11, allReluAlpha: 0.75f);
        var model = new ModelBundle(network);
        using var stream = new MemoryStream();

        ModelSerializer.Save(model, stream);
        stream.Position = 0;
        ModelBundle loaded = ModelSerializer.Load(stream);

        Assert.Null(loaded.Scaler);
        Assert.Null(loaded.ClassNames);
        Assert.Null(loaded.FeatureNames);
        Assert.Equal([-0.75f, 0.75f, 0f], loaded.Network.Activations.Select(a => a.NegativeSlope)); // All-ReLU: first hidden layer −α, second +α
        Assert.Equal("7", loaded.ClassName(7));
        float[] raw = TrainedModels.TestData.Features.ToArray();
        Assert.Equal(model.Predict(raw), loaded.Predict(raw));
    }

    [Fact]
    public void Save_SparseModel_TakesTwelveBytesPerConnection()
    {
        var network = MultilayerPerceptron.Create(
            NetworkKind.Set, [300, 200, 10], 3, ActivationKind.Relu, ActivationKind.Identity, global::SparseMlNet.Networks.Losses.LossKind.SoftmaxCrossEntropy, seed: 5);
        using var stream = new MemoryStream();

        ModelSerializer.Save(new ModelBundle(network), stream);

        // Header 12 + network 6 + per layer (15 + 4·n_out bias + 4 nnz + 4(n_out + 1) row pointers + 8 nnz) + 4 flags (scaler, names ×2, policy) + checksum 32.
        long expected = 12 + 6 + 4 + 32 + network.Layers.Sum(l => 15 + (4L * l.Outputs) + 4 + (4L * (l.Outputs + 1)) + (8 * l.ConnectionCount));
        Assert.Equal(expected, stream.Length);
        Assert.True(stream.Length < 300L * 200 * 4 / 5, "a sparse model file must be far smaller than the dense weight matrix");
    }

    [Fact]
    public void Save_WritesMagicVersionAndTrailingSha256()
    {
        string path = PathOf("header.spmlnet");
        ModelSerializer.Save(SmallModel(), path);
        byte[] bytes = File.ReadAllBytes(path);

        Assert.Equal("SPMLNET\0"u8.ToArray(), bytes[..8]);
        Assert.Equal(2u, BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(8)));
        Assert.Equal(SHA256.HashData(bytes.AsSpan(0, bytes.Length - 32)), bytes[^32..]);
    }

    [Fact]
    public void Load_TruncatedFile_ThrowsInvalidDataNamingTheFile()
    {
        string path = PathOf("full.spmlnet");
        ModelSerializer.Save(SmallModel(), path);
        byte[] bytes = File.ReadAllBytes(path);

        foreach (int length in new[] { 0, 1, 7, 8, 11, 12, 43, 44, bytes.Length / 2, bytes.Length - 33, bytes.Length - 32, bytes.Length - 1 })
        {
            string truncated = PathOf($"truncated-{length}.spmlnet");
            File.WriteAllBytes(truncated, bytes[..length]);
            var ex = Assert.Throws<InvalidDataException>(() => ModelSerializer.Load(truncated));
            Assert.Contains(truncated, ex.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Load_FlippedByte_ReportsChecksumMismatch()
    {
        string path = PathOf("flipped.spmlnet");
        ModelSerializer.Save(SmallModel(), path);
        byte[] bytes = File.ReadAllBytes(path);

        foreach (int position in new[] { 12, 20, bytes.Length / 2, bytes.Length - 40, bytes.Length - 1 })
        {
            byte[] corrupt = (byte[])bytes.Clone();
            corrupt[position] ^= 0x10;
            File.WriteAllBytes(path, corrupt);
            var ex = Assert.Throws<InvalidDataException>(() => ModelSerializer.Load(path));
            Assert.Contains("checksum", ex.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Load_WrongMagic_SaysItIsNotAModelFile()
    {
        string path = PathOf("digits.csv");
        File.WriteAllText(path, "label,a,b\n0,1,2\n1,3,4\n2,5,6\n3,7,8\n4,9,10\n");

        var ex = Assert.Throws<InvalidDataException>(() => ModelSerializer.Load(path));

        Assert.Contains("not a SparseMlNet model file", ex.Message, StringComparison.Ordinal);
        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_NewerFormatVersion_SaysWhichVersionsThisBuildReads()
    {
        string path = PathOf("future.spmlnet");
        ModelSerializer.Save(SmallModel(), path);
        byte[] bytes = File.ReadAllBytes(path);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(8), 3);
        File.WriteAllBytes(path, bytes);

        var ex = Assert.Throws<InvalidDataException>(() => ModelSerializer.Load(path));

        Assert.Contains("written by a newer SparseMlNet (format 3); this build reads up to 2", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_CountBeyondFileWithValidChecksum_ThrowsBeforeAllocating()
    {
        byte[] bytes = Serialize(SmallModel());
        // Body starts at 12: network kind (1), loss (1), layer count (4).
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(14), int.MaxValue);
        string path = PathOf("huge-count.spmlnet");
        File.WriteAllBytes(path, Rehash(bytes));

        var ex = Assert.Throws<InvalidDataException>(() => ModelSerializer.Load(path));

        Assert.Contains("2147483647 layers", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_HugeNnzWithValidChecksum_ThrowsNamingTheLayer()
    {
        var model = SmallModel();
        byte[] bytes = Serialize(model);
        // First layer: type 1, n_in 4, n_out 4, init 1, activation 1, slope 4, bias 4·n_out, then nnz.
        int nnzOffset = 18 + 15 + (4 * model.Network.Layers[0].Outputs);
        Assert.Equal((int)model.Network.Layers[0].ConnectionCount, BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(nnzOffset)));
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(nnzOffset), model.Network.Layers[0].Inputs * model.Network.Layers[0].Outputs);
        string path = PathOf("huge-nnz.spmlnet");
        File.WriteAllBytes(path, Rehash(bytes));

        var ex = Assert.Throws<InvalidDataException>(() => ModelSerializer.Load(path));

        Assert.Contains("layer 1 CSR arrays", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_UnsortedColumnIndicesWithValidChecksum_FailsCsrValidation()
    {
        var model = SmallModel();
        var first = (SparseLayer)model.Network.Layers[0];
        byte[] bytes = Serialize(model);
        int columnsOffset = 18 + 15 + (4 * first.Outputs) + 4 + (4 * (first.Outputs + 1));
        int row = Enumerable.Range(0, first.Outputs).First(r => first.Matrix.RowDegree(r) >= 2);
        int k = first.Matrix.RowOffsets[row];
        // Swap the first two column indices of that row: still in range, but no longer ascending.
        int a = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(columnsOffset + (4 * k)));
        int b = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(columnsOffset + (4 * (k + 1))));
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(columnsOffset + (4 * k)), b);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(columnsOffset + (4 * (k + 1))), a);
        string path = PathOf("unsorted.spmlnet");
        File.WriteAllBytes(path, Rehash(bytes));

        var ex = Assert.Throws<InvalidDataException>(() => ModelSerializer.Load(path));

        Assert.Contains("invalid CSR structure", ex.Message, StringComparison.Ordinal);
        Assert.Contains($"row {row}", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MissingFile_ThrowsFileNotFound()
    {
        Assert.Throws<FileNotFoundException>(() => ModelSerializer.Load(PathOf("absent.spmlnet")));
    }

    [Fact]
    public void Save_MissingDirectory_ThrowsAndCreatesNothing()
    {
        string path = Path.Combine(_folder.FullName, "no-such-dir", "model.spmlnet");

        var ex = Assert.Throws<DirectoryNotFoundException>(() => ModelSerializer.Save(SmallModel(), path));

        Assert.Contains("does not exist", ex.Message, StringComparison.Ordinal);
        Assert.Empty(_folder.GetFileSystemInfos());
    }

    [Fact]
    public void Save_FailingMidWrite_KeepsPreviousFileAndLeavesNoTempFile()
    {
        string path = PathOf("model.spmlnet");
        ModelBundle good = SmallModel();
        ModelSerializer.Save(good, path);
        byte[] before = File.ReadAllBytes(path);

        ModelBundle bad = SmallModel(seed: 99);
        // A NaN bias in the last layer: the writer fails after the earlier layers were already written to the temporary file.
        bad.Network.Layers[^1].Bias[0] = float.NaN;
        var ex = Assert.Throws<ArgumentException>(() => ModelSerializer.Save(bad, path));

        Assert.Contains("NaN", ex.Message, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.Equal(["model.spmlnet"], _folder.GetFiles().Select(f => f.Name));
        Assert.Equal(good.Predict(TrainedModels.TestData.Features), ModelSerializer.Load(path).Predict(TrainedModels.TestData.Features));
    }

    [Fact]
    public void Save_OverExistingFile_ReplacesIt()
    {
        string path = PathOf("model.spmlnet");
        ModelSerializer.Save(SmallModel(seed: 1), path);
        ModelBundle second = SmallModel(seed: 2);

        ModelSerializer.Save(second, path);

        Assert.Equal(second.Predict(TrainedModels.TestData.Features), ModelSerializer.Load(path).Predict(TrainedModels.TestData.Features));
        Assert.Single(_folder.GetFiles());
    }

    [Fact]
    public void ModelBundle_MismatchedParts_AreRejected()
    {
        var network = SmallModel().Network;

        Assert.Throws<ArgumentException>(() => new ModelBundle(network, classNames: ["a", "b"]));
        Assert.Throws<ArgumentException>(() => new ModelBundle(network, featureNames: ["x"]));
        var scaler = FeatureScaler.FromParameters(ScalingKind.None, new float[3], [1f, 1f, 1f]);
        Assert.Throws<ArgumentException>(() => new ModelBundle(network, scaler));
    }

    [Fact]
    public void ModelBundle_PredictWithWrongFeatureCount_NamesTheExpectedCount()
    {
        var model = SmallModel();

        var ex = Assert.Throws<ArgumentException>(() => model.Predict(new float[63]));

        Assert.Contains("trained on 64 features", ex.Message, StringComparison.Ordinal);
    }

    /// <summary>An untrained SET network on the digits' 64 features, with a scaler fitted on the digits and class names.</summary>
    private static ModelBundle SmallModel(int seed = 4)
    {
        var network = MultilayerPerceptron.Create(
            NetworkKind.Set, [64, 16, 10], 4, ActivationKind.Relu, ActivationKind.Identity, global::SparseMlNet.Networks.Losses.LossKind.SoftmaxCrossEntropy, seed);
        var scaler = FeatureScaler.Fit(TrainedModels.TestData, ScalingKind.MinMax);
        return new ModelBundle(network, scaler, [.. Enumerable.Range(0, 10).Select(k => $"digit {k}")]);
    }

    private static byte[] Serialize(ModelBundle model)
    {
        using var stream = new MemoryStream();
        ModelSerializer.Save(model, stream);
        return stream.ToArray();
    }

    /// <summary>Recomputes the trailing checksum after a deliberate edit, so the loader's structural checks (not the checksum) must catch it.</summary>
    private static byte[] Rehash(byte[] bytes)
    {
        SHA256.HashData(bytes.AsSpan(0, bytes.Length - 32), bytes.AsSpan(bytes.Length - 32));
        return bytes;
    }

    private string PathOf(string name) => Path.Combine(_folder.FullName, name);
}
