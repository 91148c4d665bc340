using SparseMlNet.Networks.Layers;
using SparseMlNet.Sparse;
using SparseMlNet.Topology;

namespace SparseMlNet.FeatureSelection;

/// <summary>
/// NeuroFS's evolution of the input layer (Atashgahi et al., TMLR 2023, Algorithm 1), one step after an epoch:
/// (1) remove the weakest active input neurons (strength s_i = Σ_j |W_ji|) down to the <see cref="InputNeuronSchedule"/>'s count, plus u(t) more that are
/// exchanged for the inactive neurons with the largest loss gradient max_j |∂L/∂W_ji| (a neuron added at step t − 1 is protected at step t);
/// (2) drop every connection of the removed neurons and prune ζ_in of the remaining weights by magnitude, per sign (<see cref="MagnitudePrune"/>);
/// (3) regrow, at zero weight, the empty positions of active neurons with the largest |∂L/∂W_ji| until the layer has its initial nnz again (or is full over
/// the active neurons). Gradients come from <see cref="CandidateGradient"/> chunk by chunk with a running top-m (<see cref="RunningTopK"/>), so no
/// n_in × n_hidden matrix is ever allocated; the cost is O(n_in,active · n_hidden · B) time per step.
/// </summary>
internal sealed class InputLayerEvolution
{
    private readonly InputNeuronSchedule _schedule;
    private readonly double _zeta;
    private readonly long _targetNnz;
    private readonly bool[] _active;
    private readonly int[] _addedAt;
    private readonly int[] _removedAt;
    private readonly double[] _strengthAtRemoval;
    private readonly IPruneCriterion _prune = new MagnitudePrune();

    public InputLayerEvolution(InputNeuronSchedule schedule, double zeta, long targetNnz)
    {
        _schedule = schedule;
        _zeta = zeta;
        _targetNnz = targetNnz;
        int d = schedule.FeatureCount;
        _active = new bool[d];
        _active.AsSpan().Fill(true);
        _addedAt = new int[d];
        _addedAt.AsSpan().Fill(-1);
        _removedAt = new int[d];
        _strengthAtRemoval = new double[d];
        ActiveCount = d;
    }

    /// <summary>Input neurons active now.</summary>
    public int ActiveCount { get; private set; }

    /// <summary>Whether input neuron <paramref name="input"/> is active.</summary>
    public bool IsActive(int input) => _active[input];

    /// <summary>
    /// Scores for the ranking: an active neuron its strength (≥ 0); a removed one −1/(1 + t + s/(1 + s)) with t the step it was last removed at and s its
    /// strength then, in (−1/2, 0): later removal and, within a step, greater strength rank higher.
    /// </summary>
    public double[] Scores(SparseMatrix matrix)
    {
        double[] strength = NeuronStrength.OfInputs(matrix);
        var scores = new double[strength.Length];
        for (int i = 0; i < scores.Length; i++)
        {
            double s = _strengthAtRemoval[i];
            scores[i] = _active[i] ? strength[i] : -1.0 / (1.0 + _removedAt[i] + (s / (1.0 + s)));
        }

        return scores;
    }

    /// <summary>Runs evolution step <paramref name="step"/> on <paramref name="layer"/> (its matrix is replaced).</summary>
    /// <param name="layer">The input layer, [n_hidden, n_in].</param>
    /// <param name="step">t; Range: [1, T].</param>
    /// <param name="gradient">The loss gradient of this layer over one batch.</param>
    public void Step(SparseLayer layer, int step, CandidateGradient gradient)
    {
        SparseMatrix old = layer.Matrix;
        int d = old.Columns;
        int hidden = old.Rows;
        double[] strength = NeuronStrength.OfInputs(old);

        int target = _schedule.ActiveAfter(step);
        int exchanged = Math.Min(_schedule.ExchangedAt(step), d - ActiveCount);
        var wasInactive = new List<int>(d - ActiveCount);
        for (int i = 0; i < d; i++)
        {
            if (!_active[i])
            {
                wasInactive.Add(i);
            }
        }

        RemoveWeakest(strength, ActiveCount - target + exchanged, step);
        if (exchanged > 0)
        {
            AddBack(wasInactive, exchanged, step, gradient);
        }

        // Drop the removed neurons' connections, then prune ζ_in of the rest by magnitude, per sign.
        var keep = new bool[old.Nnz];
        for (int k = 0; k < keep.Length; k++)
        {
            keep[k] = _active[old.ColumnIndices[k]];
        }

        (SparseMatrix survivors, float[] survivorVelocity) = Subset(old, layer.Velocity, keep);
        var pruned = new bool[survivors.Nnz];
        _prune.SelectForRemoval(survivors, _zeta, pruned);
        for (int k = 0; k < pruned.Length; k++)
        {
            pruned[k] = !pruned[k];
        }

        (SparseMatrix kept, float[] keptVelocity) = Subset(survivors, survivorVelocity, pruned);

        long capacity = (long)ActiveCount * hidden;
        int grow = (int)Math.Max(0, Math.Min(_targetNnz, capacity) - kept.Nnz);
        long[] grown = Regrowth(kept, grow, gradient);
        (SparseMatrix next, float[] velocity) = Merge(kept, keptVelocity, grown);
        layer.Replace(next, velocity);
    }

