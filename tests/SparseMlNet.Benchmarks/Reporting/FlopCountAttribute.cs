namespace SparseMlNet.Benchmarks.Reporting;

/// <summary>
/// Marks a kernel benchmark whose work is 2 flops (one multiply, one add) per connection per sample, so that <see cref="GflopsColumn"/>
/// can report its throughput as 2·connections·batch / mean time. The benchmark's class needs the parameters Inputs, Outputs, Density and Batch.
/// </summary>
/// <param name="source">Whether the connections are the sparse layer's nnz or all n_in·n_out of a dense layer.</param>
[AttributeUsage(AttributeTargets.Method)]
public sealed class FlopCountAttribute(ConnectionSource source) : Attribute
{
    /// <summary>Where the connection count comes from.</summary>
    public ConnectionSource Source { get; } = source;
}
