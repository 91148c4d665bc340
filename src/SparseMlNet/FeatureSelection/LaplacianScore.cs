using System.Numerics.Tensors;

namespace SparseMlNet.FeatureSelection;

/// <summary>
/// The Laplacian score baseline of unsupervised feature selection (He, Cai and Niyogi, "Laplacian Score for Feature Selection", NIPS 2005): a feature is good
/// when it varies little between samples that are near neighbours and much over the whole data. Build the symmetric k-nearest-neighbour graph of the samples
/// (Euclidean distance on the raw features) with heat-kernel weights S_ij = exp(−‖x_i − x_j‖² / t); with D = diag(S·1) and L = D − S, centre each feature
/// f̃ = f − (fᵀD1 / 1ᵀD1)·1 and compute L_r = f̃ᵀ L f̃ / f̃ᵀ D f̃ (the paper's eq. 5, smaller is better). The score is −L_r, so larger is better as everywhere.
/// </summary>
/// <remarks>
/// t is the mean squared distance over the graph's edges (the paper leaves t as a parameter; a data-free t such as 1 underflows every weight to 0 on
/// gene-expression data, where squared distances are in the thousands). Constant features (f̃ = 0) score below every other feature.
/// Cost O(n²·d) for the distances and O(n·k·d) for the scores; memory O(n² + n·d).
/// </remarks>
public static class LaplacianScore
{
    /// <summary>Default nearest neighbours of the graph, 5 as in the paper's experiments.</summary>
    public const int DefaultNeighbours = 5;

    /// <summary>Scores every feature by its Laplacian score.</summary>
    /// <param name="features">Row-major [n, <paramref name="featureCount"/>], n ≥ 2, finite, raw (the graph uses raw distances, as the paper).</param>
    /// <param name="featureCount">d; Range: ≥ 1.</param>
    /// <param name="selectedCount">k; Range: [1, d].</param>
    /// <param name="neighbours">Nearest neighbours per sample; Range: ≥ 1 (capped at n − 1). Default 5.</param>
    /// <param name="featureNames">Optional names, one per feature.</param>
    /// <param name="cancellationToken">Checked once per sample and per feature block.</param>
    /// <returns>A selector (method "Laplacian score") whose scores are −L_r.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="featureCount"/> &lt; 1, <paramref name="selectedCount"/> outside [1, d], or <paramref name="neighbours"/> &lt; 1.</exception>
    /// <exception cref="ArgumentException">A ragged or empty matrix, fewer than two rows, a name count other than d, or a NaN or infinite value.</exception>
    public static FeatureSelector Fit(
        ReadOnlySpan<float> features, int featureCount, int selectedCount, int neighbours = DefaultNeighbours, IReadOnlyList<string>? featureNames = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(neighbours, 1);
        (int n, _) = FeatureMatrixCheck.Run(features, featureCount, featureNames, nameof(features));
        int k = Math.Min(neighbours, n - 1);

        // Squared distances between all samples.
        var distance = new double[n * n];
        for (int i = 0; i < n; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            ReadOnlySpan<float> a = features.Slice(i * featureCount, featureCount);
            for (int j = i + 1; j < n; j++)
            {
                float e = TensorPrimitives.Distance(a, features.Slice(j * featureCount, featureCount));
                double squared = (double)e * e;
                distance[(i * n) + j] = squared;
                distance[(j * n) + i] = squared;
            }
        }

        // Symmetric k-NN adjacency: an edge when either sample is among the other's k nearest.
        var edge = new bool[n * n];
        var order = new int[n - 1];
        var keys = new double[n - 1];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0, o = 0; j < n; j++)
            {
                if (j != i)
                {
                    order[o] = j;
                    keys[o++] = distance[(i * n) + j];
                }
            }

            Array.Sort(keys, order);
            for (int r = 0; r < k; r++)
            {
                edge[(i * n) + order[r]] = true;
                edge[(order[r] * n) + i] = true;
            }
        }

        double sum = 0;
        int count = 0;
        for (int p = 0; p < edge.Length; p++)
        {
            if (edge[p])
            {
                sum += distance[p];
                count++;
            }
        }

        double t = sum > 0 ? sum / count : 1;
        var pairs = new List<(int I, int J, double W)>();
        var degree = new double[n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                if (edge[(i * n) + j])
                {
                    double w = Math.Exp(-distance[(i * n) + j] / t);
                    pairs.Add((i, j, w));
                    degree[i] += w;
                }
            }
        }

        double totalDegree = degree.Sum();
        var values = new double[featureCount];
        var centred = new double[n];
        var constant = new bool[featureCount];
        for (int f = 0; f < featureCount; f++)
        {
            if ((f & 255) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            double weightedMean = 0;
            for (int i = 0; i < n; i++)
            {
                weightedMean += features[(i * featureCount) + f] * degree[i];
            }

            weightedMean /= totalDegree;
            double denominator = 0;
            for (int i = 0; i < n; i++)
            {
                centred[i] = features[(i * featureCount) + f] - weightedMean;
                denominator += degree[i] * centred[i] * centred[i];
            }

            double smooth = 0;
            foreach ((int i, int j, double w) in pairs)
            {
                smooth += w * centred[i] * centred[j];
            }

            if (!(denominator > 1e-12 * totalDegree))
            {
                constant[f] = true;
                continue;
            }

            values[f] = (denominator - smooth) / denominator;
        }

        double worst = 0;
        for (int f = 0; f < featureCount; f++)
        {
            worst = constant[f] ? worst : Math.Max(worst, values[f]);
        }

        var scores = new double[featureCount];
        for (int f = 0; f < featureCount; f++)
        {
            scores[f] = constant[f] ? -(worst + 1) : -values[f];
        }

        return FeatureSelector.FromScores("Laplacian score", scores, selectedCount, featureNames);
    }
}
