namespace SparseMlNet.Analysis;

/// <summary>What an input connectivity map shows per input neuron.</summary>
public enum InputMapQuantity
{
    /// <summary>Number of first-layer connections of the input (its fan-out).</summary>
    Connections,

    /// <summary>Sum of the absolute weights of the input's first-layer connections (its neuron strength).</summary>
    Strength,
}
