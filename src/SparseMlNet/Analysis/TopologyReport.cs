using System.Globalization;
using SparseMlNet.Networks;

namespace SparseMlNet.Analysis;

/// <summary>
/// The numbers behind <c>sparsemlnet analyze</c>: for every neuron layer and direction that has connections (inputs out, hidden in and out,
/// outputs in) the degree distribution against the Erdős–Rényi binomial and a discrete power-law fit of its tail (Clauset, Shalizi and Newman,
/// SIAM Review 2009), the input connectivity, and the input connectivity of earlier snapshots of the same run. Pictures of it are drawn by
/// SparseMlNet.Plots; <see cref="TopologyReportFiles"/> writes the statistics.
/// </summary>
public sealed class TopologyReport
{
    private TopologyReport(
        IReadOnlyList<int> layerSizes,
        NetworkKind kind,
        IReadOnlyList<LayerDegrees> degrees,
        InputConnectivity inputs,
        IReadOnlyList<InputMapSnapshot> snapshots,
        PowerLawFitOptions fitOptions)
    {
        LayerSizes = layerSizes;
        Kind = kind;
        Degrees = degrees;
        Inputs = inputs;
        Snapshots = snapshots;
        FitOptions = fitOptions;
    }

    /// <summary>Neuron counts of the analysed network, inputs first.</summary>
    public IReadOnlyList<int> LayerSizes { get; }

    /// <summary>Kind of the analysed network.</summary>
    public NetworkKind Kind { get; }

    /// <summary>One row per neuron layer and direction, in order: layer 0 out, layer 1 in, layer 1 out, …, layer L in.</summary>
    public IReadOnlyList<LayerDegrees> Degrees { get; }

    /// <summary>Connections and strength of every input neuron of the analysed network.</summary>
    public InputConnectivity Inputs { get; }

    /// <summary>Input connectivity of the given snapshots, in the order given; empty when none were given.</summary>
    public IReadOnlyList<InputMapSnapshot> Snapshots { get; }

    /// <summary>Settings the power-law fits used.</summary>
    public PowerLawFitOptions FitOptions { get; }

    /// <summary>Whether the initial topology was given (each row then has <see cref="LayerDegrees.Initial"/>).</summary>
    public bool HasInitial => Degrees.Count > 0 && Degrees[0].Initial is not null;

    /// <summary>Analyses <paramref name="network"/>.</summary>
    /// <param name="network">The trained network.</param>
    /// <param name="initial">The same network's initial topology (train --snapshot-every's epoch-000), or null.</param>
    /// <param name="snapshots">Labelled networks of the same run whose input connectivity to record, for example ("epoch 10", n10); null for none.</param>
    /// <param name="fitOptions">Power-law fit settings; null for the defaults.</param>
    /// <param name="cancellationToken">Stops between layers (a bootstrap p-value can take a while).</param>
    /// <returns>The report.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="network"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="initial"/> or a snapshot has other layer sizes than <paramref name="network"/> (the message names it).</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="fitOptions"/> is out of range (<see cref="PowerLawFitOptions.Validate"/>).</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static TopologyReport Compute(
        MultilayerPerceptron network,
        MultilayerPerceptron? initial = null,
        IReadOnlyList<(string Label, MultilayerPerceptron Network)>? snapshots = null,
        PowerLawFitOptions? fitOptions = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(network);
        fitOptions ??= new PowerLawFitOptions();
        fitOptions.Validate();
        if (initial is not null)
        {
            RequireSameShape(initial, network, "the initial topology", nameof(initial));
        }

        snapshots ??= [];
        foreach (var (label, snapshot) in snapshots)
        {
            ArgumentNullException.ThrowIfNull(snapshot, nameof(snapshots));
            RequireSameShape(snapshot, network, $"snapshot '{label}'", nameof(snapshots));
        }

        var rows = new List<LayerDegrees>();
        int last = network.Layers.Count;
        for (int h = 0; h <= last; h++)
        {
            foreach (DegreeDirection direction in (DegreeDirection[])[DegreeDirection.In, DegreeDirection.Out])
            {
                if ((direction == DegreeDirection.In && h == 0) || (direction == DegreeDirection.Out && h == last))
                {
                    continue;
                }

                cancellationToken.ThrowIfCancellationRequested();
                var trained = DegreeDistribution.Of(network, h, direction);
                DegreeDistribution? start = initial is null ? null : DegreeDistribution.Of(initial, h, direction);
                double[] binomial = ErdosRenyiDegrees.ExpectedPmf(network, h, direction);
                PowerLawFit.TryFit(trained.Degrees.ToArray(), out PowerLawFit? fit, fitOptions);
                rows.Add(new LayerDegrees(h, direction, LayerName(h, last), trained, start, binomial, fit));
            }
        }

        InputMapSnapshot[] maps = snapshots.Select(s => new InputMapSnapshot(s.Label, InputConnectivity.Of(s.Network))).ToArray();
        return new TopologyReport([.. network.LayerSizes], network.Kind, rows, InputConnectivity.Of(network), maps, fitOptions);
    }

    /// <summary>"Input layer" for 0, "Output layer" for <paramref name="last"/>, "Hidden layer h" between.</summary>
    /// <param name="neuronLayer">0 … <paramref name="last"/>.</param>
    /// <param name="last">Index of the output layer (the number of weight layers).</param>
    /// <returns>The name.</returns>
    public static string LayerName(int neuronLayer, int last) =>
        neuronLayer == 0 ? "Input layer" : neuronLayer == last ? "Output layer" : string.Create(CultureInfo.InvariantCulture, $"Hidden layer {neuronLayer}");

    private static void RequireSameShape(MultilayerPerceptron other, MultilayerPerceptron network, string what, string parameterName)
    {
        if (!other.LayerSizes.SequenceEqual(network.LayerSizes))
        {
            throw new ArgumentException(
                $"{char.ToUpperInvariant(what[0])}{what[1..]} has layer sizes {string.Join("-", other.LayerSizes)} but the analysed network has "
                + $"{string.Join("-", network.LayerSizes)}; snapshots and the initial topology must come from the same training run.",
                parameterName);
        }
    }
}
