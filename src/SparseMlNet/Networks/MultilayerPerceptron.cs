using System.Numerics.Tensors;
using SparseMlNet.Networks.Activations;
using SparseMlNet.Networks.Layers;
using SparseMlNet.Networks.Losses;
using SparseMlNet.Sparse;

namespace SparseMlNet.Networks;

/// <summary>
/// A multilayer perceptron whose layers are truly sparse (<see cref="SparseLayer"/>: SET, FixProb) or dense (<see cref="DenseLayer"/>).
/// Shapes: input [n, <see cref="InputCount"/>] row-major, output [n, <see cref="OutputCount"/>].
/// Train it with <c>Training.MlpTrainer</c>; predict with <see cref="Predict(ReadOnlySpan{float})"/>.
/// </summary>
public sealed class MultilayerPerceptron
{
    internal MultilayerPerceptron(NetworkKind kind, IReadOnlyList<Layer> layers, IReadOnlyList<Activation> activations, LossKind loss)
    {
        if (layers.Count == 0 || layers.Count != activations.Count)
        {
            throw new ArgumentException("A network needs at least one layer and one activation per layer.", nameof(layers));
        }

        for (int l = 1; l < layers.Count; l++)
        {
            if (layers[l].Inputs != layers[l - 1].Outputs)
            {
                throw new ArgumentException($"Layer {l} takes {layers[l].Inputs} inputs but layer {l - 1} has {layers[l - 1].Outputs} outputs.", nameof(layers));
            }
        }

        Kind = kind;
        _layers = [.. layers];
        Activations = activations;
        Loss = loss;
    }

    private readonly Layer[] _layers;

    /// <summary>SET, FixProb or dense.</summary>
    public NetworkKind Kind { get; }

    /// <summary>The layers from input to output.</summary>
    public IReadOnlyList<Layer> Layers => _layers;

    /// <summary>One activation per layer; the output layer's is <see cref="ActivationKind.Identity"/> under softmax cross-entropy (the softmax belongs to the loss).</summary>
    public IReadOnlyList<Activation> Activations { get; }

    /// <summary>The objective the network is trained for.</summary>
    public LossKind Loss { get; }

    /// <summary>Replaces layers <paramref name="index"/> and <paramref name="index"/> + 1 together (hidden-neuron pruning shrinks the neurons between them).</summary>
    /// <exception cref="ArgumentException">The new pair does not chain with the neighbouring layers.</exception>
    internal void ReplacePair(int index, Layer first, Layer second)
    {
        if (first.Outputs != second.Inputs || first.Inputs != _layers[index].Inputs || second.Outputs != _layers[index + 1].Outputs)
        {
            throw new ArgumentException("The replacement layers do not chain with the network.", nameof(first));
        }

        _layers[index] = first;
        _layers[index + 1] = second;
    }

    /// <summary>Number of input features.</summary>
    public int InputCount => Layers[0].Inputs;

    /// <summary>Number of outputs (classes under softmax cross-entropy).</summary>
    public int OutputCount => Layers[^1].Outputs;

    /// <summary>Total connections over all layers.</summary>
    public long ConnectionCount => Layers.Sum(l => l.ConnectionCount);

    /// <summary>Layer sizes from input to output, e.g. [784, 1000, 1000, 1000, 10].</summary>
    public int[] LayerSizes => [InputCount, .. Layers.Select(l => l.Outputs)];

    /// <summary>
    /// Creates an untrained network: sparse layers are Erdős–Rényi graphs with p = ε(n_in + n_out)/(n_in·n_out) (Mocanu et al. 2018, eq. 1);
    /// weights follow <paramref name="initialization"/> scaled by each neuron's actual fan-in; biases are zero.
    /// </summary>
    /// <param name="kind">SET and FixProb build sparse layers; Dense builds fully connected ones (ε ignored).</param>
    /// <param name="layerSizes">Neurons per layer from input to output, at least two entries, each ≥ 1.</param>
    /// <param name="epsilon">ε; Range: ε &gt; 0.</param>
    /// <param name="hiddenActivation">Activation of every hidden layer.</param>
    /// <param name="outputActivation">Activation of the output layer (Identity under softmax cross-entropy).</param>
    /// <param name="loss">Training objective.</param>
    /// <param name="initialization">Weight initialisation; null picks He uniform for ReLU-family hidden activations and Glorot uniform otherwise.</param>
    /// <param name="seed">Seed of the topology and weights.</param>
    /// <param name="allReluAlpha">α of All-ReLU; ignored by other activations.</param>
    /// <exception cref="ArgumentException">Fewer than two layer sizes.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A layer size below 1, ε ≤ 0, or a layer whose density rounds to zero connections.</exception>
    public static MultilayerPerceptron Create(
        NetworkKind kind,
        IReadOnlyList<int> layerSizes,
        double epsilon,
        ActivationKind hiddenActivation,
        ActivationKind outputActivation,
        LossKind loss,
        int seed,
        WeightInitialization? initialization = null,
        float allReluAlpha = Activation.DefaultAllReluAlpha)
    {
        ArgumentNullException.ThrowIfNull(layerSizes);
        if (layerSizes.Count < 2)
        {
            throw new ArgumentException("Give at least an input and an output layer size.", nameof(layerSizes));
        }

        for (int i = 0; i < layerSizes.Count; i++)
        {
            if (layerSizes[i] < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(layerSizes), layerSizes[i], $"Layer {i} has {layerSizes[i]} neurons; every layer needs at least one.");
            }
        }

