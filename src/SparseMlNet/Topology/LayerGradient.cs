namespace SparseMlNet.Topology;

/// <summary>
/// The loss gradient of one sparse layer at any position, occupied or empty, from one mini-batch: G[r, c] = ∂L/∂W_rc = Σ_b δ_rb · x_cb
/// (δ the layer's deltas, x its inputs). What a gradient-based growth criterion (<see cref="IGradientGrowthCriterion"/>) ranks empty positions by;
/// computed a chunk of input neurons at a time, never as an n_out × n_in matrix (memory O(64 · n_out + B · n_out), time O(n_in · n_out · B)).
/// The training loop builds it from the epoch's last mini-batch, after its backward pass.
/// </summary>
public sealed class LayerGradient
{
    internal LayerGradient(CandidateGradient chunks, int inputs, int outputs)
    {
        Chunks = chunks;
        Inputs = inputs;
        Outputs = outputs;
    }

    /// <summary>n_in of the layer.</summary>
    public int Inputs { get; }

    /// <summary>n_out of the layer.</summary>
    public int Outputs { get; }

    internal CandidateGradient Chunks { get; }
}
