namespace SparseMlNet.Analysis.Charts;

/// <summary>
/// Series colours: the Okabe–Ito palette (Okabe and Ito, "Color Universal Design", 2008), distinguishable under the common colour-vision deficiencies,
/// starting with blue, vermillion and bluish green.
/// </summary>
public static class Palette
{
    private static readonly string[] Colors = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442"];

    /// <summary>The colour of series <paramref name="index"/> (cycling after eight).</summary>
    /// <param name="index">Series index; Range: ≥ 0.</param>
    public static string Color(int index) => Colors[Math.Abs(index) % Colors.Length];
}
