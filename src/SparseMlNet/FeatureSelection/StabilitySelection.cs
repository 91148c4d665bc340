using MathNet.Numerics.Statistics;
using SparseMlNet.Randomness;

namespace SparseMlNet.FeatureSelection;

/// <summary>
/// The ensemble of QuickSelection and NeuroFS (stability selection after Meinshausen and Bühlmann, J. R. Stat. Soc. B 72, 2010): R fits with seeds derived
/// from one seed; each fit's feature scores are standardised (z-scores over the features, so fits of different scale weigh alike) and averaged; the selection
/// frequency of a feature is the fraction of fits whose own top k holds it; the agreement of the fits' top k is <see cref="SelectionStability"/>.
/// </summary>
internal static class StabilitySelection
{
    /// <summary>The seed of run <paramref name="run"/>: run 0 uses <paramref name="seed"/> itself, so R = 1 and the first run of an ensemble agree.</summary>
    /// <param name="seed">The options' seed.</param>
    /// <param name="run">Run index; ≥ 0.</param>
    /// <returns>A seed in [0, 2³¹) mixed from both (SplitMix64), or <paramref name="seed"/> for run 0.</returns>
    public static int RunSeed(int seed, int run) =>
        run == 0 ? seed : SeedStreams.NonNegativeInt32(SeedStreams.FromInt32(seed), run, 0x51EC7, 0, 0);

    /// <summary>
    /// Runs <paramref name="fit"/> R times, run r with <see cref="RunSeed"/>(seed, r) and the second argument true for run 0 only (the run that reports progress).
    /// One run calls it directly; otherwise the runs are independent, so one run per core, each with its kernels on its own thread (splitting them again
    /// across the cores the other runs keep busy only adds synchronisation; the results are bit-identical either way); with fewer runs than cores the kernels
    /// parallelise.
    /// </summary>
    /// <param name="runs">R; Range: ≥ 1.</param>
    /// <param name="seed">The options' seed.</param>
    /// <param name="fit">(run seed, whether this run reports progress) → the run's outcome.</param>
    /// <param name="cancellationToken">Stops scheduling further runs.</param>
    /// <returns>The outcomes in run order.</returns>
    public static T[] RunAll<T>(int runs, int seed, Func<int, bool, T> fit, CancellationToken cancellationToken)
    {
        var results = new T[runs];
        if (runs == 1)
        {
            results[0] = fit(seed, true);
            return results;
        }

        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = cancellationToken };
        bool serialKernels = runs >= Environment.ProcessorCount;
        Parallel.For(0, runs, parallel, r =>
        {
            int runSeed = RunSeed(seed, r);
            results[r] = serialKernels ? Kernels.ParallelRanges.Serially(() => fit(runSeed, r == 0)) : fit(runSeed, r == 0);
        });
        return results;
    }

    /// <summary>Aggregates R ≥ 2 runs' scores over the same d features.</summary>
    /// <param name="runScores">One score array of length d per run, higher better.</param>
    /// <param name="selectedCount">k, for the frequencies and the runs' own selections; Range: [1, d].</param>
    /// <returns>The mean z-scores, the selection frequencies in {0, 1/R, …, 1}, each run's top k (strongest first) and their stability (null for k = d).</returns>
    public static Ensemble Aggregate(IReadOnlyList<double[]> runScores, int selectedCount)
    {
        int runs = runScores.Count;
        int featureCount = runScores[0].Length;
        var scores = new double[featureCount];
        var frequencies = new double[featureCount];
        var runSelections = new int[runs][];
        for (int r = 0; r < runs; r++)
        {
            double[] z = Standardised(runScores[r]);
            for (int j = 0; j < featureCount; j++)
            {
                scores[j] += z[j] / runs;
            }

            runSelections[r] = FeatureSelector.Rank(runScores[r]).AsSpan(0, selectedCount).ToArray();
            foreach (int j in runSelections[r])
            {
                frequencies[j] += 1.0 / runs;
            }
        }

        SelectionStability? stability = selectedCount < featureCount ? SelectionStability.Measure(runSelections, featureCount) : null;
        return new Ensemble(scores, frequencies, runSelections, stability);
    }

    /// <summary>z-scores of one run's scores over the features (all zeros when every score is equal).</summary>
    private static double[] Standardised(double[] scores)
    {
        double mean = ArrayStatistics.Mean(scores);
        double sd = ArrayStatistics.PopulationStandardDeviation(scores);
        var z = new double[scores.Length];
        if (sd > 0)
        {
            for (int j = 0; j < z.Length; j++)
            {
                z[j] = (scores[j] - mean) / sd;
            }
        }

        return z;
    }

    /// <summary>An aggregated ensemble.</summary>
    /// <param name="Scores">Mean z-score per feature.</param>
    /// <param name="Frequencies">Selection frequency per feature.</param>
    /// <param name="RunSelections">Each run's top k, strongest first, in run order.</param>
    /// <param name="Stability">Agreement of the runs' top k; null for k = d.</param>
    public sealed record Ensemble(double[] Scores, double[] Frequencies, int[][] RunSelections, SelectionStability? Stability);
}
