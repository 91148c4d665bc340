using System.Globalization;

namespace SparseMlNet.Benchmarks.Scale;

/// <summary>Options of <c>--scale-table</c> (and of the child runs it starts, <c>--scale-run</c>).</summary>
internal sealed class ScaleTableOptions
{
    public const string Usage = """
          --scale-table [--sizes 0.1M,1M,10M] [--epochs 3] [--samples 600] [--features 54675] [--classes 18] [--informative N] [--effect 1]
                        [--epsilon 10] [--batch-size 32] [--seed 42] [--memory-limit GB] [--kernel-repeats 5]
              trains SET-MLPs features-(size/3 x 3)-classes on seeded synthetic microarray-shaped data (SyntheticExpression: N(0,1) noise, class
              means N(0, effect^2) on an informative subset, default a tenth of the features; 20% held out), one child process per size under a
              GC heap limit (default 85% of the memory available at start), and prints a markdown table: neurons, connections, s/epoch, per 1,000
              samples, GFLOP/s and fraction of the STREAM-triad bound of Spmm / SpmmTransposed / Sddmm, evolution, peak working set, bytes per
              connection, test accuracy against chance. A size whose memory cannot fit is reported as refused.
        """;

    /// <summary>Hidden neurons of each network in all (three equal hidden layers of size/3).</summary>
    public IReadOnlyList<int> Sizes { get; private set; } = [100_000, 1_000_000, 10_000_000];

    public int Epochs { get; private set; } = 3;

    public int Samples { get; private set; } = 600;

    public int Features { get; private set; } = 54_675;

    public int Classes { get; private set; } = 18;

    /// <summary>Informative features; null: a tenth of <see cref="Features"/>.</summary>
    public int? Informative { get; private set; }

    public float Effect { get; private set; } = 1f;

    public double Epsilon { get; private set; } = 10;

    public int BatchSize { get; private set; } = 32;

    public int Seed { get; private set; } = 42;

    /// <summary>GC heap limit of each child run, in bytes; null: 85% of the memory available when the table starts.</summary>
    public long? MemoryLimitBytes { get; private set; }

    public int KernelRepeats { get; private set; } = 5;

    public int InformativeCount => Informative ?? Math.Max(1, Features / 10);

    public int TestSamples => Math.Max(Classes, (int)Math.Round(Samples * 0.2));

    public int TrainSamples => Samples - TestSamples;

    /// <summary>Parses the options (the mode flags themselves are skipped).</summary>
    /// <exception cref="ArgumentException">An unknown option or a malformed value.</exception>
    public static ScaleTableOptions Parse(IReadOnlyList<string> args)
    {
        var o = new ScaleTableOptions();
        for (int i = 0; i < args.Count; i++)
        {
            string name = args[i];
            if (name is "--scale-table" or "--scale-run")
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
                case "--sizes": o.Sizes = value.Split(',').Select(v => ParseSize(name, v)).ToArray(); break;
                case "--size": o.Sizes = [ParseSize(name, value)]; break;
                case "--epochs": o.Epochs = ParseInt(name, value, 1); break;
                case "--samples": o.Samples = ParseInt(name, value, 4); break;
                case "--features": o.Features = ParseInt(name, value, 1); break;
                case "--classes": o.Classes = ParseInt(name, value, 2); break;
                case "--informative": o.Informative = ParseInt(name, value, 1); break;
                case "--effect": o.Effect = (float)ParseDouble(name, value); break;
                case "--epsilon": o.Epsilon = ParseDouble(name, value); break;
                case "--batch-size": o.BatchSize = ParseInt(name, value, 1); break;
                case "--seed": o.Seed = ParseInt(name, value, 0); break;
                case "--memory-limit": o.MemoryLimitBytes = (long)(ParseDouble(name, value) * (1L << 30)); break;
                case "--kernel-repeats": o.KernelRepeats = ParseInt(name, value, 1); break;
                default: throw new ArgumentException($"Unknown option {name}.\n{Usage}", nameof(args));
            }
        }

        if (o.InformativeCount > o.Features)
        {
            throw new ArgumentException($"--informative {o.InformativeCount} exceeds --features {o.Features}.\n{Usage}", nameof(args));
        }

        if (o.TrainSamples < o.Classes)
        {
            throw new ArgumentException($"--samples {o.Samples} leaves {o.TrainSamples} training rows for {o.Classes} classes; give more samples.\n{Usage}", nameof(args));
        }

        return o;
    }

    /// <summary>The command-line arguments of a child run of one size (every option explicit, so the child needs no defaults of its own).</summary>
    public IEnumerable<string> ChildArguments(int size, long memoryLimit) =>
    [
        "--scale-run", "--size", Invariant($"{size}"), "--epochs", Invariant($"{Epochs}"), "--samples", Invariant($"{Samples}"),
        "--features", Invariant($"{Features}"), "--classes", Invariant($"{Classes}"), "--informative", Invariant($"{InformativeCount}"),
        "--effect", Invariant($"{Effect:R}"), "--epsilon", Invariant($"{Epsilon:R}"), "--batch-size", Invariant($"{BatchSize}"),
        "--seed", Invariant($"{Seed}"), "--memory-limit", Invariant($"{memoryLimit / (double)(1L << 30):R}"), "--kernel-repeats", Invariant($"{KernelRepeats}"),
    ];

    /// <summary>0.1M, 1M, 250K or a plain count: hidden neurons in all.</summary>
    private static int ParseSize(string name, string text)
    {
        string t = text.Trim();
        double scale = 1;
        if (t.EndsWith('M') || t.EndsWith('m'))
        {
            scale = 1e6;
            t = t[..^1];
        }
        else if (t.EndsWith('K') || t.EndsWith('k'))
        {
            scale = 1e3;
            t = t[..^1];
        }

        return double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && v * scale >= 3 && v * scale < int.MaxValue
            ? (int)Math.Round(v * scale)
            : throw new ArgumentException($"{name}: '{text}' is not a neuron count such as 0.1M, 250K or 1000000 (at least 3).\n{Usage}", nameof(text));
    }

    private static int ParseInt(string name, string value, int minimum) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out int n) && n >= minimum
            ? n
            : throw new ArgumentException($"{name}: '{value}' is not an integer ≥ {minimum}.\n{Usage}", nameof(value));

    private static double ParseDouble(string name, string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && v > 0 && double.IsFinite(v)
            ? v
            : throw new ArgumentException($"{name}: '{value}' is not a positive number.\n{Usage}", nameof(value));

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
