using System.Globalization;
using System.Reflection;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using SparseMlNet.Benchmarks.Kernels;

namespace SparseMlNet.Benchmarks.Reporting;

/// <summary>
/// Throughput of a kernel benchmark in GFLOP/s: 2·connections·batch / mean time, counting one multiply and one add per connection per sample
/// (connections = nnz for sparse kernels, n_in·n_out for dense GEMM). Empty for benchmarks without <see cref="FlopCountAttribute"/>.
/// </summary>
/// <remarks>
/// Benchmarks run in a child process, so the nnz is recomputed here from the same seeded topology (<see cref="KernelFixture.SparseNnz"/>)
/// rather than passed back.
/// </remarks>
public sealed class GflopsColumn : IColumn
{
    /// <inheritdoc/>
    public string Id => nameof(GflopsColumn);

    /// <inheritdoc/>
    public string ColumnName => "GFLOP/s";

    /// <inheritdoc/>
    public bool AlwaysShow => true;

    /// <inheritdoc/>
    public ColumnCategory Category => ColumnCategory.Custom;

    /// <inheritdoc/>
    public int PriorityInCategory => 0;

    /// <inheritdoc/>
    public bool IsNumeric => true;

    /// <inheritdoc/>
    public UnitType UnitType => UnitType.Dimensionless;

    /// <inheritdoc/>
    public string Legend => "Throughput: 2 flops per connection per sample (nnz for sparse kernels, n_in·n_out for dense GEMM) / mean time";

    /// <summary>Flops of one invocation of <paramref name="benchmarkCase"/>, or null when it carries no <see cref="FlopCountAttribute"/>.</summary>
    public static double? FlopsPerInvocation(BenchmarkCase benchmarkCase)
    {
        ArgumentNullException.ThrowIfNull(benchmarkCase);
        var attribute = benchmarkCase.Descriptor.WorkloadMethod.GetCustomAttribute<FlopCountAttribute>();
        if (attribute is null)
        {
            return null;
        }

        int inputs = Parameter<int>(benchmarkCase, "Inputs");
        int outputs = Parameter<int>(benchmarkCase, "Outputs");
        int batch = Parameter<int>(benchmarkCase, "Batch");
        double connections = attribute.Source == ConnectionSource.Dense
            ? (double)inputs * outputs
            : KernelFixture.SparseNnz(inputs, outputs, Parameter<double>(benchmarkCase, "Density"));
        return 2.0 * connections * batch;
    }

    /// <inheritdoc/>
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    /// <inheritdoc/>
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        ArgumentNullException.ThrowIfNull(summary);
        double? flops = FlopsPerInvocation(benchmarkCase);
        double? meanNanoseconds = summary[benchmarkCase]?.ResultStatistics?.Mean;
        if (flops is null || meanNanoseconds is not > 0)
        {
            return "-";
        }

        // flops per nanosecond = GFLOP/s.
        return (flops.Value / meanNanoseconds.Value).ToString("F2", CultureInfo.InvariantCulture);
    }

    /// <inheritdoc/>
    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    /// <summary>Shown only in summaries that hold a benchmark with <see cref="FlopCountAttribute"/>.</summary>
    public bool IsAvailable(Summary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        return summary.BenchmarksCases.Any(c => c.Descriptor.WorkloadMethod.GetCustomAttribute<FlopCountAttribute>() is not null);
    }

    /// <inheritdoc/>
    public override string ToString() => ColumnName;

    private static T Parameter<T>(BenchmarkCase benchmarkCase, string name)
    {
        object? value = benchmarkCase.Parameters[name];
        return value is T typed
            ? typed
            : throw new InvalidOperationException($"Benchmark {benchmarkCase.Descriptor.DisplayInfo} has [FlopCount] but no parameter {name} of type {typeof(T).Name}.");
    }
}
