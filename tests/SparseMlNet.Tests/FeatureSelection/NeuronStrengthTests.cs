using SparseMlNet.FeatureSelection;
using SparseMlNet.Sparse;

namespace SparseMlNet.Tests.FeatureSelection;

public sealed class NeuronStrengthTests
{
    [Fact]
    public void OfInputs_SumsAbsoluteWeightsOfEachInputNeuron()
    {
        // Encoder [hidden = 3, features = 4]: input 0 feeds hidden 0 and 2, input 1 feeds nothing, input 2 feeds all three, input 3 feeds hidden 1.
        var w = SparseMatrix.FromCoordinates(
            3,
            4,
            [0, 2, 0, 1, 2, 1],
            [0, 0, 2, 2, 2, 3],
            [0.5f, -1.5f, -0.25f, 0.25f, 2f, -3f]);

        double[] strengths = NeuronStrength.OfInputs(w);

        Assert.Equal([2.0, 0.0, 2.5, 3.0], strengths);
    }

    [Fact]
    public void OfInputs_MatchesDenseColumnSumsOnARandomLayer()
    {
        var w = TestNetworks.RandomMatrix(40, 25, 0.2, seed: 3);

        double[] strengths = NeuronStrength.OfInputs(w);

        for (int i = 0; i < w.Columns; i++)
        {
            double expected = 0;
            for (int j = 0; j < w.Rows; j++)
            {
                expected += Math.Abs(w[j, i]);
            }

            Assert.Equal(expected, strengths[i], 5);
        }
    }

    [Fact]
    public void OfInputs_RanksTheInputWithTheLargestWeightedDegreeFirst()
    {
        // Input 1 has one strong connection, input 0 many weak ones whose sum is larger: strength counts both degree and magnitude.
        var w = SparseMatrix.FromCoordinates(4, 2, [0, 1, 2, 3, 0], [0, 0, 0, 0, 1], [0.3f, -0.3f, 0.3f, -0.3f, 1.1f]);

        var selector = FeatureSelector.FromScores("strength", NeuronStrength.OfInputs(w), 1);

        Assert.Equal([0, 1], selector.Ranking.ToArray());
    }
}
