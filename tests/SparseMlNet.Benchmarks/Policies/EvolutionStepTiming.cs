using System.Diagnostics;
using System.Globalization;
using MathNet.Numerics.Statistics;
using SparseMlNet.Benchmarks.Epochs;
using SparseMlNet.Networks;
using SparseMlNet.Networks.Activations;
using SparseMlNet.Networks.Layers;
using SparseMlNet.Networks.Losses;
using SparseMlNet.Topology;

namespace SparseMlNet.Benchmarks.Policies;

/// <summary>
/// The <c>--evolution-step</c> mode: where one gradient-regrowth step's time goes, in process and interleaved (so load on a shared machine
/// hits every variant alike). On the 784-1000-1000-1000-10 network at ε = 20 after one mini-batch of 128 (random inputs and labels), for the
/// 1000 × 1000 second layer: the dense-candidate gradient alone (chunks of 64 input neurons, no top-k), the gradient with the running top-k
/// over empty positions (<see cref="GradientGrowth"/>'s selection), the whole RigL step (prune, grow, rebuild) and SET's step (random growth).
/// Medians of <c>--repeats</c> interleaved rounds.
/// </summary>
internal static class EvolutionStepTiming
{
    public static void Run(IReadOnlyList<string> args, TextWriter output)
    {
        int repeats = 15;
        int index = args.ToList().IndexOf("--repeats");
        if (index >= 0 && (index + 1 >= args.Count || !int.TryParse(args[index + 1], NumberStyles.Integer, CultureInfo.InvariantCulture, out repeats) || repeats < 1))
        {
            throw new ArgumentException("--repeats takes an integer ≥ 1, for example 15.", nameof(args));
        }

        const int batch = 128;
        var network = MultilayerPerceptron.Create(NetworkKind.Set, [784, 1000, 1000, 1000, 10], 20, ActivationKind.Relu, ActivationKind.Identity, LossKind.SoftmaxCrossEntropy, seed: 1);
        var propagation = new Propagation(network, batch, training: true);
        var random = new Random(2);
        float[] inputs = [.. Enumerable.Range(0, batch * 784).Select(_ => (float)random.NextDouble())];
        int[] labels = [.. Enumerable.Range(0, batch).Select(_ => random.Next(10))];
        int[] rows = [.. Enumerable.Range(0, batch)];
        propagation.LoadInputs(inputs, 784, rows);
        propagation.Forward(0f, 0);
        propagation.ClassificationLoss(labels);
        propagation.Backward(dropout: false);

        const int l = 1;
        var layer = (SparseLayer)network.Layers[l];
        int[] columns = [.. Enumerable.Range(0, layer.Inputs)];
        CandidateGradient Gradient() => new(propagation.LayerInputs(l), propagation.Stride, propagation.Deltas(l), layer.Outputs, propagation.Batch);
        var rigl = TopologyEvolution.RigL(0.3);
        var set = TopologyEvolution.Set(0.3);
        int count = new MagnitudePrune().RemovalCount(layer.Matrix, 0.3);
        var timings = new Dictionary<string, List<double>>
        {
            ["gradient only (64-neuron chunks)"] = [],
            ["gradient + running top-k over empty positions"] = [],
            ["RigL step (prune, gradient top-k, rebuild)"] = [],
            ["SET step (prune, random growth, rebuild)"] = [],
        };
        for (int r = 0; r <= repeats; r++)
        {
            bool warmUp = r == 0;
            Time("gradient only (64-neuron chunks)", () => Gradient().ForEachChunk(columns, (_, _) => { }), warmUp, timings);
            Time("gradient + running top-k over empty positions", () => GradientGrowth.TopEmpty(layer.Matrix, null, Gradient(), columns, count), warmUp, timings);
            Time("RigL step (prune, gradient top-k, rebuild)", () => rigl.Evolve(layer, new Random(r), 0.3, new LayerGradient(Gradient(), layer.Inputs, layer.Outputs)), warmUp, timings);
            Time("SET step (prune, random growth, rebuild)", () => set.Evolve(layer, new Random(r), 0.3), warmUp, timings);
        }

        output.WriteLine(FormattableString.Invariant($"One evolution step of the 1000 x 1000 layer of 784-1000-1000-1000-10 at ε = 20 ({layer.ConnectionCount:N0} connections, {count:N0} regrown), batch {batch}; median of {repeats} interleaved rounds"));
        output.WriteLine(EpochTable.Environment());
        output.WriteLine();
        output.WriteLine("| part | ms (median) |");
        output.WriteLine("|---|---:|");
        foreach (var (name, values) in timings)
        {
            output.WriteLine(FormattableString.Invariant($"| {name} | {values.Median():F1} |"));
        }
    }

    private static void Time(string name, Action action, bool warmUp, Dictionary<string, List<double>> timings)
    {
        long start = Stopwatch.GetTimestamp();
        action();
        if (!warmUp)
        {
            timings[name].Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }
    }
}
