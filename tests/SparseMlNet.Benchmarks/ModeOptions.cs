using System.Globalization;
using SparseMlNet.Benchmarks.Epochs;
using SparseMlNet.Networks;

namespace SparseMlNet.Benchmarks;

/// <summary>Options of the non-BenchmarkDotNet modes <c>--epoch-table</c> and <c>--memory</c>.</summary>
internal sealed class ModeOptions
{
    public const string Usage = """
        Modes (all other arguments go to BenchmarkDotNet, e.g. --filter '*Kernel*' --job short):
          --epoch-table [--epochs N] [--samples N] [--epsilons 0.5,1,5,20,100,500] [--kinds Set,FixProb,Dense]
              trains N epochs (default 3) of each configuration with MlpTrainer; prints a markdown table of median seconds per epoch (epochs 2..N).
          --memory [--samples N]
              builds a 1,000,000 x 1,000,000 sparse layer at epsilon 1 and reports bytes per connection, then the training memory of 784-1000-1000-1000-10.
          --predict-memory [--rows 250000,1000000]
              peak resident memory of the real 'sparsemlnet predict' (child process) on 64-feature CSV files of each length.
        Samples default to $SPARSEMLNET_BENCH_SAMPLES, else 60000 (--memory: 5000).
        """;

    public int Epochs { get; private set; } = 3;

    public int? Samples { get; private set; }

    public IReadOnlyList<double> Epsilons { get; private set; } = EpochConfiguration.DefaultEpsilons;

    public IReadOnlyList<NetworkKind> Kinds { get; private set; } = [NetworkKind.Set, NetworkKind.FixProb, NetworkKind.Dense];

    /// <summary>Parses the options after the mode flag.</summary>
    /// <exception cref="ArgumentException">An unknown option or a malformed value (the message names it and shows the usage).</exception>
    public static ModeOptions Parse(IReadOnlyList<string> args)
    {
        var options = new ModeOptions();
        for (int i = 0; i < args.Count; i++)
        {
            string name = args[i];
            if (name is "--epoch-table" or "--memory")
            {
                continue;
            }

            if (i + 1 >= args.Count)
            {
                throw new ArgumentException($"Option {name} needs a value.\n{Usage}", nameof(args));
            }

            string value = args[++i];
            switch (name)
            {
                case "--epochs":
                    options.Epochs = ParseInt(name, value, 1);
                    break;
                case "--samples":
                    options.Samples = ParseInt(name, value, BenchmarkData.ClassCount);
                    break;
                case "--epsilons":
                    options.Epsilons = value.Split(',').Select(v => ParseEpsilon(name, v)).ToArray();
                    break;
                case "--kinds":
                    options.Kinds = value.Split(',').Select(v => Enum.TryParse(v.Trim(), ignoreCase: true, out NetworkKind k)
                        ? k
                        : throw new ArgumentException($"{name}: '{v}' is not Set, FixProb or Dense.\n{Usage}", nameof(args))).Distinct().ToArray();
                    break;
                default:
                    throw new ArgumentException($"Unknown option {name}.\n{Usage}", nameof(args));
            }
        }

        return options;
    }

    private static int ParseInt(string name, string value, int minimum) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out int n) && n >= minimum
            ? n
            : throw new ArgumentException($"{name}: '{value}' is not an integer ≥ {minimum}.\n{Usage}", nameof(value));

    private static double ParseEpsilon(string name, string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double e) && e > 0 && double.IsFinite(e)
            ? e
            : throw new ArgumentException($"{name}: '{value}' is not a positive epsilon.\n{Usage}", nameof(value));
}
