using BenchmarkDotNet.Attributes;
using Microsoft.ML;
using Microsoft.ML.Data;
using SparseMlNet.Benchmarks.Epochs;
using SparseMlNet.ML.Trainers;
using SparseMlNet.Networks;

namespace SparseMlNet.Benchmarks.MLNet;

/// <summary>
/// Scoring throughput and allocation of the SET network 784-1000-1000-1000-10 (ε = 20, ≈ 1.2·10⁵ connections) through the ML.NET layer:
/// one row per <c>PredictionEngine.Predict</c>, and <c>Transform</c> + a cursor over <see cref="Rows"/> rows (reported per row), next
/// to the engine's <see cref="NetworkPredictor"/> (the baseline) and the allocating <see cref="MultilayerPerceptron.Predict(ReadOnlySpan{float})"/>.
/// </summary>
/// <remarks>
/// The weights come from one epoch on 256 random rows: throughput and allocation do not depend on what the weights are, only on the
/// topology's size (Erdős–Renyi, ε = 20). Rows per second = 1 / Mean. Run:
/// <c>dotnet run -c Release --project tests/SparseMlNet.Benchmarks -- --filter '*PredictionBenchmarks*' --job short</c>.
/// </remarks>
public class PredictionBenchmarks
{
    /// <summary>Rows of the scored view in <see cref="TransformCursor"/>.</summary>
    public const int Rows = 2048;

    private MultilayerPerceptron _network = null!;
    private NetworkPredictor _predictor = null!;
    private PredictionEngine<Row, Prediction> _engine = null!;
    private IDataView _scored = null!;
    private Row _row = null!;
    private Prediction _prediction = new();
    private float[] _output = [];

    /// <summary>Trains the model for one epoch on random rows and creates the engine and the scored view.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(1);
        var ml = new MLContext(seed: 1);
        var rows = Enumerable.Range(0, Rows).Select(i => new Row
        {
            Label = i % BenchmarkData.ClassCount,
            Features = Enumerable.Range(0, BenchmarkData.FeatureCount).Select(_ => random.NextSingle()).ToArray(),
        }).ToArray();
        var data = ml.Data.Cache(ml.Data.LoadFromEnumerable(rows));
        var trainer = ml.MulticlassClassification.Trainers.SparseMlp(hiddenLayerSizes: [.. BenchmarkData.HiddenLayers], epsilon: 20, epochs: 1, seed: 2);
        var model = trainer.Fit(ml.Data.TakeRows(data, 256));
        _network = model.Model.Network;
        _predictor = new NetworkPredictor(_network);
        _engine = ml.Model.CreatePredictionEngine<Row, Prediction>(model);
        _scored = model.Transform(data);
        _row = rows[0];
        _output = new float[BenchmarkData.ClassCount];
    }

    /// <summary>The engine's reusable predictor, one row.</summary>
    [Benchmark(Baseline = true)]
    public float NetworkPredictorRow()
    {
        _predictor.Predict(_row.Features, _output);
        return _output[0];
    }

    /// <summary>MultilayerPerceptron.Predict, one row: allocates its buffers on every call (what every ML.NET row cost before).</summary>
    [Benchmark]
    public float MultilayerPerceptronPredictRow() => _network.Predict(_row.Features)[0];

    /// <summary>PredictionEngine.Predict with a reused output object, one row.</summary>
    [Benchmark]
    public float PredictionEngineRow()
    {
        _engine.Predict(_row, ref _prediction);
        return _prediction.Score[0];
    }

    /// <summary>Transform + a cursor reading Score of every row of a cached view (batches of 256 rows); reported per row.</summary>
    [Benchmark(OperationsPerInvoke = Rows)]
    public float TransformCursor()
    {
        var column = _scored.Schema["Score"];
        using var cursor = _scored.GetRowCursor([column]);
        var getter = cursor.GetGetter<VBuffer<float>>(column);
        VBuffer<float> score = default;
        float sum = 0;
        while (cursor.MoveNext())
        {
            getter(ref score);
            sum += score.GetItemOrDefault(0);
        }

        return sum;
    }

    /// <summary>An input row: a class index label and 784 features.</summary>
    public sealed class Row
    {
        /// <summary>Class index 0..9.</summary>
        public float Label { get; set; }

        /// <summary>784 values in [0, 1).</summary>
        [VectorType(BenchmarkData.FeatureCount)]
        public float[] Features { get; set; } = [];
    }

    /// <summary>The scored columns.</summary>
    public sealed class Prediction
    {
        /// <summary>Class probabilities.</summary>
        public float[] Score { get; set; } = [];

        /// <summary>Predicted key, 1..10.</summary>
        public uint PredictedLabel { get; set; }
    }
}
