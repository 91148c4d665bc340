namespace SparseMlNet.Analysis.Charts;

/// <summary>How a series is drawn on a <see cref="LineChart"/>.</summary>
public enum SeriesStyle
{
    /// <summary>A solid line through the points.</summary>
    Line,

    /// <summary>A dashed line through the points (a model or an expectation next to data).</summary>
    DashedLine,

    /// <summary>A marker at each point, no line (observed distributions).</summary>
    Markers,

    /// <summary>A solid line with a marker at each point.</summary>
    LineAndMarkers,
}
