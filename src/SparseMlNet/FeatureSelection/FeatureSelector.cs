using SparseMlNet.Data;

namespace SparseMlNet.FeatureSelection;

/// <summary>
/// A fitted feature selector and the one top-k chooser of the library: one score per feature, the complete ranking they induce, the k best features, and a
/// transform that keeps only those. Produced by every <see cref="IFeatureScorer"/>: <see cref="QuickSelection"/> (scores are neuron strengths, or their mean
/// z-scores for an ensemble) and the baselines (<see cref="RandomSelection"/>, <see cref="VarianceSelection"/>, <see cref="LaplacianScore"/>,
/// <see cref="MutualInformationSelection"/>).
/// </summary>
/// <remarks>
/// Ranking rule: higher score first; equal scores are ordered by ascending feature index, so the ranking is a deterministic function of the scores.
/// The selector is immutable; <see cref="WithSelectedCount"/> gives another k from the same ranking without refitting.
/// </remarks>
public sealed class FeatureSelector
{
    private readonly double[] _scores;
    private readonly int[] _ranking;
    private readonly int[] _ranks;
    private readonly int[] _selected;

    private FeatureSelector(string method, double[] scores, int[] ranking, int[] ranks, int selectedCount, IReadOnlyList<string>? featureNames)
    {
        Method = method;
        _scores = scores;
        _ranking = ranking;
        _ranks = ranks;
        SelectedCount = selectedCount;
        FeatureNames = featureNames;
        _selected = ranking.AsSpan(0, selectedCount).ToArray();
        Array.Sort(_selected);
    }

    /// <summary>Name of the scoring method, for reports (for example "QuickSelection", "Variance", "Random").</summary>
    public string Method { get; }

    /// <summary>Number of features the selector was fitted on: the feature count every transformed matrix must have.</summary>
    public int FeatureCount => _scores.Length;

    /// <summary>k, the number of selected features; Range: [1, <see cref="FeatureCount"/>].</summary>
    public int SelectedCount { get; }

    /// <summary>Feature names (length <see cref="FeatureCount"/>), or null when the data had none.</summary>
    public IReadOnlyList<string>? FeatureNames { get; }

    /// <summary>Score of every feature, indexed by feature; larger is better. Length <see cref="FeatureCount"/>.</summary>
    public ReadOnlySpan<double> Scores => _scores;

    /// <summary>Every feature index, best first (the complete ranking). Length <see cref="FeatureCount"/>.</summary>
    public ReadOnlySpan<int> Ranking => _ranking;

    /// <summary>The k selected feature indices in rank order (best first): the first <see cref="SelectedCount"/> entries of <see cref="Ranking"/>.</summary>
    public ReadOnlySpan<int> SelectedIndicesByRank => _ranking.AsSpan(0, SelectedCount);

    /// <summary>The k selected feature indices in ascending feature order: the column order of <see cref="Transform(ReadOnlySpan{float}, int)"/>'s output.</summary>
    public ReadOnlySpan<int> SelectedIndices => _selected;

    /// <summary>Builds a selector from per-feature scores.</summary>
    /// <param name="method">Name of the scoring method, for reports; not empty.</param>
    /// <param name="scores">One finite score per feature (larger is better); copied. Length ≥ 1.</param>
    /// <param name="selectedCount">k; Range: [1, scores.Length].</param>
    /// <param name="featureNames">Optional feature names, one per score.</param>
    /// <returns>The fitted selector.</returns>
    /// <exception cref="ArgumentException"><paramref name="method"/> is empty, <paramref name="scores"/> is empty or holds NaN or infinity, or the name count differs from the score count.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="selectedCount"/> is outside [1, scores.Length].</exception>
    public static FeatureSelector FromScores(string method, ReadOnlySpan<double> scores, int selectedCount, IReadOnlyList<string>? featureNames = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(method);
        if (scores.IsEmpty)
        {
            throw new ArgumentException("Give at least one feature score.", nameof(scores));
        }

        for (int i = 0; i < scores.Length; i++)
        {
            if (!double.IsFinite(scores[i]))
            {
                throw new ArgumentException($"The score of feature {i} is {scores[i]}; scores must be finite.", nameof(scores));
            }
        }

        CheckSelectedCount(selectedCount, scores.Length);
        if (featureNames is not null && featureNames.Count != scores.Length)
        {
            throw new ArgumentException($"There are {featureNames.Count} feature names for {scores.Length} scores.", nameof(featureNames));
        }

        double[] copy = scores.ToArray();
        int[] ranking = Rank(copy);
        var ranks = new int[ranking.Length];
        for (int r = 0; r < ranking.Length; r++)
        {
            ranks[ranking[r]] = r;
        }

        return new FeatureSelector(method, copy, ranking, ranks, selectedCount, featureNames);
    }

