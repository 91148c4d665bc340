using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using SparseMlNet.Data;
using SparseMlNet.Networks;
using SparseMlNet.Networks.Activations;
using SparseMlNet.Networks.Layers;
using SparseMlNet.Sparse;

namespace SparseMlNet.IO;

/// <summary>
/// Reads the model file format (docs/model-format.md) from a seekable stream, trusting nothing: magic, version and SHA-256 checksum are
/// verified first, then every count is checked against the bytes that remain before anything is allocated, and every structure
/// (CSR indices, layer shapes, enum codes, finite parameters) is validated. Every failure is an <see cref="InvalidDataException"/> naming the source.
/// </summary>
internal sealed class ModelReader
{
    /// <summary>Smallest possible serialized layer: type, n_in, n_out, initialisation, activation, slope, one bias, and (sparse) an nnz and two row pointers.</summary>
    private const int MinimumLayerBytes = 1 + 4 + 4 + 1 + 1 + 4 + 4;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly Stream _stream;
    private readonly string _name;
    private readonly long _end;

    private ModelReader(Stream stream, string name, long end)
    {
        _stream = stream;
        _name = name;
        _end = end;
    }

    private long Remaining => _end - _stream.Position;

    /// <summary>Reads a model from the current position of <paramref name="stream"/> to its end.</summary>
    /// <param name="stream">A readable, seekable stream.</param>
    /// <param name="name">What is read, as a message starts: "File 'model.spmlnet'" or "The stream".</param>
    public static ModelBundle Read(Stream stream, string name)
    {
        long start = stream.Position;
        long length = stream.Length - start;
        uint version = ReadHeader(stream, name, length);
        if (length < ModelFormat.HeaderLength + ModelFormat.ChecksumLength)
        {
            throw new InvalidDataException(
                $"{name} is truncated: it holds {length} bytes, fewer than the {ModelFormat.HeaderLength + ModelFormat.ChecksumLength} of an empty model file (header and checksum).");
        }

        long bodyEnd = start + length - ModelFormat.ChecksumLength;
        VerifyChecksum(stream, name, start, bodyEnd);
        stream.Position = start + ModelFormat.HeaderLength;
        var reader = new ModelReader(stream, name, bodyEnd);
        ModelBundle model = reader.ReadBody(version);
        if (reader.Remaining != 0)
        {
            throw reader.Corrupt($"{reader.Remaining} unexpected bytes follow the last section (feature names in format 1, training policy in format 2)");
        }

        return model;
    }

    /// <summary>Checks the magic bytes and returns the format version; a newer version is refused before anything else is interpreted.</summary>
    private static uint ReadHeader(Stream stream, string name, long length)
    {
        ReadOnlySpan<byte> magic = ModelFormat.Magic;
        Span<byte> header = stackalloc byte[ModelFormat.HeaderLength];
        int read = stream.ReadAtLeast(header, header.Length, throwOnEndOfStream: false);
        if (read == 0)
        {
            throw new InvalidDataException($"{name} is empty; expected a SparseMlNet model file starting with the magic bytes \"SPMLNET\\0\".");
        }

        int compared = Math.Min(read, magic.Length);
        if (!header[..compared].SequenceEqual(magic[..compared]))
        {
            throw new InvalidDataException(
                $"{name} is not a SparseMlNet model file: it starts with the bytes {Convert.ToHexString(header[..compared])}, not the magic bytes \"SPMLNET\\0\" ({Convert.ToHexString(magic)}).");
        }

        if (read < ModelFormat.HeaderLength)
        {
            throw new InvalidDataException(
                $"{name} is truncated inside its header: it holds {length} bytes; expected the 8 magic bytes, a 4-byte format version, the model and a 32-byte checksum.");
        }

        uint version = BinaryPrimitives.ReadUInt32LittleEndian(header[magic.Length..]);
        if (version == 0)
        {
            throw new InvalidDataException($"{name} declares model format version 0, which does not exist; the file is corrupt.");
        }

        if (version > ModelFormat.Version)
        {
            throw new InvalidDataException(
                $"{name} was written by a newer SparseMlNet (format {version}); this build reads up to {ModelFormat.Version}. Upgrade SparseMlNet to load it.");
        }

        return version;
    }

