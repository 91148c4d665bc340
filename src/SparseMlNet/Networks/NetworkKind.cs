namespace SparseMlNet.Networks;

/// <summary>How a network's layers are connected and whether their topology evolves during training.</summary>
public enum NetworkKind
{
    /// <summary>Sparse Evolutionary Training (Mocanu et al., Nature Communications 2018): Erdős–Rényi sparse layers whose connections are pruned and regrown after every epoch.</summary>
    Set,

    /// <summary>Static sparse baseline ("FixProb" in Mocanu et al. 2018): the same Erdős–Rényi initialisation as SET, no topology evolution.</summary>
    FixProb,

    /// <summary>Fully connected baseline of the same shape, computed with BLAS GEMM.</summary>
    Dense,
}