        if (kind != NetworkKind.Dense)
        {
            _ = ErdosRenyi.Probability(epsilon, layerSizes[0], layerSizes[1]);
        }

        var scheme = initialization ?? (hiddenActivation is ActivationKind.Relu or ActivationKind.AllRelu ? WeightInitialization.HeUniform : WeightInitialization.GlorotUniform);
        var random = new Random(seed);
        var layers = new List<Layer>();
        var activations = new List<Activation>();
        for (int l = 1; l < layerSizes.Count; l++)
        {
            bool output = l == layerSizes.Count - 1;
            var layerScheme = output && loss == LossKind.SoftmaxCrossEntropy ? WeightInitialization.GlorotUniform : scheme;
            layers.Add(kind == NetworkKind.Dense
                ? DenseLayer.Create(layerSizes[l - 1], layerSizes[l], layerScheme, random)
                : SparseLayer.CreateErdosRenyi(layerSizes[l - 1], layerSizes[l], epsilon, layerScheme, random));
            activations.Add(output ? Activation.Create(outputActivation, l) : Activation.Create(hiddenActivation, l, allReluAlpha));
        }

        return new MultilayerPerceptron(kind, layers, activations, loss);
    }

    /// <summary>
    /// Outputs for every row of <paramref name="features"/> (all rows, including a last partial batch): class probabilities under softmax cross-entropy,
    /// the output activation's values otherwise.
    /// </summary>
    /// <param name="features">Row-major [n, <see cref="InputCount"/>], finite values, preprocessed as during training.</param>
    /// <returns>Row-major [n, <see cref="OutputCount"/>].</returns>
    /// <exception cref="ArgumentException">The length is not a positive multiple of <see cref="InputCount"/> (the message gives both counts), or a value is NaN or infinite.</exception>
    public float[] Predict(ReadOnlySpan<float> features)
    {
        if (features.IsEmpty || features.Length % InputCount != 0)
        {
            throw new ArgumentException(
                $"The model was trained on {InputCount} features, but the data has {features.Length} values, which is not a whole number of rows of {InputCount}; give the same features as at training.",
                nameof(features));
        }

        for (int i = 0; i < features.Length; i++)
        {
            if (!float.IsFinite(features[i]))
            {
                throw new ArgumentException($"Feature value at row {i / InputCount}, column {i % InputCount} is {features[i]}; features must be finite.", nameof(features));
            }
        }

        int n = features.Length / InputCount;
        var result = new float[n * OutputCount];
        new NetworkPredictor(this, NetworkPredictor.RowsPerPass(this, n)).Predict(features, result);
        return result;
    }

    /// <summary>Arg-max class of every row (<see cref="TensorPrimitives.IndexOfMax(ReadOnlySpan{float})"/>: ties to the lower index; a row of NaN gives class 0).</summary>
    /// <param name="features">Row-major [n, <see cref="InputCount"/>].</param>
    /// <returns>n class indices in [0, <see cref="OutputCount"/>).</returns>
    /// <exception cref="ArgumentException">As <see cref="Predict(ReadOnlySpan{float})"/>.</exception>
    public int[] PredictClasses(ReadOnlySpan<float> features)
    {
        float[] outputs = Predict(features);
        var classes = new int[outputs.Length / OutputCount];
        for (int i = 0; i < classes.Length; i++)
        {
            classes[i] = TensorPrimitives.IndexOfMax(outputs.AsSpan(i * OutputCount, OutputCount));
        }

        return classes;
    }
}