    /// <summary>Hashes [start, bodyEnd) and compares it with the 32 bytes stored after it.</summary>
    private static void VerifyChecksum(Stream stream, string name, long start, long bodyEnd)
    {
        stream.Position = start;
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[1 << 16];
        long left = bodyEnd - start;
        while (left > 0)
        {
            int read = stream.Read(buffer, 0, (int)Math.Min(buffer.Length, left));
            if (read == 0)
            {
                throw new InvalidDataException($"{name} ended while its checksum was being verified; it is being changed or is truncated.");
            }

            hash.AppendData(buffer, 0, read);
            left -= read;
        }

        Span<byte> stored = stackalloc byte[ModelFormat.ChecksumLength];
        stream.ReadExactly(stored);
        Span<byte> computed = stackalloc byte[ModelFormat.ChecksumLength];
        hash.GetHashAndReset(computed);
        if (!stored.SequenceEqual(computed))
        {
            throw new InvalidDataException(
                $"{name} is corrupted or truncated: its SHA-256 checksum does not match its content (stored {Convert.ToHexString(stored)}, computed {Convert.ToHexString(computed)}). Save or copy the model again.");
        }
    }

    private ModelBundle ReadBody(uint version)
    {
        // Format 1 ends after the feature names; format 2 adds the training-policy section. Everything before it is the same in both.
        MultilayerPerceptron network = ReadNetwork();
        FeatureScaler? scaler = ReadScaler(network.InputCount);
        IReadOnlyList<string>? classNames = ReadNames("class names", network.OutputCount);
        IReadOnlyList<string>? featureNames = ReadNames("feature names", network.InputCount);
        TrainingPolicy? policy = version >= ModelFormat.PolicyVersion ? ReadPolicy(network.Layers.Count - 1) : null;
        return new ModelBundle(network, scaler, classNames, featureNames, policy);
    }

    private TrainingPolicy? ReadPolicy(int hiddenLayers)
    {
        if (!ReadFlag("training policy"))
        {
            return null;
        }

        byte growthCode = ReadByte("growth kind");
        var growth = ModelFormat.DecodeGrowth(growthCode) ?? throw Corrupt($"unknown growth kind code {growthCode}");
        double zeta = ReadDouble("zeta");
        if (!(zeta >= 0 && zeta < 1))
        {
            throw Corrupt($"the policy's zeta is {zeta}; it must lie in [0, 1)");
        }

        byte scheduleCode = ReadByte("zeta schedule");
        var schedule = ModelFormat.DecodeZetaSchedule(scheduleCode) ?? throw Corrupt($"unknown zeta schedule code {scheduleCode}");
        int every = ReadInt32("evolve-every epochs");
        int everyBatches = ReadInt32("evolve-every mini-batches");
        int stop = ReadInt32("evolution stop epoch");
        if (every < 1 || everyBatches < 0 || stop < 0)
        {
            throw Corrupt($"the policy's schedule is every {every} epochs, every {everyBatches} mini-batches, stop epoch {stop}; expected ≥ 1, ≥ 0 and ≥ 0");
        }

        double tau = ReadDouble("neuron prune threshold");
        if (!(tau >= 0 && tau < 1))
        {
            throw Corrupt($"the policy's neuron prune threshold is {tau}; it must lie in [0, 1) (0: off)");
        }

        byte output = ReadByte("evolve-output-layer flag");
        if (output > 1)
        {
            throw Corrupt($"the evolve-output-layer flag is {output}; expected 0 or 1");
        }

        int count = ReadInt32("neurons-removed count");
        if (count != 0 && count != hiddenLayers)
        {
            throw Corrupt($"the policy lists neurons removed for {count} hidden layers; the network has {hiddenLayers} (or 0 for not recorded)");
        }

        int[] removed = ReadInts(count, "neurons removed");
        if (removed.Any(n => n < 0))
        {
            throw Corrupt("a neurons-removed count is negative");
        }

        return new TrainingPolicy(
            growth, zeta, schedule, every, everyBatches == 0 ? null : everyBatches, stop == 0 ? null : stop, tau == 0 ? null : tau, output == 1,
            count == 0 ? null : removed);
    }