    private void RemoveWeakest(double[] strength, int count, int step)
    {
        if (count <= 0)
        {
            return;
        }

        var candidates = new List<int>(ActiveCount);
        for (int i = 0; i < _active.Length; i++)
        {
            if (_active[i])
            {
                candidates.Add(i);
            }
        }

        // Unprotected before protected, then weakest first, then by index: a deterministic total order.
        candidates.Sort((a, b) =>
        {
            int pa = _addedAt[a] == step - 1 ? 1 : 0;
            int pb = _addedAt[b] == step - 1 ? 1 : 0;
            if (pa != pb)
            {
                return pa.CompareTo(pb);
            }

            int byStrength = strength[a].CompareTo(strength[b]);
            return byStrength != 0 ? byStrength : a.CompareTo(b);
        });
        for (int r = 0; r < count; r++)
        {
            int i = candidates[r];
            _active[i] = false;
            _removedAt[i] = step;
            _strengthAtRemoval[i] = strength[i];
        }

        ActiveCount -= count;
    }

    private void AddBack(List<int> inactive, int count, int step, CandidateGradient gradient)
    {
        var best = new RunningTopK(count);
        gradient.ForEachChunk(inactive.ToArray(), (neurons, g) =>
        {
            for (int r = 0; r < neurons.Length; r++)
            {
                float max = 0;
                foreach (float v in g.Slice(r * gradient.Hidden, gradient.Hidden))
                {
                    max = Math.Max(max, Math.Abs(v));
                }

                best.Offer(max, neurons[r]);
            }
        });
        foreach (long i in best.SortedPositions())
        {
            _active[i] = true;
            _addedAt[i] = step;
        }

        ActiveCount += best.Count;
    }

    private long[] Regrowth(SparseMatrix kept, int grow, CandidateGradient gradient)
    {
        if (grow == 0)
        {
            return [];
        }

        int d = kept.Columns;
        var active = new List<int>(ActiveCount);
        for (int i = 0; i < d; i++)
        {
            if (_active[i])
            {
                active.Add(i);
            }
        }

        return GradientGrowth.TopEmpty(kept, null, gradient, [.. active], grow);
    }

    /// <summary>The connections of <paramref name="matrix"/> flagged in <paramref name="keep"/> (CSR order), with their momentum.</summary>
    private static (SparseMatrix Matrix, float[] Velocity) Subset(SparseMatrix matrix, float[] velocity, bool[] keep)
    {
        int count = 0;
        foreach (bool k in keep)
        {
            count += k ? 1 : 0;
        }

        var rowPointers = new int[matrix.Rows + 1];
        var columns = new int[count];
        var values = new float[count];
        var subsetVelocity = new float[count];
        int o = 0;
        for (int r = 0; r < matrix.Rows; r++)
        {
            for (int k = matrix.RowPointers[r]; k < matrix.RowPointers[r + 1]; k++)
            {
                if (keep[k])
                {
                    columns[o] = matrix.ColumnIndices[k];
                    values[o] = matrix.Values[k];
                    subsetVelocity[o++] = velocity[k];
                }
            }

            rowPointers[r + 1] = o;
        }

        return (SparseMatrix.FromSortedCsr(matrix.Rows, matrix.Columns, rowPointers, columns, values), subsetVelocity);
    }

    /// <summary>Adds zero-weight, zero-momentum connections at the sorted empty row-major <paramref name="grown"/> positions.</summary>
    private static (SparseMatrix Matrix, float[] Velocity) Merge(SparseMatrix kept, float[] keptVelocity, long[] grown)
    {
        int d = kept.Columns;
        int nnz = kept.Nnz + grown.Length;
        var rowPointers = new int[kept.Rows + 1];
        var columns = new int[nnz];
        var values = new float[nnz];
        var velocity = new float[nnz];
        int o = 0;
        int g = 0;
        for (int r = 0; r < kept.Rows; r++)
        {
            int k = kept.RowPointers[r];
            int end = kept.RowPointers[r + 1];
            while (k < end || (g < grown.Length && grown[g] / d == r))
            {
                bool takeNew = g < grown.Length && grown[g] / d == r && (k == end || (int)(grown[g] % d) < kept.ColumnIndices[k]);
                if (takeNew)
                {
                    columns[o++] = (int)(grown[g++] % d);
                }
                else
                {
                    columns[o] = kept.ColumnIndices[k];
                    values[o] = kept.Values[k];
                    velocity[o++] = keptVelocity[k++];
                }
            }

            rowPointers[r + 1] = o;
        }

        return (SparseMatrix.FromSortedCsr(kept.Rows, d, rowPointers, columns, values), velocity);
    }
}
