using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using SparseMlNet.Data;
using SparseMlNet.Networks.Layers;

namespace SparseMlNet.IO;

/// <summary>Writes a <see cref="ModelBundle"/> in the model file format, version <see cref="ModelFormat.Version"/> (docs/model-format.md), little-endian throughout.</summary>
internal static class ModelWriter
{
    /// <summary>Writes the whole file (header, body, checksum) to <paramref name="destination"/> from its current position.</summary>
    /// <exception cref="ArgumentException">A weight, bias or scaler parameter is NaN or infinite (thrown part-way through; the destination then holds a partial file).</exception>
    public static void Write(ModelBundle model, Stream destination)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using (var hashing = new HashingWriteStream(destination, hash))
        using (var writer = new BinaryWriter(hashing, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true), leaveOpen: true))
        {
            writer.Write(ModelFormat.Magic);
            writer.Write(ModelFormat.Version);
            WriteNetwork(writer, model);
            WriteScaler(writer, model.Scaler);
            WriteNames(writer, model.ClassNames);
            WriteNames(writer, model.FeatureNames);
            WritePolicy(writer, model.Policy);
            writer.Flush();
        }

        destination.Write(hash.GetHashAndReset());
    }

    private static void WriteNetwork(BinaryWriter writer, ModelBundle model)
    {
        var network = model.Network;
        writer.Write(ModelFormat.Encode(network.Kind));
        writer.Write(ModelFormat.Encode(network.Loss));
        writer.Write(network.Layers.Count);
        for (int l = 0; l < network.Layers.Count; l++)
        {
            Layer layer = network.Layers[l];
            var activation = network.Activations[l];
            writer.Write(layer is SparseLayer ? ModelFormat.SparseLayer : ModelFormat.DenseLayer);
            writer.Write(layer.Inputs);
            writer.Write(layer.Outputs);
            writer.Write(ModelFormat.Encode(layer.Initialization));
            writer.Write(ModelFormat.Encode(activation.Kind));
            writer.Write(activation.NegativeSlope);
            WriteFinite(writer, layer.Biases, $"bias of layer {l + 1}");
            switch (layer)
            {
                case SparseLayer sparse:
                    var matrix = sparse.Matrix;
                    writer.Write(matrix.Nnz);
                    WriteInts(writer, matrix.RowOffsets);
                    WriteInts(writer, matrix.ConnectionColumns);
                    WriteFinite(writer, matrix.Weights, $"weights of layer {l + 1}");
                    break;
                case DenseLayer dense:
                    WriteFinite(writer, dense.WeightsRowMajor, $"weights of layer {l + 1}");
                    break;
                default:
                    throw new ArgumentException($"Layer {l + 1} is a {layer.GetType().Name}, which the model file format cannot store.", nameof(model));
            }
        }
    }

    private static void WriteScaler(BinaryWriter writer, FeatureScaler? scaler)
    {
        if (!WritePresence(writer, scaler))
        {
            return;
        }

        writer.Write(ModelFormat.Encode(scaler.Kind));
        writer.Write(scaler.FeatureCount);
        WriteFinite(writer, scaler.Offsets, "scaler offsets");
        WriteFinite(writer, scaler.Scales, "scaler scales");
    }

    private static void WriteNames(BinaryWriter writer, IReadOnlyList<string>? names)
    {
        if (!WritePresence(writer, names))
        {
            return;
        }

        writer.Write(names.Count);
        foreach (string name in names)
        {
            // BinaryWriter.Write(string): a 7-bit encoded (LEB128) byte count, then the UTF-8 bytes.
            writer.Write(name);
        }
    }

    /// <summary>The training-policy section (format 2): a presence byte, then the policy; absent values are written as 0.</summary>
    private static void WritePolicy(BinaryWriter writer, TrainingPolicy? policy)
    {
        if (!WritePresence(writer, policy))
        {
            return;
        }

        writer.Write(ModelFormat.Encode(policy.Growth));
        writer.Write(policy.Zeta);
        writer.Write(ModelFormat.Encode(policy.ZetaSchedule));
        writer.Write(policy.EvolveEvery);
        writer.Write(policy.EvolveEveryBatches ?? 0);
        writer.Write(policy.EvolutionStopEpoch ?? 0);
        writer.Write(policy.NeuronPruneThreshold ?? 0);
        writer.Write(policy.EvolveOutputLayer ? (byte)1 : (byte)0);
        writer.Write(policy.NeuronsRemoved?.Count ?? 0);
        foreach (int n in policy.NeuronsRemoved ?? [])
        {
            writer.Write(n);
        }
    }

    /// <summary>Writes a section's presence byte (1 when <paramref name="section"/> is non-null, else 0) and returns whether the section follows.</summary>
    private static bool WritePresence(BinaryWriter writer, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] object? section)
    {
        writer.Write(section is null ? (byte)0 : (byte)1);
        return section is not null;
    }

    private static void WriteInts(BinaryWriter writer, ReadOnlySpan<int> values)
    {
        if (BitConverter.IsLittleEndian)
        {
            writer.Write(MemoryMarshal.AsBytes(values));
            return;
        }

        foreach (int v in values)
        {
            writer.Write(v);
        }
    }

    /// <summary>Writes single-precision values, refusing NaN and infinity: a model holding them could not predict, and its file would not load.</summary>
    private static void WriteFinite(BinaryWriter writer, ReadOnlySpan<float> values, string what)
    {
        for (int i = 0; i < values.Length; i++)
        {
            if (!float.IsFinite(values[i]))
            {
                throw new ArgumentException($"Value {i} of the {what} is {values[i]}; a model with NaN or infinite parameters cannot be saved (did training diverge?).", "model");
            }
        }

        if (BitConverter.IsLittleEndian)
        {
            writer.Write(MemoryMarshal.AsBytes(values));
            return;
        }

        foreach (float v in values)
        {
            writer.Write(v);
        }
    }
}
