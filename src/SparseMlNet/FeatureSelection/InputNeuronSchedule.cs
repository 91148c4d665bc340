namespace SparseMlNet.FeatureSelection;

/// <summary>
/// NeuroFS's schedule of active input neurons (Atashgahi et al., TMLR 2023, section 3: "input neurons are gradually removed"): after evolution step s of
/// S = max(1, ⌊f·T⌋) removal steps (T = epochs − 1 evolution steps, f the removal fraction) the network has a(s) = k + ⌊(d − k)·(S − s)/S⌋ active inputs,
/// falling linearly from d at s = 0 to exactly k at s = S and staying there; and it exchanges u(s) = ⌊φ·min(d − a(s), a(s))·(1 − s/T)⌋ neurons (neuron regrowth).
/// </summary>
public sealed class InputNeuronSchedule
{
    /// <summary>Creates the schedule.</summary>
    /// <param name="featureCount">d; Range: ≥ 2.</param>
    /// <param name="selectedCount">k; Range: [1, d).</param>
    /// <param name="evolutionSteps">T, the number of evolution steps (epochs − 1); Range: ≥ 1.</param>
    /// <param name="removalFraction">f; Range: (0, 1].</param>
    /// <param name="regrowthFraction">φ; Range: [0, 1).</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument outside its range.</exception>
    public InputNeuronSchedule(int featureCount, int selectedCount, int evolutionSteps, double removalFraction, double regrowthFraction)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(featureCount, 2);
        if (selectedCount < 1 || selectedCount >= featureCount)
        {
            throw new ArgumentOutOfRangeException(nameof(selectedCount), selectedCount, $"k must lie in [1, {featureCount - 1}].");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(evolutionSteps, 1);
        if (!(removalFraction > 0 && removalFraction <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(removalFraction), removalFraction, "The removal fraction must lie in (0, 1].");
        }

        if (!(regrowthFraction >= 0 && regrowthFraction < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(regrowthFraction), regrowthFraction, "The regrowth fraction must lie in [0, 1).");
        }

        FeatureCount = featureCount;
        SelectedCount = selectedCount;
        EvolutionSteps = evolutionSteps;
        RemovalSteps = Math.Max(1, (int)(removalFraction * evolutionSteps));
        RegrowthFraction = regrowthFraction;
    }

    /// <summary>d.</summary>
    public int FeatureCount { get; }

    /// <summary>k.</summary>
    public int SelectedCount { get; }

    /// <summary>T.</summary>
    public int EvolutionSteps { get; }

    /// <summary>S, the step after which exactly k inputs are active; Range: [1, T].</summary>
    public int RemovalSteps { get; }

    /// <summary>φ.</summary>
    public double RegrowthFraction { get; }

    /// <summary>a(s), the active input neurons after step <paramref name="step"/>.</summary>
    /// <param name="step">s; Range: ≥ 0 (0: before any evolution, all d inputs).</param>
    /// <returns>An integer in [k, d], non-increasing in s, equal to k from s = S on.</returns>
    public int ActiveAfter(int step)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(step);
        int s = Math.Min(step, RemovalSteps);
        return SelectedCount + (int)((long)(FeatureCount - SelectedCount) * (RemovalSteps - s) / RemovalSteps);
    }

    /// <summary>u(s), the neurons exchanged at step <paramref name="step"/> on top of the scheduled removals.</summary>
    /// <param name="step">s; Range: [1, T].</param>
    /// <returns>An integer in [0, min(d − a(s), a(s))].</returns>
    public int ExchangedAt(int step)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(step, 1);
        int active = ActiveAfter(step);
        int inactive = FeatureCount - active;
        return (int)(RegrowthFraction * Math.Min(inactive, active) * Math.Max(0.0, 1.0 - ((double)step / EvolutionSteps)));
    }
}
