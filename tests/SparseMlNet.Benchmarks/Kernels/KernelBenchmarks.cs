using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using SparseMlNet.Benchmarks.Reporting;
using SparseMlNet.Kernels;

namespace SparseMlNet.Benchmarks.Kernels;

/// <summary>
/// The three SIMD sparse kernels of a training step against the dense GEMM doing the same pass (OpenBLAS when installed), at densities from 0.1 % to 100 %.
/// Each pass is its own category whose baseline is the dense GEMM, so the Ratio column is sparse time / dense time: below 1 the sparse layer is faster.
/// </summary>
/// <remarks>
/// Both sides use every core the way the engine does: the sparse kernels run on nnz-balanced row (column) ranges through <see cref="ParallelRanges"/>,
/// OpenBLAS on <see cref="Environment.ProcessorCount"/> threads. Set <c>DOTNET_PROCESSOR_COUNT=1</c> to measure one core.
/// Density 0.04 is a 1000×1000 layer at ε = 20 (p = ε(n_in + n_out)/(n_in·n_out), Mocanu et al. 2018, eq. 1).
/// </remarks>
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class KernelBenchmarks
{
    private KernelFixture _f = null!;
    private int[] _rowParts = [];
    private int[] _columnParts = [];
    private Action<int, int> _spmm = null!;
    private Action<int, int> _spmmTransposed = null!;
    private Action<int, int> _sddmm = null!;

    /// <summary>n_in.</summary>
    [Params(1000)]
    public int Inputs { get; set; }

    /// <summary>n_out.</summary>
    [Params(1000)]
    public int Outputs { get; set; }

    /// <summary>Fraction of the n_in·n_out connections present.</summary>
    [Params(0.001, 0.01, 0.04, 0.1, 0.3, 1.0)]
    public double Density { get; set; }

    /// <summary>Mini-batch size (samples per pass).</summary>
    [Params(128)]
    public int Batch { get; set; }

    /// <summary>Builds the operands and the per-core ranges once per case.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _f = new KernelFixture(Inputs, Outputs, Density, Batch);
        var f = _f;
        int cores = Environment.ProcessorCount;
        _rowParts = ParallelRanges.Balanced(f.Matrix.RowPointers, cores);
        _columnParts = ParallelRanges.Balanced(f.Matrix.ColumnPointers, cores);
        _spmm = (r0, r1) => SparseKernels.Spmm(f.Matrix, f.Bias, f.X, f.Y, f.Stride, r0, r1);
        _spmmTransposed = (c0, c1) => SparseKernels.SpmmTransposed(f.Matrix, f.DeltaY, f.DeltaX, f.Stride, c0, c1);
        _sddmm = (r0, r1) => SparseKernels.Sddmm(f.Matrix, f.DeltaY, f.X, f.Gradient, f.Stride, r0, r1);
    }

    /// <summary>Forward, dense: Z[n_out, stride] = W[n_out, n_in]·X[n_in, stride].</summary>
    [Benchmark(Baseline = true)]
    [BenchmarkCategory("Forward")]
    [FlopCount(ConnectionSource.Dense)]
    public void DenseGemm() =>
        Gemm.Multiply(false, false, _f.Outputs, _f.Stride, _f.Inputs, 1f, _f.DenseWeights, _f.Inputs, _f.X, _f.Stride, 0f, _f.Y, _f.Stride);

    /// <summary>Forward, sparse: Z = W·X + b over the connections only.</summary>
    [Benchmark]
    [BenchmarkCategory("Forward")]
    [FlopCount(ConnectionSource.Sparse)]
    public void Spmm() => ParallelRanges.Run(_rowParts, _spmm);

    /// <summary>Backward to the inputs, dense: dX[n_in, stride] = Wᵀ·dY.</summary>
    [Benchmark(Baseline = true)]
    [BenchmarkCategory("Backward")]
    [FlopCount(ConnectionSource.Dense)]
    public void DenseGemmTransposed() =>
        Gemm.Multiply(true, false, _f.Inputs, _f.Stride, _f.Outputs, 1f, _f.DenseWeights, _f.Inputs, _f.DeltaY, _f.Stride, 0f, _f.DeltaX, _f.Stride);

    /// <summary>Backward to the inputs, sparse: dX = Wᵀ·dY through the transposed (CSC) index.</summary>
    [Benchmark]
    [BenchmarkCategory("Backward")]
    [FlopCount(ConnectionSource.Sparse)]
    public void SpmmTransposed() => ParallelRanges.Run(_columnParts, _spmmTransposed);

    /// <summary>Weight gradient, dense: G[n_out, n_in] = dY·Xᵀ.</summary>
    [Benchmark(Baseline = true)]
    [BenchmarkCategory("Gradient")]
    [FlopCount(ConnectionSource.Dense)]
    public void DenseGemmGradient() =>
        Gemm.Multiply(false, true, _f.Outputs, _f.Inputs, _f.Stride, 1f, _f.DeltaY, _f.Stride, _f.X, _f.Stride, 0f, _f.DenseGradient, _f.Inputs);

    /// <summary>Weight gradient, sparse (SDDMM): G[k] = dY[r_k, :]·X[c_k, :] on the existing connections only.</summary>
    [Benchmark]
    [BenchmarkCategory("Gradient")]
    [FlopCount(ConnectionSource.Sparse)]
    public void Sddmm() => ParallelRanges.Run(_rowParts, _sddmm);
}
