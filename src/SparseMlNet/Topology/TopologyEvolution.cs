using SparseMlNet.Networks.Layers;
using SparseMlNet.Sparse;

namespace SparseMlNet.Topology;

/// <summary>
/// One prune-and-grow step of dynamic sparse training, applied to each sparse layer after an epoch. This class owns the step and its invariants
/// (exact counts, nnz constant, new connections distinct from kept ones, new weights drawn like initial ones, their momentum reset);
/// an <see cref="IPruneCriterion"/> and an <see cref="IGrowthCriterion"/> only choose connections. <see cref="Set"/> builds SET
/// (Mocanu et al., Nature Communications 2018); FixProb is the absence of evolution.
/// </summary>
public sealed class TopologyEvolution
{
    /// <summary>Creates an evolution policy.</summary>
    /// <param name="zeta">ζ, the fraction of each sign's weights removed per step; Range: [0, 1).</param>
    /// <param name="prune">Which connections go.</param>
    /// <param name="growth">Where new connections grow.</param>
    /// <param name="evolveOutputLayer">Whether the last layer evolves too (SET's reference implementation evolves hidden layers only).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="zeta"/> is outside [0, 1).</exception>
    public TopologyEvolution(double zeta, IPruneCriterion prune, IGrowthCriterion growth, bool evolveOutputLayer = false)
    {
        if (!(zeta >= 0 && zeta < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(zeta), zeta, "Zeta (ζ), the fraction of connections replaced per epoch, must lie in [0, 1), for example 0.3.");
        }

        Zeta = zeta;
        Prune = prune ?? throw new ArgumentNullException(nameof(prune));
        Growth = growth ?? throw new ArgumentNullException(nameof(growth));
        EvolveOutputLayer = evolveOutputLayer;
    }

    /// <summary>ζ; Range: [0, 1).</summary>
    public double Zeta { get; }

    /// <summary>The pruning criterion.</summary>
    public IPruneCriterion Prune { get; }

    /// <summary>The growth criterion.</summary>
    public IGrowthCriterion Growth { get; }

    /// <summary>Whether the output layer evolves.</summary>
    public bool EvolveOutputLayer { get; }

    /// <summary>SET: magnitude pruning per sign and uniform random growth.</summary>
    /// <param name="zeta">ζ; Range: [0, 1).</param>
    /// <param name="evolveOutputLayer">Whether the output layer evolves too.</param>
    public static TopologyEvolution Set(double zeta, bool evolveOutputLayer = false) => new(zeta, new MagnitudePrune(), new RandomGrowth(), evolveOutputLayer);

    /// <summary>Prunes and regrows one layer in place (its <see cref="SparseLayer.Matrix"/> is replaced); new weights are drawn with the layer's <see cref="Layer.Initialization"/> and their neuron's new fan-in.</summary>
    /// <param name="layer">The layer.</param>
    /// <param name="random">Seeded random source.</param>
    /// <returns>Counts of the step.</returns>
    public EvolutionStep Evolve(SparseLayer layer, Random random)
    {
        ArgumentNullException.ThrowIfNull(layer);
        SparseMatrix old = layer.Matrix;
        var remove = new bool[old.Nnz];
        int removed = Prune.SelectForRemoval(old, Zeta, remove);
        var grown = new long[removed];
        Growth.SelectNew(old, remove, random, grown);
        Array.Sort(grown);

        int columns = old.Columns;
        int nnz = old.Nnz;
        var rowPointers = new int[old.Rows + 1];
        var columnIndices = new int[nnz];
        var values = new float[nnz];
        var velocity = new float[nnz];
        var isNew = new bool[nnz];
        int o = 0;
        int g = 0;
        for (int r = 0; r < old.Rows; r++)
        {
            int k = old.RowPointers[r];
            int end = old.RowPointers[r + 1];
            while (true)
            {
                while (k < end && remove[k])
                {
                    k++;
                }

                bool haveOld = k < end;
                bool haveNew = g < grown.Length && grown[g] / columns == r;
                if (!haveOld && !haveNew)
                {
                    break;
                }

                int newColumn = haveNew ? (int)(grown[g] % columns) : int.MaxValue;
                if (haveOld && old.ColumnIndices[k] < newColumn)
                {
                    columnIndices[o] = old.ColumnIndices[k];
                    values[o] = old.Values[k];
                    velocity[o++] = layer.Velocity[k++];
                }
                else
                {
                    columnIndices[o] = newColumn;
                    isNew[o++] = true;
                    g++;
                }
            }

            rowPointers[r + 1] = o;
        }

        var matrix = SparseMatrix.FromSortedCsr(old.Rows, columns, rowPointers, columnIndices, values);
        for (int r = 0; r < matrix.Rows; r++)
        {
            for (int k = rowPointers[r]; k < rowPointers[r + 1]; k++)
            {
                if (isNew[k])
                {
                    float limit = WeightInitializer.Limit(layer.Initialization, matrix.RowDegree(r), matrix.ColumnDegree(columnIndices[k]));
                    values[k] = WeightInitializer.Draw(limit, random);
                }
            }
        }

        layer.Replace(matrix, velocity);
        return new EvolutionStep(removed, removed, matrix.Nnz);
    }
}
