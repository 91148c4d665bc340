using SparseMlNet.Kernels;

namespace SparseMlNet.Tests.Kernels;

/// <summary>The dense baseline's GEMM (OpenBLAS when installed, managed fallback otherwise) against a naive triple loop.</summary>
[Collection(KernelPathCollection.Name)]
public sealed class GemmTests
{
    [Theory]
    [InlineData(false, false, false)]
    [InlineData(true, false, false)]
    [InlineData(false, true, false)]
    [InlineData(false, false, true)]
    [InlineData(true, false, true)]
    [InlineData(false, true, true)]
    public void Multiply_MatchesNaiveProduct(bool transposeA, bool transposeB, bool forceManaged)
    {
        const int m = 13, n = 32, k = 9;
        float[] a = TestNetworks.RandomBlock(1, m * k, m * k, seed: 1);
        float[] b = TestNetworks.RandomBlock(1, k * n, k * n, seed: 2);
        float[] c = TestNetworks.RandomBlock(1, m * n, m * n, seed: 3);
        var expected = new float[m * n];
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double sum = 0;
                for (int p = 0; p < k; p++)
                {
                    float av = transposeA ? a[(p * m) + i] : a[(i * k) + p];
                    float bv = transposeB ? b[(j * k) + p] : b[(p * n) + j];
                    sum += av * bv;
                }

                expected[(i * n) + j] = (float)((2 * sum) + (0.5 * c[(i * n) + j]));
            }
        }

        bool saved = Gemm.ForceManaged;
        Gemm.ForceManaged = forceManaged;
        try
        {
            Gemm.Multiply(transposeA, transposeB, m, n, k, 2f, a, transposeA ? m : k, b, transposeB ? k : n, 0.5f, c, n);
        }
        finally
        {
            Gemm.ForceManaged = saved;
        }

        TestNetworks.AssertClose(expected, c);
    }
}
