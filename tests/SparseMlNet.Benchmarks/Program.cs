using BenchmarkDotNet.Running;
using SparseMlNet.Benchmarks;
using SparseMlNet.Benchmarks.Epochs;
using SparseMlNet.Benchmarks.Kernels;
using SparseMlNet.Benchmarks.Memory;
using SparseMlNet.Benchmarks.Scale;
using SparseMlNet.Benchmarks.Selection;

// Three custom modes (the selection table runs the engine's feature-selection protocol) that BenchmarkDotNet would make too slow (whole epochs × many configurations) or cannot express (allocation of a huge layer);
// everything else is BenchmarkDotNet's command line: --filter, --job short, --list flat, ...
try
{
    if (args.Contains("--epoch-table"))
    {
        EpochTable.Run(ModeOptions.Parse(args), Console.Out);
        return 0;
    }

    if (args.Contains("--memory"))
    {
        MemoryReport.Run(ModeOptions.Parse(args), Console.Out);
        return 0;
    }

    if (args.Contains("--memory-phases"))
    {
        MemoryPhases.Run(args, Console.Out);
        return 0;
    }

    if (args.Contains("--predict-memory"))
    {
        PredictMemory.Run(args, Console.Out);
        return 0;
    }

    if (args.Contains("--evolution-step"))
    {
        SparseMlNet.Benchmarks.Policies.EvolutionStepTiming.Run(args, Console.Out);
        return 0;
    }

    if (args.Contains("--policy-table"))
    {
        SparseMlNet.Benchmarks.Policies.PolicyTable.Run(SparseMlNet.Benchmarks.Policies.PolicyTableOptions.Parse(args), Console.Out);
        return 0;
    }

    if (args.Contains("--scale-table"))
    {
        return ScaleTable.Run(ScaleTableOptions.Parse(args), Console.Out);
    }

    if (args.Contains("--scale-run"))
    {
        return ScaleRun.Run(ScaleTableOptions.Parse(args), Console.Out);
    }

    if (args.Contains("--selection-table"))
    {
        SelectionTable.Run(SelectionTableOptions.Parse(args), Console.Out);
        return 0;
    }

#if MLNET
    if (args.Contains("--classifier-table"))
    {
        SparseMlNet.Benchmarks.MLNet.ClassifierTable.Run(SparseMlNet.Benchmarks.MLNet.ClassifierTableOptions.Parse(args), Console.Out);
        return 0;
    }
#endif

    if (args.Contains("--help-modes"))
    {
        Console.WriteLine(ModeOptions.Usage);
        Console.WriteLine(MemoryPhases.Usage);
        Console.WriteLine(SelectionTableOptions.Usage);
        Console.WriteLine(SparseMlNet.Benchmarks.Policies.PolicyTableOptions.Usage);
        Console.WriteLine(ScaleTableOptions.Usage);
#if MLNET
        Console.WriteLine(SparseMlNet.Benchmarks.MLNet.ClassifierTableOptions.Usage);
#endif
        return 0;
    }
}
catch (ArgumentException e)
{
    // The usage text reads better without ArgumentException's "(Parameter '…')" suffix.
    Console.Error.WriteLine(e.ParamName is null ? e.Message : e.Message.Replace($" (Parameter '{e.ParamName}')", string.Empty, StringComparison.Ordinal));
    return 2;
}

BenchmarkSwitcher.FromAssembly(typeof(KernelBenchmarks).Assembly).Run(args, BenchmarkConfig.Create());
return 0;
