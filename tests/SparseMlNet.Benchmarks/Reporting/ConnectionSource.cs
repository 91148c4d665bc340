namespace SparseMlNet.Benchmarks.Reporting;

/// <summary>Which connection count a benchmark method's flops are counted from.</summary>
public enum ConnectionSource
{
    /// <summary>The nnz of the seeded Erdős–Rényi layer at the case's density (<see cref="Kernels.KernelFixture.SparseNnz"/>).</summary>
    Sparse,

    /// <summary>Every one of the n_in·n_out connections (a dense GEMM).</summary>
    Dense,
}