    /// <summary>The same scores and ranking with a different k.</summary>
    /// <param name="selectedCount">k; Range: [1, <see cref="FeatureCount"/>].</param>
    /// <returns>A new selector sharing this one's scores.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="selectedCount"/> is outside [1, <see cref="FeatureCount"/>].</exception>
    public FeatureSelector WithSelectedCount(int selectedCount)
    {
        CheckSelectedCount(selectedCount, FeatureCount);
        return new FeatureSelector(Method, _scores, _ranking, _ranks, selectedCount, FeatureNames);
    }

    /// <summary>0-based rank of <paramref name="feature"/> (0 = best).</summary>
    /// <param name="feature">Feature index; Range: [0, <see cref="FeatureCount"/>).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="feature"/> is outside [0, <see cref="FeatureCount"/>).</exception>
    public int RankOf(int feature)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(feature);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(feature, FeatureCount);
        return _ranks[feature];
    }

    /// <summary>Keeps the selected columns of a row-major matrix, in ascending feature order (<see cref="SelectedIndices"/>).</summary>
    /// <param name="rowMajor">Features, shape [n, <paramref name="featureCount"/>]; any values (no scaling is applied).</param>
    /// <param name="featureCount">Features per row; must equal <see cref="FeatureCount"/>.</param>
    /// <returns>A new row-major matrix of shape [n, <see cref="SelectedCount"/>].</returns>
    /// <exception cref="ArgumentException"><paramref name="featureCount"/> differs from the fitted feature count, or the length is not a multiple of it.</exception>
    public float[] Transform(ReadOnlySpan<float> rowMajor, int featureCount)
    {
        if (featureCount != FeatureCount)
        {
            throw new ArgumentException(
                $"The selector was fitted on {FeatureCount} features, but the data has {featureCount}; transform data with the same columns as at fit time.",
                nameof(featureCount));
        }

        if (rowMajor.Length % featureCount != 0)
        {
            throw new ArgumentException(
                $"The feature array is ragged: its length {rowMajor.Length} is not a multiple of the feature count {featureCount}.", nameof(rowMajor));
        }

        int n = rowMajor.Length / featureCount;
        int k = SelectedCount;
        var result = new float[n * k];
        for (int i = 0; i < n; i++)
        {
            ReadOnlySpan<float> row = rowMajor.Slice(i * featureCount, featureCount);
            Span<float> target = result.AsSpan(i * k, k);
            for (int j = 0; j < k; j++)
            {
                target[j] = row[_selected[j]];
            }
        }

        return result;
    }

    /// <summary>Keeps the selected columns of a data set, with their names; labels and class count are unchanged.</summary>
    /// <param name="data">Data with <see cref="FeatureCount"/> features.</param>
    /// <returns>A new data set with <see cref="SelectedCount"/> features in ascending feature order.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="data"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="data"/> has a different feature count than at fit time.</exception>
    public Dataset Transform(Dataset data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.FeatureCount != FeatureCount)
        {
            throw new ArgumentException(
                $"The selector was fitted on {FeatureCount} features, but the data set has {data.FeatureCount}; transform data with the same columns as at fit time.",
                nameof(data));
        }

        string[]? names = null;
        if (data.FeatureNames is { } all)
        {
            names = new string[SelectedCount];
            for (int j = 0; j < names.Length; j++)
            {
                names[j] = all[_selected[j]];
            }
        }

        return new Dataset(Transform(data.Features, data.FeatureCount), data.Labels.ToArray(), SelectedCount, data.ClassCount, names);
    }

    /// <summary>Feature indices sorted by descending score, ties by ascending index (a stable, total order).</summary>
    internal static int[] Rank(ReadOnlySpan<double> scores)
    {
        var ranking = new int[scores.Length];
        for (int i = 0; i < ranking.Length; i++)
        {
            ranking[i] = i;
        }

        double[] keys = scores.ToArray();
        Array.Sort(ranking, (a, b) =>
        {
            int byScore = keys[b].CompareTo(keys[a]);
            return byScore != 0 ? byScore : a.CompareTo(b);
        });
        return ranking;
    }

    private static void CheckSelectedCount(int selectedCount, int featureCount)
    {
        if (selectedCount < 1 || selectedCount > featureCount)
        {
            throw new ArgumentOutOfRangeException(
                nameof(selectedCount),
                selectedCount,
                $"k, the number of features to select, must lie in [1, {featureCount}] (the number of features); it is {selectedCount}.");
        }
    }
}
