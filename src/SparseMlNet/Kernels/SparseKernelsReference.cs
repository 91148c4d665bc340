using SparseMlNet.Sparse;

namespace SparseMlNet.Kernels;

/// <summary>
/// Scalar reference implementations of the three sparse kernels; the SIMD kernels in <see cref="SparseKernels"/> are tested against them.
/// Activations are feature-major: neuron n of a mini-batch occupies <c>[n·stride, n·stride + batch)</c>.
/// Semantics follow the truly sparse SET implementation (Mocanu et al. 2018; the SDDMM matches
/// <c>backpropagation_updates_Cython</c> in dcmocanu/sparse-evolutionary-artificial-neural-networks).
/// </summary>
internal static class SparseKernelsReference
{
    /// <summary>Forward: Y[r, b] = bias[r] + Σ_(r,c)∈W W[r,c]·X[c, b] for every output neuron r and column b &lt; width.</summary>
    public static void Spmm(SparseMatrix w, ReadOnlySpan<float> bias, ReadOnlySpan<float> x, Span<float> y, int stride, int width)
    {
        for (int r = 0; r < w.Rows; r++)
        {
            for (int b = 0; b < width; b++)
            {
                float sum = bias[r];
                for (int k = w.RowPointers[r]; k < w.RowPointers[r + 1]; k++)
                {
                    sum += w.Values[k] * x[(w.ColumnIndices[k] * stride) + b];
                }

                y[(r * stride) + b] = sum;
            }
        }
    }

    /// <summary>Backward to the inputs: dX[c, b] = Σ_(r,c)∈W W[r,c]·dY[r, b] for every input neuron c and column b &lt; width.</summary>
    public static void SpmmTransposed(SparseMatrix w, ReadOnlySpan<float> dy, Span<float> dx, int stride, int width)
    {
        dx[..(w.Columns * stride)].Clear();
        for (int r = 0; r < w.Rows; r++)
        {
            for (int k = w.RowPointers[r]; k < w.RowPointers[r + 1]; k++)
            {
                int c = w.ColumnIndices[k];
                for (int b = 0; b < width; b++)
                {
                    dx[(c * stride) + b] += w.Values[k] * dy[(r * stride) + b];
                }
            }
        }
    }

    /// <summary>Weight gradient on existing connections only (sampled dense-dense product): G[k] = Σ_b dY[r_k, b]·X[c_k, b].</summary>
    public static void Sddmm(SparseMatrix w, ReadOnlySpan<float> dy, ReadOnlySpan<float> x, Span<float> gradient, int stride, int width)
    {
        for (int r = 0; r < w.Rows; r++)
        {
            for (int k = w.RowPointers[r]; k < w.RowPointers[r + 1]; k++)
            {
                int c = w.ColumnIndices[k];
                float sum = 0;
                for (int b = 0; b < width; b++)
                {
                    sum += dy[(r * stride) + b] * x[(c * stride) + b];
                }

                gradient[k] = sum;
            }
        }
    }
}