    private MultilayerPerceptron ReadNetwork()
    {
        byte kindCode = ReadByte("network kind");
        NetworkKind kind = ModelFormat.DecodeNetworkKind(kindCode) ?? throw Corrupt($"unknown network kind code {kindCode}");
        byte lossCode = ReadByte("loss");
        var loss = ModelFormat.DecodeLoss(lossCode) ?? throw Corrupt($"unknown loss code {lossCode}");
        int layerCount = ReadInt32("layer count");
        if (layerCount < 1 || (long)layerCount * MinimumLayerBytes > Remaining)
        {
            throw Corrupt($"it declares {layerCount} layers, but a network needs at least 1 and only {Remaining} bytes remain");
        }

        var layers = new Layer[layerCount];
        var activations = new Activation[layerCount];
        for (int l = 0; l < layerCount; l++)
        {
            (layers[l], activations[l]) = ReadLayer(l + 1);
            if (l > 0 && layers[l].Inputs != layers[l - 1].Outputs)
            {
                throw Corrupt($"layer {l + 1} takes {layers[l].Inputs} inputs but layer {l} has {layers[l - 1].Outputs} outputs");
            }
        }

        return new MultilayerPerceptron(kind, layers, activations, loss);
    }

    private (Layer Layer, Activation Activation) ReadLayer(int number)
    {
        string where = $"layer {number}";
        byte type = ReadByte($"{where} type");
        if (type is not (ModelFormat.SparseLayer or ModelFormat.DenseLayer))
        {
            throw Corrupt($"{where} has unknown layer type code {type}");
        }

        int inputs = ReadInt32($"{where} n_in");
        int outputs = ReadInt32($"{where} n_out");
        if (inputs < 1 || outputs < 1)
        {
            throw Corrupt($"{where} has shape n_in = {inputs}, n_out = {outputs}; both must be at least 1");
        }

        byte initCode = ReadByte($"{where} weight initialisation");
        WeightInitialization initialization = ModelFormat.DecodeInitialization(initCode) ?? throw Corrupt($"{where} has unknown weight initialisation code {initCode}");
        byte activationCode = ReadByte($"{where} activation");
        ActivationKind activationKind = ModelFormat.DecodeActivation(activationCode) ?? throw Corrupt($"{where} has unknown activation code {activationCode}");
        float slope = ReadSingle($"{where} negative slope");
        if (!float.IsFinite(slope))
        {
            throw Corrupt($"{where} has activation slope {slope}; it must be finite");
        }

        float[] bias = ReadFloats(outputs, $"{where} biases");
        var activation = Activation.FromParameters(activationKind, slope);
        if (type == ModelFormat.DenseLayer)
        {
            float[] dense = ReadFloats((long)inputs * outputs, $"{where} dense weights");
            return (new DenseLayer(inputs, outputs, dense, bias, initialization), activation);
        }

        int nnz = ReadInt32($"{where} nnz");
        if (nnz < 0 || nnz > (long)inputs * outputs)
        {
            throw Corrupt($"{where} declares nnz = {nnz}; expected a count in [0, n_in·n_out = {(long)inputs * outputs}]");
        }

        Need(4L * (outputs + 1) + (8L * nnz), $"{where} CSR arrays ({outputs + 1} row pointers, {nnz} column indices and {nnz} weights)");
        int[] rowPointers = ReadInts(outputs + 1L, $"{where} row pointers");
        int[] columns = ReadInts(nnz, $"{where} column indices");
        float[] weights = ReadFloats(nnz, $"{where} weights");
        try
        {
            SparseMatrix.ValidateCsr(outputs, inputs, rowPointers, columns);
        }
        catch (InvalidDataException ex)
        {
            throw Corrupt($"{where} has an invalid CSR structure: {ex.Message}", ex);
        }

        var matrix = SparseMatrix.FromSortedCsr(outputs, inputs, rowPointers, columns, weights);
        return (new SparseLayer(matrix, bias, new float[nnz], initialization), activation);
    }

    private FeatureScaler? ReadScaler(int inputs)
    {
        if (!ReadFlag("scaler"))
        {
            return null;
        }

        byte kindCode = ReadByte("scaler kind");
        ScalingKind kind = ModelFormat.DecodeScaling(kindCode) ?? throw Corrupt($"unknown scaling kind code {kindCode}");
        int count = ReadInt32("scaler feature count");
        if (count != inputs)
        {
            throw Corrupt($"the scaler has {count} features but the network takes {inputs} inputs");
        }

        Need(8L * count, $"scaler offsets and scales ({count} each)");
        float[] offsets = ReadFloats(count, "scaler offsets");
        float[] scales = ReadFloats(count, "scaler scales");
        try
        {
            return FeatureScaler.FromParameters(kind, offsets, scales);
        }
        catch (ArgumentException ex)
        {
            throw Corrupt($"the scaler parameters are invalid: {ex.Message}", ex);
        }
    }

