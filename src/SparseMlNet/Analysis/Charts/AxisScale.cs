namespace SparseMlNet.Analysis.Charts;

/// <summary>How values map to positions along a chart axis.</summary>
public enum AxisScale
{
    /// <summary>Proportional to the value, ticks at 1, 2 or 5 × 10^k steps.</summary>
    Linear,

    /// <summary>Proportional to log10 of the value, ticks at powers of ten; values ≤ 0 cannot be drawn and are skipped.</summary>
    Logarithmic,
}
