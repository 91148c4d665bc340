using System.Text;
using Microsoft.ML;
using SparseMlNet.IO;
using SparseMlNet.ML.Schema;
using SparseMlNet.ML.Trainers;
using SparseMlNet.Training;

namespace SparseMlNet.ML.Persistence;

/// <summary>
/// A SparseMlp scorer in a model file: a metadata entry (magic "SPMLNETML", version, feature and label column names, label values,
/// from version 2 the training history as JSON, from version 3 the output layout (multiclass or binary) and the training outcome as JSON)
/// and a network entry in the engine's own checksummed format (<see cref="ModelSerializer"/>; also readable by the CLI). From version 4 the network entry
/// also holds the model's <see cref="TrainingPolicy"/> (the engine format's policy section, as the CLI writes it); the metadata layout is version 3's.
/// Parts of versions 1 to 3 load without a policy.
/// </summary>
internal static class SparseMlpPartFormat
{
    private const string Magic = "SPMLNETML";
    private const ushort Version = 4;

    public static void Write(ISparseMlpScorer transformer, Stream metadata, Stream network)
    {
        using (var writer = new BinaryWriter(metadata, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(Magic);
            writer.Write(Version);
            writer.Write(transformer.FeatureColumnName);
            writer.Write(transformer.LabelColumnName);
            var values = transformer.Model.LabelValues;
            writer.Write(values is not null);
            values?.Write(writer);
            byte[] history = ModelJson.Serialize(transformer.Model.TrainingHistory.ToArray());
            writer.Write(history.Length);
            writer.Write(history);
            writer.Write(transformer.IsBinary);
            byte[] outcome = ModelJson.Serialize(transformer.Model.Outcome);
            writer.Write(outcome.Length);
            writer.Write(outcome);
        }

        ModelSerializer.Save(new ModelBundle(transformer.Model.Network, classNames: transformer.Model.ClassNames, policy: transformer.Model.Policy), network);
    }

    /// <exception cref="InvalidDataException">The entry is not a SparseMlp part, is of a newer version, or does not match its network.</exception>
    public static ITransformer Read(Stream metadata, Stream network)
    {
        using var reader = new BinaryReader(metadata, Encoding.UTF8, leaveOpen: true);
        try
        {
            if (reader.ReadString() != Magic)
            {
                throw new InvalidDataException("A SparseMlp part of the model file does not start with its magic string; the file is not a SparseMlNet ML.NET model or is corrupted.");
            }

            ushort version = reader.ReadUInt16();
            if (version > Version)
            {
                throw new InvalidDataException($"A SparseMlp part has format version {version}; this build reads up to {Version}. Update SparseMlNet.ML.");
            }

            string feature = reader.ReadString();
            string label = reader.ReadString();
            var values = reader.ReadBoolean() ? LabelValues.Read(reader) : null;
            var history = version >= 2 ? ReadHistory(reader) : [];
            bool binary = version >= 3 && reader.ReadBoolean();
            TrainingOutcome? outcome = version >= 3 ? ReadOutcome(reader) : null;
            var bundle = ModelSerializer.Load(network);
            if (values is not null && values.Count != bundle.Network.OutputCount)
            {
                throw new InvalidDataException($"A SparseMlp part has {values.Count} label values for a network with {bundle.Network.OutputCount} outputs; the file is corrupted.");
            }

            var model = new SparseMlpModelParameters(bundle.Network, values, history, outcome, version >= 4 ? bundle.Policy : null);
            return binary
                ? new SparseMlpBinaryPredictionTransformer(model, feature, label)
                : new SparseMlpPredictionTransformer(model, feature, label);
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidDataException("A SparseMlp part of the model file is truncated.", e);
        }
    }

    private static TrainingOutcome? ReadOutcome(BinaryReader reader)
    {
        int length = reader.ReadInt32();
        if (length < 0 || length > reader.BaseStream.Length - reader.BaseStream.Position)
        {
            throw new InvalidDataException("The training outcome of a SparseMlp part has an invalid length; the file is corrupted.");
        }

        string json = Encoding.UTF8.GetString(reader.ReadBytes(length));
        if (json == "null")
        {
            return null;
        }

        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(json));
        return ModelJson.Deserialize<TrainingOutcome>(stream, "training outcome");
    }

    private static EpochMetrics[] ReadHistory(BinaryReader reader)
    {
        int length = reader.ReadInt32();
        if (length < 0 || length > reader.BaseStream.Length - reader.BaseStream.Position)
        {
            throw new InvalidDataException("The training history of a SparseMlp part has an invalid length; the file is corrupted.");
        }

        using var json = new MemoryStream(reader.ReadBytes(length));
        return ModelJson.Deserialize<EpochMetrics[]>(json, "training history");
    }
}
