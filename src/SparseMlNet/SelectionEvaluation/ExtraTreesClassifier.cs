using System.Numerics.Tensors;
using SparseMlNet.Networks;
using SparseMlNet.Randomness;

namespace SparseMlNet.SelectionEvaluation;

/// <summary>
/// Extremely randomised trees (Geurts, Ernst and Wehenkel, "Extremely randomized trees", Machine Learning 63, 2006), the downstream classifier of the
/// QuickSelection paper's evaluation: an ensemble of unpruned classification trees grown on the whole training set (no bootstrap). At each node,
/// up to ⌊√d⌋ features that are not constant in the node are drawn at random, each gets one cut point drawn uniformly between its minimum and maximum in the node,
/// and the cut with the largest decrease of Gini impurity is kept. Nodes are split until they are pure or hold fewer than two samples (or all their
/// features are constant). Prediction averages the trees' leaf class frequencies and takes the most probable class (ties to the lower class).
/// </summary>
/// <remarks>
/// Defaults follow scikit-learn's <c>ExtraTreesClassifier</c> as the paper used it: 50 trees, max_features = √d, min_samples_split = 2.
/// Deterministic for a given seed on any number of cores: tree t draws from a generator seeded by (seed, t), and trees are grown in parallel.
/// Memory is O(trees · nodes); a tree has fewer than 2n nodes.
/// </remarks>
public sealed class ExtraTreesClassifier
{
    private readonly Tree[] _trees;

    private ExtraTreesClassifier(Tree[] trees, int featureCount, int classCount)
    {
        _trees = trees;
        FeatureCount = featureCount;
        ClassCount = classCount;
    }

    /// <summary>Number of features per row the ensemble was trained on.</summary>
    public int FeatureCount { get; }

    /// <summary>Number of classes K.</summary>
    public int ClassCount { get; }

    /// <summary>Number of trees.</summary>
    public int TreeCount => _trees.Length;

