using System.Globalization;

namespace SparseMlNet.Benchmarks.Policies;

/// <summary>Options of the <c>--policy-table</c> mode.</summary>
internal sealed class PolicyTableOptions
{
    public const string Usage = """
          --policy-table [--sets fmnist,madelon] [--policies set,set-cosine,rigl,rigl-dt,set-prune,fixprob,dense] [--seeds 1,2,3] [--dense-seeds 1]
                         [--epochs 10] [--madelon-epochs 100] [--prune-threshold 0.7] [--delta-t 100] [--madelon-delta-t 4]
                         [--fashion-mnist DIR] [--data DIR] [--samples N]
              trains every policy (rigl: gradient growth after each epoch; rigl-dt: gradient growth, cosine ζ, ΔT in mini-batches) with each seed on full Fashion-MNIST
              (784-1000-1000-1000-10) and Madelon (500-400-100-400-2); prints a markdown table per data set of test accuracy (mean ± sd over seeds)
              after 10 epochs and at the end, train and evolution seconds per epoch, and, for neuron pruning, neurons left and s/epoch at epoch 2 vs the end.
              Defaults: --fashion-mnist /usr/share/datasets/fashion-mnist, --data ../shared/data.
          --evolution-step [--repeats 15]
              one evolution step of the 1000 x 1000 layer at epsilon 20: the dense-candidate gradient, gradient + top-k, the RigL step, SET's step (ms, interleaved medians).
        """;

    public static readonly IReadOnlyList<string> AllPolicies = ["set", "set-cosine", "rigl", "rigl-dt", "set-prune", "fixprob", "dense"];

    public IReadOnlyList<string> Sets { get; private set; } = ["fmnist", "madelon"];

    public IReadOnlyList<string> Policies { get; private set; } = AllPolicies;

    public IReadOnlyList<int> Seeds { get; private set; } = [1, 2, 3];

    public IReadOnlyList<int> DenseSeeds { get; private set; } = [1];

    public int Epochs { get; private set; } = 10;

    public int MadelonEpochs { get; private set; } = 100;

    public double PruneThreshold { get; private set; } = 0.7;

    public int DeltaT { get; private set; } = 100;

    public int MadelonDeltaT { get; private set; } = 4;

    public string FashionMnistDirectory { get; private set; } = "/usr/share/datasets/fashion-mnist";

    public string DataDirectory { get; private set; } = Path.Combine("..", "shared", "data");

    public int? Samples { get; private set; }

    /// <summary>Parses the options after <c>--policy-table</c>.</summary>
    /// <exception cref="ArgumentException">An unknown option, set or policy, or a malformed value.</exception>
    public static PolicyTableOptions Parse(IReadOnlyList<string> args)
    {
        var o = new PolicyTableOptions();
        for (int i = 0; i < args.Count; i++)
        {
            string name = args[i];
            if (name == "--policy-table")
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
                case "--sets":
                    o.Sets = List(name, value, ["fmnist", "madelon"]);
                    break;
                case "--policies":
                    o.Policies = List(name, value, AllPolicies);
                    break;
                case "--seeds":
                    o.Seeds = value.Split(',').Select(v => Int(name, v, int.MinValue)).ToArray();
                    break;
                case "--dense-seeds":
                    o.DenseSeeds = value.Split(',').Select(v => Int(name, v, int.MinValue)).ToArray();
                    break;
                case "--epochs":
                    o.Epochs = Int(name, value, 1);
                    break;
                case "--madelon-epochs":
                    o.MadelonEpochs = Int(name, value, 1);
                    break;
                case "--prune-threshold":
                    o.PruneThreshold = double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double tau) && tau > 0 && tau < 1
                        ? tau
                        : throw new ArgumentException($"{name} takes a threshold in (0, 1), not '{value}'.\n{Usage}", nameof(args));
                    break;
                case "--delta-t":
                    o.DeltaT = Int(name, value, 1);
                    break;
                case "--madelon-delta-t":
                    o.MadelonDeltaT = Int(name, value, 1);
                    break;
                case "--fashion-mnist":
                    o.FashionMnistDirectory = value;
                    break;
                case "--data":
                    o.DataDirectory = value;
                    break;
                case "--samples":
                    o.Samples = Int(name, value, 10);
                    break;
                default:
                    throw new ArgumentException($"Unknown option {name}.\n{Usage}", nameof(args));
            }
        }

        return o;
    }

    private static string[] List(string name, string value, IReadOnlyList<string> allowed)
    {
        string[] items = value.Split(',').Select(v => v.Trim().ToLowerInvariant()).ToArray();
        string? bad = items.FirstOrDefault(v => !allowed.Contains(v));
        return bad is null ? items : throw new ArgumentException($"{name}: unknown value '{bad}'; give some of {string.Join(",", allowed)}.\n{Usage}", nameof(value));
    }

    private static int Int(string name, string value, int minimum) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out int n) && n >= minimum
            ? n
            : throw new ArgumentException($"{name} takes an integer ≥ {minimum}, not '{value}'.\n{Usage}", nameof(value));
}
