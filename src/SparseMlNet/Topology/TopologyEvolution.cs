using SparseMlNet.Networks.Layers;
using SparseMlNet.Sparse;

namespace SparseMlNet.Topology;

/// <summary>
/// One prune-and-grow step of dynamic sparse training, applied to each sparse layer after an epoch. This class owns the step and its invariants
/// (exact counts, nnz constant, new connections distinct from kept ones, new weights zero or drawn like initial ones scaled by <see cref="NewWeightScale"/>, their momentum reset);
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
    /// <param name="newWeightScale">s in [0, 1]: a regrown connection's weight is drawn from U(−s·L, s·L), L the layer's initialisation limit at the neuron's new fan-in; see <see cref="NewWeightScale"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="zeta"/> is outside [0, 1), or <paramref name="newWeightScale"/> outside [0, 1].</exception>
    /// <param name="schedule">When the step runs and with which ζ; null for SET's: after every epoch but the last, constant ζ (<see cref="EvolutionSchedule.EveryEpoch"/>).</param>
    public TopologyEvolution(double zeta, IPruneCriterion prune, IGrowthCriterion growth, bool evolveOutputLayer = false, double newWeightScale = DefaultNewWeightScale, IEvolutionSchedule? schedule = null)
    {
        Schedule = schedule ?? EvolutionSchedule.EveryEpoch;
        if (!(newWeightScale >= 0 && newWeightScale <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(newWeightScale), newWeightScale, "The scale of regrown weights must lie in [0, 1]: 0 starts them at zero, 1 draws them like initial weights.");
        }

        if (!(zeta >= 0 && zeta < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(zeta), zeta, "Zeta (ζ), the fraction of connections replaced per epoch, must lie in [0, 1), for example 0.3.");
        }

        Zeta = zeta;
        Prune = prune ?? throw new ArgumentNullException(nameof(prune));
        Growth = growth ?? throw new ArgumentNullException(nameof(growth));
        EvolveOutputLayer = evolveOutputLayer;
        NewWeightScale = newWeightScale;
    }

    /// <summary>The default <see cref="NewWeightScale"/>.</summary>
    public const double DefaultNewWeightScale = 0;

    private readonly EvolutionBuffers.Pool _buffers = new();

    /// <summary>
    /// s, the scale of regrown weights relative to an initial weight at the same fan-in; Range: [0, 1]. Default 0: new connections start at zero
    /// (as RigL's do, Evci et al., ICML 2020) with zero momentum, and grow from their gradient.
    /// With s = 1, each epoch re-randomises ζ = 30% of every hidden neuron's inputs at full He scale; on Fashion-MNIST (784-1000-1000-1000-10, ε = 20)
    /// that holds test accuracy near 80%, against 84–85% with s = 0 (see the README's "Decisions"). The reference implementation draws new weights at its
    /// dense-fan-in scale, about 0.2 of the sparse He limit.
    /// </summary>
    public double NewWeightScale { get; }

    /// <summary>ζ; Range: [0, 1).</summary>
    public double Zeta { get; }

    /// <summary>The pruning criterion.</summary>
    public IPruneCriterion Prune { get; }

    /// <summary>The growth criterion.</summary>
    public IGrowthCriterion Growth { get; }

    /// <summary>Whether the output layer evolves.</summary>
    public bool EvolveOutputLayer { get; }

    /// <summary>When the step runs and with which ζ (constant for SET, cosine-decayed for RigL).</summary>
    public IEvolutionSchedule Schedule { get; }

    /// <summary>SET: magnitude pruning per sign and uniform random growth.</summary>
    /// <param name="zeta">ζ; Range: [0, 1).</param>
    /// <param name="evolveOutputLayer">Whether the output layer evolves too.</param>
    /// <param name="newWeightScale">Scale of regrown weights; see <see cref="NewWeightScale"/>.</param>
    /// <param name="schedule">When to evolve and with which ζ; null for every epoch but the last with constant ζ.</param>
    /// <returns>The policy.</returns>
    public static TopologyEvolution Set(double zeta, bool evolveOutputLayer = false, double newWeightScale = DefaultNewWeightScale, IEvolutionSchedule? schedule = null) =>
        new(zeta, new MagnitudePrune(), new RandomGrowth(), evolveOutputLayer, newWeightScale, schedule);

    /// <summary>
    /// RigL's policy, truly sparse: magnitude pruning per sign (as SET) and growth where the loss gradient is largest (<see cref="GradientGrowth"/>),
    /// new connections at zero weight; with <paramref name="schedule"/> for RigL's ΔT, stop epoch and cosine ζ (Evci et al., ICML 2020).
    /// </summary>
    /// <param name="zeta">ζ; Range: [0, 1).</param>
    /// <param name="evolveOutputLayer">Whether the output layer evolves too.</param>
    /// <param name="schedule">When to evolve and with which ζ; null for every epoch but the last with constant ζ.</param>
    /// <returns>The policy.</returns>
    public static TopologyEvolution RigL(double zeta, bool evolveOutputLayer = false, IEvolutionSchedule? schedule = null) =>
        new(zeta, new MagnitudePrune(), new GradientGrowth(), evolveOutputLayer, 0, schedule);

    /// <summary>Prunes and regrows one layer in place (its <see cref="SparseLayer.Matrix"/> arrays are rewritten, nnz unchanged, with scratch buffers this policy reuses across layers and epochs); new weights are <see cref="NewWeightScale"/> times a draw from the layer's <see cref="Layer.Initialization"/> at their neuron's new fan-in.</summary>
    /// <param name="layer">The layer.</param>
    /// <param name="random">Seeded random source.</param>
    /// <returns>Counts of the step.</returns>
    /// <exception cref="InvalidOperationException">A criterion broke the step's contract (wrong count, a grown position that is out of range, occupied or repeated); the layer is left unchanged.</exception>
    public EvolutionStep Evolve(SparseLayer layer, Random random) => Evolve(layer, random, Zeta);

    /// <summary>Prunes and regrows one layer in place with the fraction <paramref name="zeta"/> (a schedule's ζ for this epoch).</summary>
    /// <param name="layer">The layer.</param>
    /// <param name="random">Seeded random source.</param>
    /// <param name="zeta">ζ of this step; Range: [0, 1).</param>
    /// <returns>Counts of the step.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="zeta"/> is outside [0, 1).</exception>
    /// <exception cref="InvalidOperationException">A criterion broke the step's contract (wrong count, a grown position that is out of range, occupied or repeated); the layer is left unchanged.</exception>
    public EvolutionStep Evolve(SparseLayer layer, Random random, double zeta) => Evolve(layer, random, zeta, null);

    /// <summary>Prunes and regrows one layer in place with the fraction <paramref name="zeta"/>; a gradient-based growth criterion ranks empty positions by <paramref name="gradient"/>.</summary>
    /// <param name="layer">The layer.</param>
    /// <param name="random">Seeded random source.</param>
    /// <param name="zeta">ζ of this step; Range: [0, 1).</param>
    /// <param name="gradient">The layer's loss gradient from the last mini-batch; required by an <see cref="IGradientGrowthCriterion"/>, ignored otherwise.</param>
    /// <returns>Counts of the step.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="zeta"/> is outside [0, 1).</exception>
    /// <exception cref="InvalidOperationException">A criterion broke the step's contract, or a gradient criterion got no gradient; the layer is left unchanged.</exception>
    public EvolutionStep Evolve(SparseLayer layer, Random random, double zeta, LayerGradient? gradient)
    {
        ArgumentNullException.ThrowIfNull(layer);
        ArgumentNullException.ThrowIfNull(random);
        if (!(zeta >= 0 && zeta < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(zeta), zeta, "Zeta (ζ) of an evolution step must lie in [0, 1).");
        }

        EvolutionBuffers buffers = _buffers.Rent();
        try
        {
            return Evolve(layer, random, zeta, gradient, buffers);
        }
        finally
        {
            _buffers.Return(buffers);
        }
    }

    private EvolutionStep Evolve(SparseLayer layer, Random random, double zeta, LayerGradient? gradient, EvolutionBuffers buffers)
    {
        SparseMatrix matrix = layer.Matrix;
        int nnz = matrix.Nnz;
        Span<bool> remove = buffers.Remove(nnz);
        int expected = Prune.RemovalCount(matrix, zeta);
        int removed = Prune.SelectForRemoval(matrix, zeta, remove);
        int marked = 0;
        foreach (bool r in remove)
        {
            marked += r ? 1 : 0;
        }

        if (removed != expected || marked != expected)
        {
            throw new InvalidOperationException(
                $"{Prune.GetType().Name} broke the pruning contract: ζ = {zeta} asks for {expected} removals; it reported {removed} and marked {marked}.");
        }

        Span<long> grown = buffers.Grown(removed);
        if (Growth is IGradientGrowthCriterion byGradient)
        {
            byGradient.SelectNew(matrix, remove, gradient ?? throw new InvalidOperationException($"{Growth.GetType().Name} needs the layer's gradient; evolve through the training loop."), random, grown);
        }
        else
        {
            Growth.SelectNew(matrix, remove, random, grown);
        }

        grown.Sort();
        CheckGrown(matrix, remove, grown);

        // From here the layer changes in place (no failure is possible any more): the CSR arrays, the momentum and the CSC index are rewritten
        // inside the arrays they already occupy, since nnz is constant. Memory stays at the layer's own arrays plus the reused buffers,
        // where building the new topology beside the old one would need 25 bytes per connection of the layer on top.
        int[] rowPointers = matrix.RowPointers;
        int[] columnIndices = matrix.ColumnIndices;
        float[] values = matrix.Values;
        float[] velocity = layer.Velocity;
        int columns = matrix.Columns;

        // 1. Compact the kept connections to the front, in CSR order; rowPointers[r + 1] becomes the end of row r's kept ones.
        int w = 0;
        int k = 0;
        for (int r = 0; r < matrix.Rows; r++)
        {
            int end = rowPointers[r + 1];
            for (; k < end; k++)
            {
                if (!remove[k])
                {
                    columnIndices[w] = columnIndices[k];
                    values[w] = values[k];
                    velocity[w++] = velocity[k];
                }
            }

            rowPointers[r + 1] = w;
        }

        // 2. Merge kept and grown connections from the back, row by row in descending column order: the write slot o never falls below the
        //    next kept connection still to be read, so nothing unread is overwritten. New connections start with weight and momentum 0.
        int o = nnz - 1;
        int g = grown.Length - 1;
        for (int r = matrix.Rows - 1; r >= 0; r--)
        {
            int keptStart = rowPointers[r];
            int kk = rowPointers[r + 1] - 1;
            int rowEnd = o + 1;
            while (true)
            {
                bool haveOld = kk >= keptStart;
                bool haveNew = g >= 0 && grown[g] / columns == r;
                if (!haveOld && !haveNew)
                {
                    break;
                }

                int newColumn = haveNew ? (int)(grown[g] % columns) : -1;
                if (haveOld && columnIndices[kk] > newColumn)
                {
                    columnIndices[o] = columnIndices[kk];
                    values[o] = values[kk];
                    velocity[o--] = velocity[kk--];
                }
                else
                {
                    columnIndices[o] = newColumn;
                    values[o] = 0f;
                    velocity[o--] = 0f;
                    g--;
                }
            }

            rowPointers[r + 1] = rowEnd;
        }

        if (o != -1 || g != -1)
        {
            throw new InvalidOperationException($"Evolution changed nnz from {nnz} to {nnz - (o + 1)}; a step must keep it constant.");
        }

        rowPointers[0] = 0;
        matrix.RebuildTransposedIndex(buffers.Next(columns));

        // New weights in ascending CSR order (grown is sorted by row-major position), drawn at the neuron's new fan-in and fan-out.
        for (int i = 0; i < grown.Length && NewWeightScale > 0; i++)
        {
            int r = (int)(grown[i] / columns);
            int slot = matrix.Find(r, (int)(grown[i] % columns));
            float limit = WeightInitializer.Limit(layer.Initialization, matrix.RowDegree(r), matrix.ColumnDegree(columnIndices[slot]));
            values[slot] = WeightInitializer.Draw((float)NewWeightScale * limit, random);
        }

        layer.Replace(matrix, velocity);
        return new EvolutionStep(removed, removed, matrix.Nnz);
    }

    /// <summary>Every grown position (sorted) must be inside the matrix, distinct, and empty or freed by this step's pruning.</summary>
    private void CheckGrown(SparseMatrix old, ReadOnlySpan<bool> removed, ReadOnlySpan<long> grown)
    {
        long size = (long)old.Rows * old.Columns;
        for (int i = 0; i < grown.Length; i++)
        {
            long position = grown[i];
            if (position < 0 || position >= size)
            {
                throw new InvalidOperationException($"{Growth.GetType().Name} grew position {position}, outside the {old.Rows} × {old.Columns} layer.");
            }

            if (i > 0 && grown[i - 1] == position)
            {
                throw new InvalidOperationException($"{Growth.GetType().Name} grew position {position} twice in one step.");
            }

            int k = old.Find((int)(position / old.Columns), (int)(position % old.Columns));
            if (k >= 0 && !removed[k])
            {
                throw new InvalidOperationException($"{Growth.GetType().Name} grew position {position}, which holds a kept connection.");
            }
        }
    }
}
