using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using SparseMlNet.Benchmarks.Reporting;

namespace SparseMlNet.Benchmarks;

/// <summary>
/// BenchmarkDotNet configuration of every benchmark here: the default job (or the one chosen with <c>--job short</c>, <c>--job dry</c>, …),
/// allocations per operation (MemoryDiagnoser) and the <see cref="GflopsColumn"/> throughput column.
/// </summary>
internal static class BenchmarkConfig
{
    public static IConfig Create() =>
        ManualConfig.Create(DefaultConfig.Instance)
            .AddDiagnoser(MemoryDiagnoser.Default)
            .AddColumn(new GflopsColumn());
}
