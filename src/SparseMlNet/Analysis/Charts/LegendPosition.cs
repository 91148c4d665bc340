namespace SparseMlNet.Analysis.Charts;

/// <summary>Where a chart's legend goes.</summary>
public enum LegendPosition
{
    /// <summary>Inside the plot area, top right corner.</summary>
    TopRight,

    /// <summary>Inside the plot area, bottom right corner.</summary>
    BottomRight,

    /// <summary>Inside the plot area, top left corner.</summary>
    TopLeft,

    /// <summary>Inside the plot area, bottom left corner.</summary>
    BottomLeft,

    /// <summary>Outside the plot area, to its right (the plot narrows to make room).</summary>
    Right,

    /// <summary>No legend.</summary>
    None,
}