    private string[]? ReadNames(string what, int expected)
    {
        if (!ReadFlag(what))
        {
            return null;
        }

        int count = ReadInt32($"{what} count");
        if (count != expected)
        {
            throw Corrupt($"it holds {count} {what} for {expected} network {(what.StartsWith("class", StringComparison.Ordinal) ? "outputs" : "inputs")}");
        }

        // Each name takes at least its one-byte length prefix.
        Need(count, what);
        var names = new string[count];
        for (int i = 0; i < count; i++)
        {
            names[i] = ReadString($"{what} entry {i}");
        }

        return names;
    }

    private bool ReadFlag(string section)
    {
        byte flag = ReadByte($"{section} presence flag");
        return flag switch
        {
            0 => false,
            1 => true,
            _ => throw Corrupt($"the {section} presence flag is {flag}; expected 0 or 1"),
        };
    }

    private string ReadString(string what)
    {
        // Length prefix: unsigned LEB128 (7 bits per byte, high bit = more), as written by BinaryWriter.Write(string); at most 5 bytes.
        int length = 0;
        for (int shift = 0; ; shift += 7)
        {
            if (shift > 28)
            {
                throw Corrupt($"the length of the {what} is malformed");
            }

            byte b = ReadByte(what);
            length |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                break;
            }
        }

        if (length < 0)
        {
            throw Corrupt($"the length of the {what} is malformed");
        }

        Need(length, what);
        var bytes = new byte[length];
        _stream.ReadExactly(bytes);
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException ex)
        {
            throw Corrupt($"the {what} is not valid UTF-8", ex);
        }
    }

    private byte ReadByte(string what)
    {
        Need(1, what);
        return (byte)_stream.ReadByte();
    }

    private int ReadInt32(string what)
    {
        Need(4, what);
        Span<byte> bytes = stackalloc byte[4];
        _stream.ReadExactly(bytes);
        return BinaryPrimitives.ReadInt32LittleEndian(bytes);
    }

    private double ReadDouble(string what)
    {
        Need(8, what);
        Span<byte> bytes = stackalloc byte[8];
        _stream.ReadExactly(bytes);
        return BinaryPrimitives.ReadDoubleLittleEndian(bytes);
    }

    private float ReadSingle(string what)
    {
        Need(4, what);
        Span<byte> bytes = stackalloc byte[4];
        _stream.ReadExactly(bytes);
        return BinaryPrimitives.ReadSingleLittleEndian(bytes);
    }

    private int[] ReadInts(long count, string what)
    {
        NeedArray(count, 4, what);
        var values = new int[count];
        _stream.ReadExactly(MemoryMarshal.AsBytes(values.AsSpan()));
        if (!BitConverter.IsLittleEndian)
        {
            BinaryPrimitives.ReverseEndianness(values, values);
        }

        return values;
    }

    /// <summary>Reads single-precision values and refuses NaN and infinity (a saved model never holds them).</summary>
    private float[] ReadFloats(long count, string what)
    {
        NeedArray(count, 4, what);
        var values = new float[count];
        Span<byte> bytes = MemoryMarshal.AsBytes(values.AsSpan());
        _stream.ReadExactly(bytes);
        if (!BitConverter.IsLittleEndian)
        {
            Span<int> asInts = MemoryMarshal.Cast<float, int>(values.AsSpan());
            BinaryPrimitives.ReverseEndianness(asInts, asInts);
        }

        for (int i = 0; i < values.Length; i++)
        {
            if (!float.IsFinite(values[i]))
            {
                throw Corrupt($"value {i} of the {what} is {values[i]}; model parameters must be finite");
            }
        }

        return values;
    }

    private void NeedArray(long count, int elementBytes, string what)
    {
        if (count > Array.MaxLength)
        {
            throw Corrupt($"the {what} would hold {count} values, more than one array can hold ({Array.MaxLength})");
        }

        Need(count * elementBytes, what);
    }

    /// <summary>Refuses to read or allocate <paramref name="bytes"/> when fewer remain before the checksum.</summary>
    private void Need(long bytes, string what)
    {
        if (bytes > Remaining)
        {
            throw Corrupt($"the {what} need {bytes} bytes but only {Remaining} remain before the checksum");
        }
    }

    private InvalidDataException Corrupt(string problem, Exception? inner = null) =>
        new($"{_name} is not a valid SparseMlNet model: {problem}.", inner);
}
