using System.Numerics;
using System.Runtime.InteropServices;

namespace SparseMlNet.Kernels;

/// <summary>
/// Sums and dot products whose order of additions depends only on the length of the input, never on where the data lies in memory.
/// </summary>
/// <remarks>
/// <c>TensorPrimitives.Sum</c> and <c>Dot</c> may align their vector loop to the address of the data, so the same values summed from arrays at
/// different addresses could round differently; array addresses change with the garbage collector's heap layout, which changes with the number
/// of cores. The bias gradients and the squared-error loss therefore use these reductions instead: lanes of <see cref="Vector{T}"/> from the
/// first element, combined lane by lane in a fixed order, then the scalar tail, so equal inputs give equal bits on one machine whatever the
/// alignment, thread or core count.
/// </remarks>
internal static class FixedOrderSum
{
    /// <summary>Σ values[i] in a fixed order.</summary>
    public static float Sum(ReadOnlySpan<float> values)
    {
        int i = 0;
        float sum = 0;
        if (Vector.IsHardwareAccelerated && values.Length >= Vector<float>.Count)
        {
            ReadOnlySpan<Vector<float>> vectors = MemoryMarshal.Cast<float, Vector<float>>(values);
            Vector<float> acc = Vector<float>.Zero;
            foreach (Vector<float> v in vectors)
            {
                acc += v;
            }

            sum = Lanes(acc);
            i = vectors.Length * Vector<float>.Count;
        }

        for (; i < values.Length; i++)
        {
            sum += values[i];
        }

        return sum;
    }

    /// <summary>Σ x[i]·y[i] in a fixed order; the spans must have equal lengths.</summary>
    public static float Dot(ReadOnlySpan<float> x, ReadOnlySpan<float> y)
    {
        if (x.Length != y.Length)
        {
            throw new ArgumentException("The spans must have equal lengths.", nameof(y));
        }

        int i = 0;
        float sum = 0;
        if (Vector.IsHardwareAccelerated && x.Length >= Vector<float>.Count)
        {
            ReadOnlySpan<Vector<float>> xv = MemoryMarshal.Cast<float, Vector<float>>(x);
            ReadOnlySpan<Vector<float>> yv = MemoryMarshal.Cast<float, Vector<float>>(y);
            Vector<float> acc = Vector<float>.Zero;
            for (int k = 0; k < xv.Length; k++)
            {
                acc += xv[k] * yv[k];
            }

            sum = Lanes(acc);
            i = xv.Length * Vector<float>.Count;
        }

        for (; i < x.Length; i++)
        {
            sum += x[i] * y[i];
        }

        return sum;
    }

    private static float Lanes(Vector<float> acc)
    {
        float sum = 0;
        for (int lane = 0; lane < Vector<float>.Count; lane++)
        {
            sum += acc[lane];
        }

        return sum;
    }
}
