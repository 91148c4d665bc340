using System.Globalization;
using SparseMlNet.Networks;
using SparseMlNet.Sparse;

namespace SparseMlNet.Benchmarks.Epochs;

/// <summary>One network of the epoch benchmarks: SET or FixProb at an ε, or the dense baseline (ε ignored).</summary>
/// <param name="Kind">SET, FixProb or dense.</param>
/// <param name="Epsilon">ε of the Erdős–Rényi initialisation; unused for dense.</param>
/// <remarks>Ordered by kind (SET, FixProb, dense) then ε, so BenchmarkDotNet lists the configurations from sparsest to densest.</remarks>
public sealed record EpochConfiguration(NetworkKind Kind, double Epsilon) : IComparable<EpochConfiguration>, IComparable
{
    /// <summary>
    /// ε values whose 1000×1000 hidden layers span the densities 0.1 % (ε = 0.5) to 100 % (ε = 500; p = ε·2000/10⁶ is capped at 1):
    /// 0.1 %, 0.2 %, 1 %, 4 % (ε = 20, the papers' value), 20 %, 100 %.
    /// </summary>
    public static IReadOnlyList<double> DefaultEpsilons { get; } = [0.5, 1, 5, 20, 100, 500];

    /// <summary>SET and FixProb at every ε, then dense.</summary>
    public static IReadOnlyList<EpochConfiguration> Defaults { get; } = Build([NetworkKind.Set, NetworkKind.FixProb, NetworkKind.Dense], DefaultEpsilons);

    /// <summary>Every sparse kind at every ε, and the dense network once if requested.</summary>
    public static IReadOnlyList<EpochConfiguration> Build(IReadOnlyList<NetworkKind> kinds, IReadOnlyList<double> epsilons)
    {
        ArgumentNullException.ThrowIfNull(kinds);
        ArgumentNullException.ThrowIfNull(epsilons);
        var list = new List<EpochConfiguration>();
        foreach (var kind in kinds.Where(k => k != NetworkKind.Dense))
        {
            list.AddRange(epsilons.Select(e => new EpochConfiguration(kind, e)));
        }

        if (kinds.Contains(NetworkKind.Dense))
        {
            list.Add(new EpochConfiguration(NetworkKind.Dense, 0));
        }

        return list;
    }

    /// <summary>Expected density of a sparse n_in × n_out layer of this configuration (1 for dense).</summary>
    public double ExpectedDensity(int inputs, int outputs) => Kind == NetworkKind.Dense ? 1 : ErdosRenyi.Probability(Epsilon, inputs, outputs);

    /// <summary>"SET", "FixProb" or "Dense".</summary>
    public string KindName => Kind == NetworkKind.Set ? "SET" : Kind.ToString();

    /// <summary>"SET ε=20", "FixProb ε=0.5", "Dense".</summary>
    public override string ToString() =>
        Kind == NetworkKind.Dense ? KindName : string.Create(CultureInfo.InvariantCulture, $"{KindName} ε={Epsilon:G}");

    /// <summary>Less than by kind, then ε.</summary>
    public static bool operator <(EpochConfiguration? left, EpochConfiguration? right) => Compare(left, right) < 0;

    /// <summary>Greater than by kind, then ε.</summary>
    public static bool operator >(EpochConfiguration? left, EpochConfiguration? right) => Compare(left, right) > 0;

    /// <summary>At most, by kind, then ε.</summary>
    public static bool operator <=(EpochConfiguration? left, EpochConfiguration? right) => Compare(left, right) <= 0;

    /// <summary>At least, by kind, then ε.</summary>
    public static bool operator >=(EpochConfiguration? left, EpochConfiguration? right) => Compare(left, right) >= 0;

    /// <inheritdoc/>
    public int CompareTo(EpochConfiguration? other) => Compare(this, other);

    /// <inheritdoc/>
    public int CompareTo(object? obj) => obj is null or EpochConfiguration
        ? Compare(this, (EpochConfiguration?)obj)
        : throw new ArgumentException($"Cannot compare an {nameof(EpochConfiguration)} with a {obj.GetType().Name}.", nameof(obj));

    private static int Compare(EpochConfiguration? left, EpochConfiguration? right)
    {
        if (left is null || right is null)
        {
            return left is null ? (right is null ? 0 : -1) : 1;
        }

        int byKind = left.Kind.CompareTo(right.Kind);
        return byKind != 0 ? byKind : left.Epsilon.CompareTo(right.Epsilon);
    }
}
