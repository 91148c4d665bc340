namespace SparseMlNet.Analysis;

/// <summary>Settings of <see cref="PowerLawFit.Fit(ReadOnlySpan{int}, PowerLawFitOptions?)"/>.</summary>
public sealed record PowerLawFitOptions
{
    /// <summary>
    /// Smallest tail (number of values ≥ x_min) a candidate x_min may leave; Range: ≥ 2. Default 10. Clauset et al. scan every x_min, but a tail of a
    /// handful of values fits anything, so the KS minimum can land on the last few hubs; this floor keeps the fit meaningful.
    /// </summary>
    public int MinTailCount { get; init; } = 10;

    /// <summary>
    /// Number of semi-parametric bootstrap replicates for the goodness-of-fit p-value (Clauset et al. 2009, section 4.1); 0 skips it. Range: ≥ 0.
    /// Each replicate repeats the whole fit, so cost grows linearly; Clauset et al. use 2,500 for two-digit accuracy, 100 gives a rough value.
    /// </summary>
    public int BootstrapReplicates { get; init; }

    /// <summary>Seed of the bootstrap's random draws.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>Checks the ranges.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><see cref="MinTailCount"/> is below 2 or <see cref="BootstrapReplicates"/> is negative.</exception>
    public void Validate()
    {
        if (MinTailCount < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(MinTailCount), MinTailCount, "A power-law tail needs at least 2 values; use 10 or more for a meaningful fit.");
        }

        if (BootstrapReplicates < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(BootstrapReplicates), BootstrapReplicates, "The number of bootstrap replicates cannot be negative; use 0 to skip the p-value.");
        }
    }
}
