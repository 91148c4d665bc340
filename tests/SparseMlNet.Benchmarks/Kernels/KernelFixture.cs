using System.Collections.Concurrent;
using SparseMlNet.Kernels;
using SparseMlNet.Sparse;

namespace SparseMlNet.Benchmarks.Kernels;

/// <summary>
/// The operands of one kernel benchmark case: a seeded Erdős–Rényi sparse layer [n_out, n_in] at a given density, the equivalent dense
/// weights, and feature-major activation blocks [neurons, stride] filled with uniform values in [−1, 1).
/// </summary>
internal sealed class KernelFixture
{
    /// <summary>Seed of every topology, weight and activation draw, so the reporting column can recompute nnz.</summary>
    public const int Seed = 20180619;

    private static readonly ConcurrentDictionary<(int Inputs, int Outputs, double Density), int> NnzCache = new();

    public KernelFixture(int inputs, int outputs, double density, int batch)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batch, 1);
        Inputs = inputs;
        Outputs = outputs;
        Batch = batch;
        Stride = SparseKernels.StrideFor(batch);
        var random = new Random(Seed);
        Matrix = SampleMatrix(inputs, outputs, density, random);
        for (int k = 0; k < Matrix.Values.Length; k++)
        {
            Matrix.Values[k] = Uniform(random);
        }

        Bias = Fill(new float[outputs], random);
        X = FillBatch(new float[inputs * Stride], inputs, random);
        DeltaY = FillBatch(new float[outputs * Stride], outputs, random);
        Y = new float[outputs * Stride];
        DeltaX = new float[inputs * Stride];
        Gradient = new float[Matrix.Nnz];
        DenseWeights = Fill(new float[(long)inputs * outputs], random);
        DenseGradient = new float[(long)inputs * outputs];
    }

    public int Inputs { get; }

    public int Outputs { get; }

    public int Batch { get; }

    /// <summary>Row stride of the activation blocks (batch rounded up to <see cref="SparseKernels.StrideAlignment"/>).</summary>
    public int Stride { get; }

    public SparseMatrix Matrix { get; }

    public float[] Bias { get; }

    /// <summary>Layer inputs [n_in, stride]; padding columns are zero.</summary>
    public float[] X { get; }

    /// <summary>Output deltas [n_out, stride]; padding columns are zero, as the kernels require.</summary>
    public float[] DeltaY { get; }

    /// <summary>Forward output [n_out, stride].</summary>
    public float[] Y { get; }

    /// <summary>Backward output [n_in, stride].</summary>
    public float[] DeltaX { get; }

    /// <summary>Weight gradient on the sparse layer's connections, CSR order.</summary>
    public float[] Gradient { get; }

    /// <summary>Dense weights, row-major [n_out, n_in].</summary>
    public float[] DenseWeights { get; }

    /// <summary>Dense weight gradient, row-major [n_out, n_in].</summary>
    public float[] DenseGradient { get; }

    /// <summary>Number of connections of the seeded layer that <see cref="KernelFixture"/>(inputs, outputs, density, ·) builds.</summary>
    public static int SparseNnz(int inputs, int outputs, double density) =>
        NnzCache.GetOrAdd((inputs, outputs, density), key => SampleMatrix(key.Inputs, key.Outputs, key.Density, new Random(Seed)).Nnz);

    private static SparseMatrix SampleMatrix(int inputs, int outputs, double density, Random random)
    {
        var (rowPointers, columns) = ErdosRenyi.SampleTopology(inputs, outputs, density, random);
        return SparseMatrix.FromSortedCsr(outputs, inputs, rowPointers, columns, new float[columns.Length]);
    }

    private static float Uniform(Random random) => (float)((2 * random.NextDouble()) - 1);

    private static float[] Fill(float[] values, Random random)
    {
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = Uniform(random);
        }

        return values;
    }

    private float[] FillBatch(float[] block, int neurons, Random random)
    {
        for (int n = 0; n < neurons; n++)
        {
            for (int b = 0; b < Batch; b++)
            {
                block[(n * Stride) + b] = Uniform(random);
            }
        }

        return block;
    }
}
