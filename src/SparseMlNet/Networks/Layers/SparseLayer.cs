using SparseMlNet.Kernels;
using SparseMlNet.Sparse;

namespace SparseMlNet.Networks.Layers;

/// <summary>
/// A truly sparse layer: weights live only on the connections of a <see cref="SparseMatrix"/>, from initialisation to the end of training.
/// Every pass is O(nnz · batch) and the layer holds O(nnz + n_in + n_out) memory.
/// </summary>
public sealed class SparseLayer : Layer
{
    private int[] _rowParts = [];
    private int[] _columnParts = [];

    internal SparseLayer(SparseMatrix matrix, float[] bias, float[] velocity, WeightInitialization initialization)
        : base(matrix.Columns, matrix.Rows, bias, initialization)
    {
        Replace(matrix, velocity);
    }

    /// <summary>The layer's connectivity and weights (rewritten in place by topology evolution, which keeps nnz; replaced by hidden-neuron pruning and loading).</summary>
    public SparseMatrix Matrix { get; private set; } = null!;

    /// <inheritdoc/>
    public override long ConnectionCount => Matrix.Nnz;

    /// <summary>Weight 4 + momentum 4 + gradient 4 + CSR column 4 + CSC row 4 + CSC→CSR map 4 = 24 bytes.</summary>
    public override int TrainingBytesPerConnection => 24;

    internal override float[] WeightArray => Matrix.Values;

    internal override float[] WeightVelocity => Velocity;

    internal float[] Velocity { get; private set; } = [];

    /// <summary>
    /// Samples an Erdős–Rényi layer (p = ε(n_in + n_out)/(n_in·n_out), Mocanu et al. 2018) with weights drawn from <paramref name="initialization"/>
    /// using each neuron's actual fan-in; biases zero.
    /// </summary>
    internal static SparseLayer CreateErdosRenyi(int inputs, int outputs, double epsilon, WeightInitialization initialization, Random random)
    {
        double p = ErdosRenyi.Probability(epsilon, inputs, outputs);
        var (rowPointers, columns) = ErdosRenyi.SampleTopology(inputs, outputs, p, random);
        var matrix = SparseMatrix.FromSortedCsr(outputs, inputs, rowPointers, columns, new float[columns.Length]);
        WeightInitializer.Fill(matrix, initialization, random);
        return new SparseLayer(matrix, new float[outputs], new float[columns.Length], initialization);
    }

    /// <summary>Installs a topology (new, or the same one rewritten in place by evolution) with its aligned momentum, and rebalances the parallel partitions.</summary>
    internal void Replace(SparseMatrix matrix, float[] velocity)
    {
        if (matrix.Rows != Outputs || matrix.Columns != Inputs || velocity.Length != matrix.Nnz)
        {
            throw new ArgumentException("The replacement topology does not match the layer's shape.", nameof(matrix));
        }

        Matrix = matrix;
        Velocity = velocity;
        int parts = Environment.ProcessorCount;
        _rowParts = ParallelRanges.Balanced(matrix.RowPointers, parts);
        _columnParts = ParallelRanges.Balanced(matrix.ColumnPointers, parts);
    }

    internal override void Forward(float[] x, float[] z, int stride, Action<int, int>? epilogue)
    {
        var m = Matrix;
        ParallelRanges.Run(_rowParts, (r0, r1) =>
        {
            SparseKernels.Spmm(m, Bias, x, z, stride, r0, r1);
            epilogue?.Invoke(r0, r1);
        });
    }

    internal override void BackwardInput(float[] dy, float[] dx, int stride, Action<int, int>? epilogue)
    {
        var m = Matrix;
        ParallelRanges.Run(_columnParts, (c0, c1) =>
        {
            SparseKernels.SpmmTransposed(m, dy, dx, stride, c0, c1);
            epilogue?.Invoke(c0, c1);
        });
    }

    internal override void Gradient(float[] dy, float[] x, float[] weightGradient, float[] biasGradient, int stride)
    {
        var m = Matrix;
        ParallelRanges.Run(_rowParts, (r0, r1) =>
        {
            SparseKernels.Sddmm(m, dy, x, weightGradient, stride, r0, r1);
            for (int r = r0; r < r1; r++)
            {
                biasGradient[r] = RowSum(dy, r, stride);
            }
        });
    }
}
