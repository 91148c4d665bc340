namespace SparseMlNet.Analysis.Charts;

/// <summary>One named series of (x, y) points on a <see cref="LineChart"/>. Points that an axis cannot show (NaN, infinite, or ≤ 0 on a logarithmic axis) are skipped and break the line.</summary>
public sealed record ChartSeries
{
    /// <summary>Creates a series.</summary>
    /// <param name="name">Legend entry.</param>
    /// <param name="x">X values.</param>
    /// <param name="y">Y values, one per x value.</param>
    /// <param name="style">How the series is drawn.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="x"/> and <paramref name="y"/> differ in length.</exception>
    public ChartSeries(string name, IReadOnlyList<double> x, IReadOnlyList<double> y, SeriesStyle style = SeriesStyle.Line)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (x.Count != y.Count)
        {
            throw new ArgumentException($"Series '{name}' has {x.Count} x values but {y.Count} y values; give one y per x.", nameof(y));
        }

        Name = name;
        X = x;
        Y = y;
        Style = style;
    }

    /// <summary>Legend entry.</summary>
    public string Name { get; }

    /// <summary>X values.</summary>
    public IReadOnlyList<double> X { get; }

    /// <summary>Y values.</summary>
    public IReadOnlyList<double> Y { get; }

    /// <summary>How the series is drawn.</summary>
    public SeriesStyle Style { get; }

    /// <summary>Colour as "#rrggbb"; null takes the <see cref="Palette"/> colour of the series' position.</summary>
    public string? Color { get; init; }
}
