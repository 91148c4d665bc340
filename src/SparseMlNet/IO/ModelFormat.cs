using SparseMlNet.Data;
using SparseMlNet.Networks;
using SparseMlNet.Networks.Activations;
using SparseMlNet.Networks.Losses;
using SparseMlNet.Sparse;
using SparseMlNet.Topology;

namespace SparseMlNet.IO;

/// <summary>
/// Constants and enum codes of the model file format (docs/model-format.md). Every enum is written as an explicit one-byte code,
/// never as the C# ordinal, so reordering or extending an enum cannot silently change what an old file means.
/// </summary>
internal static class ModelFormat
{
    /// <summary>The newest format version this build writes and reads: 2 (version 1 had no training-policy section; it is still read).</summary>
    public const uint Version = 2;

    /// <summary>The first version with the training-policy section after the feature names.</summary>
    public const uint PolicyVersion = 2;

    /// <summary>Bytes before the body: magic (8) and version (4).</summary>
    public const int HeaderLength = 12;

    /// <summary>Length of the trailing SHA-256 checksum.</summary>
    public const int ChecksumLength = 32;

    /// <summary>Layer type code of a <see cref="Networks.Layers.SparseLayer"/>.</summary>
    public const byte SparseLayer = 0;

    /// <summary>Layer type code of a <see cref="Networks.Layers.DenseLayer"/>.</summary>
    public const byte DenseLayer = 1;

    /// <summary>The 8 magic bytes every model file starts with: "SPMLNET" and a zero byte.</summary>
    public static ReadOnlySpan<byte> Magic => "SPMLNET\0"u8;

    public static byte Encode(NetworkKind kind) => kind switch
    {
        NetworkKind.Set => 0,
        NetworkKind.FixProb => 1,
        NetworkKind.Dense => 2,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "This network kind has no model file code."),
    };

    public static NetworkKind? DecodeNetworkKind(byte code) => code switch
    {
        0 => NetworkKind.Set,
        1 => NetworkKind.FixProb,
        2 => NetworkKind.Dense,
        _ => null,
    };

    public static byte Encode(LossKind loss) => loss switch
    {
        LossKind.SoftmaxCrossEntropy => 0,
        LossKind.MeanSquaredError => 1,
        _ => throw new ArgumentOutOfRangeException(nameof(loss), loss, "This loss has no model file code."),
    };

    public static LossKind? DecodeLoss(byte code) => code switch
    {
        0 => LossKind.SoftmaxCrossEntropy,
        1 => LossKind.MeanSquaredError,
        _ => null,
    };

    public static byte Encode(WeightInitialization initialization) => initialization switch
    {
        WeightInitialization.HeUniform => 0,
        WeightInitialization.GlorotUniform => 1,
        _ => throw new ArgumentOutOfRangeException(nameof(initialization), initialization, "This weight initialisation has no model file code."),
    };

    public static WeightInitialization? DecodeInitialization(byte code) => code switch
    {
        0 => WeightInitialization.HeUniform,
        1 => WeightInitialization.GlorotUniform,
        _ => null,
    };

    public static byte Encode(ActivationKind kind) => kind switch
    {
        ActivationKind.Relu => 0,
        ActivationKind.AllRelu => 1,
        ActivationKind.Sigmoid => 2,
        ActivationKind.Tanh => 3,
        ActivationKind.Identity => 4,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "This activation has no model file code."),
    };

    public static ActivationKind? DecodeActivation(byte code) => code switch
    {
        0 => ActivationKind.Relu,
        1 => ActivationKind.AllRelu,
        2 => ActivationKind.Sigmoid,
        3 => ActivationKind.Tanh,
        4 => ActivationKind.Identity,
        _ => null,
    };

    public static byte Encode(ScalingKind kind) => kind switch
    {
        ScalingKind.None => 0,
        ScalingKind.Standardize => 1,
        ScalingKind.MinMax => 2,
        ScalingKind.Center => 3,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "This scaling kind has no model file code."),
    };

    public static ScalingKind? DecodeScaling(byte code) => code switch
    {
        0 => ScalingKind.None,
        1 => ScalingKind.Standardize,
        2 => ScalingKind.MinMax,
        3 => ScalingKind.Center,
        _ => null,
    };

    public static byte Encode(GrowthKind growth) => growth switch
    {
        GrowthKind.Random => 0,
        GrowthKind.Gradient => 1,
        _ => throw new ArgumentOutOfRangeException(nameof(growth), growth, "This growth kind has no model file code."),
    };

    public static GrowthKind? DecodeGrowth(byte code) => code switch
    {
        0 => GrowthKind.Random,
        1 => GrowthKind.Gradient,
        _ => null,
    };

    public static byte Encode(ZetaSchedule schedule) => schedule switch
    {
        ZetaSchedule.Constant => 0,
        ZetaSchedule.Cosine => 1,
        _ => throw new ArgumentOutOfRangeException(nameof(schedule), schedule, "This ζ schedule has no model file code."),
    };

    public static ZetaSchedule? DecodeZetaSchedule(byte code) => code switch
    {
        0 => ZetaSchedule.Constant,
        1 => ZetaSchedule.Cosine,
        _ => null,
    };
}
