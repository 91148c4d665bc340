using SparseMlNet.Data;

namespace SparseMlNet.FeatureSelection;

/// <summary>
/// The registry of feature-selection methods behind <see cref="IFeatureScorer"/>: QuickSelection (single or ensemble), and the baselines users compare against —
/// random, variance, Laplacian score and mutual information. Adding a method is one factory here (or any class implementing <see cref="IFeatureScorer"/>).
/// </summary>
public sealed class FeatureScorer : IFeatureScorer
{
    private readonly Func<Dataset, int, int, CancellationToken, FeatureSelector> _fit;

    /// <summary>Wraps a fitting function as a scorer.</summary>
    /// <param name="method">Name for reports; not empty.</param>
    /// <param name="usesLabels">Whether <paramref name="fit"/> reads the labels.</param>
    /// <param name="fit">(data, k, seed, token) → selector.</param>
    /// <exception cref="ArgumentException"><paramref name="method"/> is empty.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="fit"/> is null.</exception>
    public FeatureScorer(string method, bool usesLabels, Func<Dataset, int, int, CancellationToken, FeatureSelector> fit)
    {
        ArgumentException.ThrowIfNullOrEmpty(method);
        ArgumentNullException.ThrowIfNull(fit);
        Method = method;
        UsesLabels = usesLabels;
        _fit = fit;
    }

    /// <inheritdoc/>
    public string Method { get; }

    /// <inheritdoc/>
    public bool UsesLabels { get; }

    /// <summary>
    /// QuickSelection with these options (R = <see cref="QuickSelectionOptions.Runs"/> autoencoders, or when that is null the automatic R of each fit's data,
    /// <see cref="QuickSelectionOptions.RunsFor"/>); the seed of each fit replaces the options' seed.
    /// </summary>
    /// <param name="options">Hyperparameters; null for the defaults. Copied now, so later changes to the object do not affect the scorer.</param>
    /// <returns>The scorer (unsupervised), named "QuickSelection" (R = 1), "QuickSelection (ensemble of R)", or "QuickSelection (automatic)" when R is chosen per fit.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range (see <see cref="QuickSelectionOptions.Validate"/>).</exception>
    public static FeatureScorer QuickSelection(QuickSelectionOptions? options = null)
    {
        options ??= new QuickSelectionOptions();
        QuickSelectionOptions copy = options.WithSeed(options.Seed);
        copy.Validate();
        string name = copy.Runs switch
        {
            null => "QuickSelection (automatic)",
            1 => "QuickSelection",
            int r => FormattableString.Invariant($"QuickSelection (ensemble of {r})"),
        };
        return new FeatureScorer(name, usesLabels: false, (data, k, seed, token) =>
        {
            QuickSelectionOptions run = copy.WithSeed(seed);
            return new QuickSelection(run).Fit(data, k, token).Selector;
        });
    }

    /// <summary>NeuroFS with these options (supervised; Atashgahi et al., TMLR 2023); the seed of each fit replaces the options' seed.</summary>
    /// <param name="options">Hyperparameters; null for the defaults. Copied now.</param>
    /// <returns>The scorer (supervised), named "NeuroFS" or "NeuroFS (ensemble of R)".</returns>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range (see <see cref="NeuroFSOptions.Validate"/>).</exception>
    public static FeatureScorer NeuroFS(NeuroFSOptions? options = null)
    {
        NeuroFSOptions copy = (options ?? new NeuroFSOptions()).WithSeed((options ?? new NeuroFSOptions()).Seed);
        copy.Validate();
        string name = copy.Runs == 1 ? "NeuroFS" : FormattableString.Invariant($"NeuroFS (ensemble of {copy.Runs})");
        return new FeatureScorer(name, usesLabels: true, (data, k, seed, token) => new NeuroFS(copy.WithSeed(seed)).Fit(data, k, token).Selector);
    }

    /// <summary>The random baseline (<see cref="RandomSelection"/>): a new random ranking for every seed.</summary>
    /// <returns>The scorer (unsupervised), named "Random".</returns>
    public static FeatureScorer Random() =>
        new("Random", usesLabels: false, (data, k, seed, _) => RandomSelection.Fit(data.FeatureCount, k, seed, data.FeatureNames));

    /// <summary>The variance baseline (<see cref="VarianceSelection"/>), deterministic.</summary>
    /// <returns>The scorer (unsupervised), named "Variance".</returns>
    public static FeatureScorer Variance() =>
        new("Variance", usesLabels: false, (data, k, _, _) => VarianceSelection.Fit(data.Features, data.FeatureCount, k, data.FeatureNames));

    /// <summary>The Laplacian score (<see cref="LaplacianScore"/>; He, Cai and Niyogi, NIPS 2005), deterministic.</summary>
    /// <param name="neighbours">Nearest neighbours of the sample graph; Range: ≥ 1. Default 5, as in the paper.</param>
    /// <returns>The scorer (unsupervised), named "Laplacian score".</returns>
    public static FeatureScorer Laplacian(int neighbours = LaplacianScore.DefaultNeighbours) =>
        new("Laplacian score", usesLabels: false, (data, k, _, token) => LaplacianScore.Fit(data.Features, data.FeatureCount, k, neighbours, data.FeatureNames, token));

    /// <summary>Mutual information between each feature and the class (<see cref="MutualInformationSelection"/>; Ross 2014 estimator), deterministic.</summary>
    /// <param name="neighbours">Neighbours of the estimator; Range: ≥ 1. Default 3, as scikit-learn's <c>mutual_info_classif</c>.</param>
    /// <returns>The scorer (supervised), named "Mutual information".</returns>
    public static FeatureScorer MutualInformation(int neighbours = MutualInformationSelection.DefaultNeighbours) =>
        new("Mutual information", usesLabels: true, (data, k, _, token) => MutualInformationSelection.Fit(data, k, neighbours, token));

    /// <summary>The four baselines in report order: random, variance, Laplacian score, mutual information.</summary>
    /// <returns>New scorers.</returns>
    public static IReadOnlyList<IFeatureScorer> Baselines() => [Random(), Variance(), Laplacian(), MutualInformation()];

    /// <inheritdoc/>
    public FeatureSelector Fit(Dataset data, int selectedCount, int seed, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        cancellationToken.ThrowIfCancellationRequested();
        return _fit(data, selectedCount, seed, cancellationToken);
    }
}
