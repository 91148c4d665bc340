namespace SparseMlNet.Analysis.Charts;

/// <summary>One axis of a chart.</summary>
/// <param name="Title">Axis title with its unit, for example "Degree (connections)" or "Time (s)".</param>
/// <param name="Scale">Linear or logarithmic.</param>
/// <param name="Minimum">Lower end of the axis; null to fit the data (rounded out to a tick).</param>
/// <param name="Maximum">Upper end of the axis; null to fit the data (rounded out to a tick).</param>
public sealed record ChartAxis(string Title, AxisScale Scale = AxisScale.Linear, double? Minimum = null, double? Maximum = null);
