using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using SparseMlNet.Benchmarks.Reporting;
using SparseMlNet.Kernels;

namespace SparseMlNet.Benchmarks.Kernels;

/// <summary>
/// The SIMD sparse kernels against their scalar references (<see cref="SparseKernelsReference"/>, the specification they are tested against),
/// both on one core over the whole layer, on a layer small enough for the scalar code to finish quickly. The Ratio column is the SIMD speed-up
/// (SIMD time / reference time) of each kernel.
/// </summary>
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class ReferenceKernelBenchmarks
{
    private KernelFixture _f = null!;

    /// <summary>n_in.</summary>
    [Params(256)]
    public int Inputs { get; set; }

    /// <summary>n_out.</summary>
    [Params(256)]
    public int Outputs { get; set; }

    /// <summary>Fraction of the n_in·n_out connections present.</summary>
    [Params(0.01, 0.1, 1.0)]
    public double Density { get; set; }

    /// <summary>Mini-batch size (samples per pass).</summary>
    [Params(128)]
    public int Batch { get; set; }

    /// <summary>Builds the operands once per case.</summary>
    [GlobalSetup]
    public void Setup() => _f = new KernelFixture(Inputs, Outputs, Density, Batch);

    /// <summary>Forward, scalar reference.</summary>
    [Benchmark(Baseline = true)]
    [BenchmarkCategory("Spmm")]
    [FlopCount(ConnectionSource.Sparse)]
    public void SpmmReference() => SparseKernelsReference.Spmm(_f.Matrix, _f.Bias, _f.X, _f.Y, _f.Stride, _f.Batch);

    /// <summary>Forward, SIMD, one core.</summary>
    [Benchmark]
    [BenchmarkCategory("Spmm")]
    [FlopCount(ConnectionSource.Sparse)]
    public void SpmmSimd() => SparseKernels.Spmm(_f.Matrix, _f.Bias, _f.X, _f.Y, _f.Stride, 0, _f.Outputs);

    /// <summary>Backward to the inputs, scalar reference.</summary>
    [Benchmark(Baseline = true)]
    [BenchmarkCategory("SpmmTransposed")]
    [FlopCount(ConnectionSource.Sparse)]
    public void SpmmTransposedReference() => SparseKernelsReference.SpmmTransposed(_f.Matrix, _f.DeltaY, _f.DeltaX, _f.Stride, _f.Batch);

    /// <summary>Backward to the inputs, SIMD, one core.</summary>
    [Benchmark]
    [BenchmarkCategory("SpmmTransposed")]
    [FlopCount(ConnectionSource.Sparse)]
    public void SpmmTransposedSimd() => SparseKernels.SpmmTransposed(_f.Matrix, _f.DeltaY, _f.DeltaX, _f.Stride, 0, _f.Inputs);

    /// <summary>Weight gradient, scalar reference.</summary>
    [Benchmark(Baseline = true)]
    [BenchmarkCategory("Sddmm")]
    [FlopCount(ConnectionSource.Sparse)]
    public void SddmmReference() => SparseKernelsReference.Sddmm(_f.Matrix, _f.DeltaY, _f.X, _f.Gradient, _f.Stride, _f.Batch);

    /// <summary>Weight gradient, SIMD, one core.</summary>
    [Benchmark]
    [BenchmarkCategory("Sddmm")]
    [FlopCount(ConnectionSource.Sparse)]
    public void SddmmSimd() => SparseKernels.Sddmm(_f.Matrix, _f.DeltaY, _f.X, _f.Gradient, _f.Stride, 0, _f.Outputs);
}
