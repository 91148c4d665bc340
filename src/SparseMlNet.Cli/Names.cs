using SparseMlNet.Networks;
using SparseMlNet.Networks.Activations;

namespace SparseMlNet.Cli;

/// <summary>How the CLI names engine enums in its output: the papers' spellings.</summary>
internal static class Names
{
    public static string Of(NetworkKind kind) => kind switch
    {
        NetworkKind.Set => "SET",
        NetworkKind.FixProb => "FixProb",
        NetworkKind.Dense => "dense",
        _ => kind.ToString(),
    };

    public static string Of(ActivationKind kind) => kind switch
    {
        ActivationKind.Relu => "ReLU",
        ActivationKind.AllRelu => "All-ReLU",
        ActivationKind.Sigmoid => "sigmoid",
        ActivationKind.Tanh => "tanh",
        _ => kind.ToString(),
    };
}
