namespace SparseMlNet.SelectionEvaluation;

/// <summary>The best run of <see cref="KMeans.Fit"/>.</summary>
/// <param name="Labels">Cluster of each row, in [0, k).</param>
/// <param name="Centres">Cluster centres, row-major [k, d].</param>
/// <param name="Inertia">Sum over rows of the squared Euclidean distance to the assigned centre; ≥ 0.</param>
/// <param name="Iterations">Lloyd iterations of the returned run.</param>
public sealed record KMeansResult(int[] Labels, float[] Centres, double Inertia, int Iterations);
