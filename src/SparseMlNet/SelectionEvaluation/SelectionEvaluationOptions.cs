namespace SparseMlNet.SelectionEvaluation;

/// <summary>How <see cref="SelectionEvaluator"/> scores a feature selection; defaults follow the QuickSelection paper's evaluation (section 4.1).</summary>
public sealed class SelectionEvaluationOptions
{
    /// <summary>Stratified cross-validation folds used when no held-out test set is given; Range: [2, samples]. Default 5.</summary>
    public int Folds { get; set; } = 5;

    /// <summary>
    /// Repetitions of the stratified cross-validation in <see cref="SelectionComparison"/>, each with other folds; Range: ≥ 0. Default 0, automatic:
    /// <see cref="SmallTestRepeats"/> repetitions when a fold's test part would hold fewer than <see cref="SmallTestSize"/> samples, else 1.
    /// </summary>
    public int Repeats { get; set; }

    /// <summary>Below this many test samples a single split is too noisy to trust (8–12 test samples disagreed with an independent evaluator by 0.12): 50.</summary>
    public const int SmallTestSize = 50;

    /// <summary>Repetitions chosen automatically for small test parts: 5 (so 5 × 5 folds = 25 test parts).</summary>
    public const int SmallTestRepeats = 5;

    /// <summary>The repetitions used for <paramref name="samples"/> rows: <see cref="Repeats"/> when set, else 5 when n / <see cref="Folds"/> &lt; 50, else 1.</summary>
    /// <param name="samples">Rows of the data to cross-validate.</param>
    /// <returns>≥ 1.</returns>
    public int RepeatsFor(int samples) => Repeats > 0 ? Repeats : samples / Folds < SmallTestSize ? SmallTestRepeats : 1;

    /// <summary>Trees of the <see cref="ExtraTreesClassifier"/>; Range: ≥ 1. Default 50, as in the paper.</summary>
    public int Trees { get; set; } = 50;

    /// <summary>
    /// Independently seeded forests of <see cref="Trees"/> trees whose test accuracies are averaged on every test part, as <see cref="ClusteringRuns"/> averages
    /// k-means; Range: ≥ 1. Default 5. The first forest uses the seed a single forest would, so 1 gives the paper's single-forest figure. Why 5: on identical
    /// Golub selections (5 × 5 folds) a single forest's mean accuracy was up to 0.009 away from the mean over 20 forest seeds, enough to make two methods
    /// 0.014 apart look tied (docs/quickselection-results.md, "Evaluation noise and an independent check"); 5 forests divide that part of the noise by √5,
    /// and every forest still has the paper's 50 trees, so the expected accuracy is the paper's.
    /// </summary>
    public int Forests { get; set; } = DefaultForests;

    /// <summary>The default of <see cref="Forests"/>: 5.</summary>
    public const int DefaultForests = 5;

    /// <summary>Independent k-means clusterings whose accuracies are averaged; Range: ≥ 1. Default 10, as in the paper.</summary>
    public int ClusteringRuns { get; set; } = 10;

    /// <summary>k-means++ restarts within each clustering; Range: ≥ 1. Default 10 (scikit-learn's n_init, as in the paper).</summary>
    public int KMeansRestarts { get; set; } = 10;

    /// <summary>Seed of the folds, the trees and the clusterings.</summary>
    public int Seed { get; set; } = 42;

    /// <summary>Checks every value and throws naming the first one out of range.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A value out of range; the parameter name is the property's.</exception>
    public void Validate()
    {
        if (Folds < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(Folds), Folds, "Cross-validation needs at least 2 folds, for example 5.");
        }

        if (Repeats < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(Repeats), Repeats, "Cross-validation repeats must be ≥ 1, or 0 for automatic (5 when a fold's test part is under 50 samples).");
        }

        if (Trees < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(Trees), Trees, "The forest needs at least 1 tree, for example 50.");
        }

        if (Forests < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(Forests), Forests, "Average at least 1 forest, for example 5.");
        }

        if (ClusteringRuns < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(ClusteringRuns), ClusteringRuns, "Run k-means at least once, for example 10 times.");
        }

        if (KMeansRestarts < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(KMeansRestarts), KMeansRestarts, "k-means needs at least 1 initialisation, for example 10.");
        }
    }
}
