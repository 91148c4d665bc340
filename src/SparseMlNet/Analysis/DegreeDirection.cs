namespace SparseMlNet.Analysis;

/// <summary>Which connections of a neuron its degree counts.</summary>
public enum DegreeDirection
{
    /// <summary>In-degree (fan-in): connections from the previous neuron layer. Undefined for input neurons.</summary>
    In,

    /// <summary>Out-degree (fan-out): connections to the next neuron layer. Undefined for output neurons.</summary>
    Out,

    /// <summary>In-degree plus out-degree: all connections of the neuron (for input neurons the out-degree, for output neurons the in-degree).</summary>
    Total,
}