    /// <summary>Grows the ensemble.</summary>
    /// <param name="features">Row-major [n, <paramref name="featureCount"/>], finite; n ≥ 1.</param>
    /// <param name="featureCount">d; Range: ≥ 1.</param>
    /// <param name="labels">n class labels, each in [0, <paramref name="classCount"/>).</param>
    /// <param name="classCount">K; Range: ≥ 1.</param>
    /// <param name="seed">Seed of the random features and cut points.</param>
    /// <param name="treeCount">Number of trees; Range: ≥ 1. Default 50.</param>
    /// <param name="maxFeatures">Features tried per split; Range: [1, d]; null for ⌊√d⌋ (at least 1).</param>
    /// <returns>The trained ensemble.</returns>
    /// <exception cref="ArgumentException">The matrix is empty or ragged, or the label count differs from the row count.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A count out of range, or a label outside [0, K).</exception>
    public static ExtraTreesClassifier Fit(
        ReadOnlySpan<float> features, int featureCount, ReadOnlySpan<int> labels, int classCount, int seed, int treeCount = 50, int? maxFeatures = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(featureCount, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(classCount, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(treeCount, 1);
        if (features.IsEmpty || features.Length % featureCount != 0)
        {
            throw new ArgumentException($"The feature matrix has {features.Length} values, not a whole, non-zero number of rows of {featureCount}.", nameof(features));
        }

        int n = features.Length / featureCount;
        if (labels.Length != n)
        {
            throw new ArgumentException($"There are {labels.Length} labels for {n} rows.", nameof(labels));
        }

        foreach (int label in labels)
        {
            if ((uint)label >= (uint)classCount)
            {
                throw new ArgumentOutOfRangeException(nameof(labels), label, $"Labels must lie in [0, {classCount}).");
            }
        }

        int tried = maxFeatures ?? Math.Max(1, (int)Math.Sqrt(featureCount));
        if (tried < 1 || tried > featureCount)
        {
            throw new ArgumentOutOfRangeException(nameof(maxFeatures), tried, $"The features tried per split must lie in [1, {featureCount}].");
        }

        float[] x = features.ToArray();
        int[] y = labels.ToArray();
        var trees = new Tree[treeCount];
        Parallel.For(0, treeCount, t =>
        {
            var random = SeedStreams.CreateRandom(SeedStreams.FromInt32(seed), t, 7, 0, 0);
            trees[t] = Tree.Grow(x, featureCount, y, classCount, tried, random);
        });
        return new ExtraTreesClassifier(trees, featureCount, classCount);
    }

    /// <summary>Most probable class of every row.</summary>
    /// <param name="features">Row-major [m, <see cref="FeatureCount"/>].</param>
    /// <returns>m class indices.</returns>
    /// <exception cref="ArgumentException">The length is not a multiple of <see cref="FeatureCount"/>.</exception>
    public int[] Predict(ReadOnlySpan<float> features)
    {
        if (features.Length % FeatureCount != 0)
        {
            throw new ArgumentException($"The ensemble was trained on {FeatureCount} features; the matrix length {features.Length} is not a multiple of it.", nameof(features));
        }

        int m = features.Length / FeatureCount;
        var result = new int[m];
        var votes = new float[ClassCount];
        for (int i = 0; i < m; i++)
        {
            ReadOnlySpan<float> row = features.Slice(i * FeatureCount, FeatureCount);
            Array.Clear(votes);
            foreach (Tree tree in _trees)
            {
                tree.AddDistribution(row, votes);
            }

            result[i] = TensorPrimitives.IndexOfMax(votes);
        }

        return result;
    }

    /// <summary>One tree in flat arrays: node i splits on <c>_feature[i]</c> at <c>_threshold[i]</c> (x ≤ t goes left) or, when <c>_feature[i]</c> is −1, is a leaf whose class frequencies start at <c>_left[i]</c> in <c>_distribution</c>.</summary>
    private sealed class Tree
    {
        private readonly int[] _feature;
        private readonly float[] _threshold;
        private readonly int[] _left;
        private readonly int[] _right;
        private readonly float[] _distribution;
        private readonly int _classes;

        private Tree(int[] feature, float[] threshold, int[] left, int[] right, float[] distribution, int classes)
        {
            _feature = feature;
            _threshold = threshold;
            _left = left;
            _right = right;
            _distribution = distribution;
            _classes = classes;
        }

        public static Tree Grow(float[] x, int d, int[] y, int classes, int tried, Random random)
        {
            int n = y.Length;
            var rows = new int[n];
            for (int i = 0; i < n; i++)
            {
                rows[i] = i;
            }

            var feature = new List<int>();
            var threshold = new List<float>();
            var left = new List<int>();
            var right = new List<int>();
            var distribution = new List<float>();
            var candidates = new int[d];
            var counts = new int[classes];
            var leftCounts = new int[classes];
            var stack = new Stack<(int Node, int Start, int End)>();
            AddNode(feature, threshold, left, right);
            stack.Push((0, 0, n));
            while (stack.Count > 0)
            {
                (int node, int start, int end) = stack.Pop();
                Span<int> nodeRows = rows.AsSpan(start, end - start);
                Array.Clear(counts);
                foreach (int r in nodeRows)
                {
                    counts[y[r]]++;
                }

                bool pure = Array.IndexOf(counts, nodeRows.Length) >= 0;
                (int splitFeature, float cut) = pure || nodeRows.Length < 2
                    ? (-1, 0f)
                    : BestRandomSplit(x, d, y, nodeRows, counts, leftCounts, candidates, tried, random);
                if (splitFeature < 0)
                {
                    feature[node] = -1;
                    left[node] = distribution.Count;
                    for (int c = 0; c < classes; c++)
                    {
                        distribution.Add((float)counts[c] / nodeRows.Length);
                    }

                    continue;
                }

                int mid = Partition(x, d, nodeRows, splitFeature, cut);
                feature[node] = splitFeature;
                threshold[node] = cut;
                int leftNode = AddNode(feature, threshold, left, right);
                int rightNode = AddNode(feature, threshold, left, right);
                left[node] = leftNode;
                right[node] = rightNode;
                stack.Push((rightNode, start + mid, end));
                stack.Push((leftNode, start, start + mid));
            }

            return new Tree([.. feature], [.. threshold], [.. left], [.. right], [.. distribution], classes);
        }

        public void AddDistribution(ReadOnlySpan<float> row, Span<float> votes)
        {
            int node = 0;
            while (_feature[node] >= 0)
            {
                node = row[_feature[node]] <= _threshold[node] ? _left[node] : _right[node];
            }

            ReadOnlySpan<float> leaf = _distribution.AsSpan(_left[node], _classes);
            for (int c = 0; c < leaf.Length; c++)
            {
                votes[c] += leaf[c];
            }
        }

        private static int AddNode(List<int> feature, List<float> threshold, List<int> left, List<int> right)
        {
            feature.Add(-1);
            threshold.Add(0);
            left.Add(-1);
            right.Add(-1);
            return feature.Count - 1;
        }

        /// <summary>Draws features (without replacement) until <paramref name="tried"/> non-constant ones had a random cut; returns the best by Gini decrease, or −1 when every feature is constant in the node.</summary>
        private static (int Feature, float Cut) BestRandomSplit(
            float[] x, int d, int[] y, ReadOnlySpan<int> rows, int[] counts, int[] leftCounts, int[] candidates, int tried, Random random)
        {
            for (int j = 0; j < d; j++)
            {
                candidates[j] = j;
            }

            int n = rows.Length;
            double parentSquares = 0;
            foreach (int c in counts)
            {
                parentSquares += (double)c * c;
            }

            int bestFeature = -1;
            float bestCut = 0;
            double bestScore = double.NegativeInfinity;
            int evaluated = 0;
            for (int drawn = 0; drawn < d && evaluated < tried; drawn++)
            {
                int pick = drawn + random.Next(d - drawn);
                (candidates[drawn], candidates[pick]) = (candidates[pick], candidates[drawn]);
                int f = candidates[drawn];
                float min = float.PositiveInfinity, max = float.NegativeInfinity;
                foreach (int r in rows)
                {
                    float v = x[(r * d) + f];
                    min = Math.Min(min, v);
                    max = Math.Max(max, v);
                }

                if (!(max > min))
                {
                    continue;
                }

                evaluated++;
                float cut = (float)(min + (random.NextDouble() * ((double)max - min)));
                if (cut >= max)
                {
                    cut = min; // guard against rounding up to the maximum: every row would go left
                }

                Array.Clear(leftCounts);
                int nLeft = 0;
                foreach (int r in rows)
                {
                    if (x[(r * d) + f] <= cut)
                    {
                        leftCounts[y[r]]++;
                        nLeft++;
                    }
                }

                // Gini decrease ∝ Σ_c L_c²/n_L + Σ_c R_c²/n_R − Σ_c N_c²/n; maximise the first two terms.
                double leftSquares = 0, rightSquares = 0;
                for (int c = 0; c < counts.Length; c++)
                {
                    leftSquares += (double)leftCounts[c] * leftCounts[c];
                    double rc = counts[c] - leftCounts[c];
                    rightSquares += rc * rc;
                }

                double score = (leftSquares / nLeft) + (rightSquares / (n - nLeft)) - (parentSquares / n);
                if (score > bestScore)
                {
                    bestScore = score;
                    bestFeature = f;
                    bestCut = cut;
                }
            }

            return (bestFeature, bestCut);
        }

        /// <summary>Moves rows with x[f] ≤ cut to the front; returns their count.</summary>
        private static int Partition(float[] x, int d, Span<int> rows, int f, float cut)
        {
            int i = 0;
            int j = rows.Length - 1;
            while (i <= j)
            {
                if (x[(rows[i] * d) + f] <= cut)
                {
                    i++;
                }
                else
                {
                    (rows[i], rows[j]) = (rows[j], rows[i]);
                    j--;
                }
            }

            return i;
        }
    }
}
