using Microsoft.ML;
using Microsoft.ML.Data;
using SparseMlNet.ML.Tests.Support;
using SparseMlNet.ML.Trainers;

namespace SparseMlNet.ML.Tests.Scoring;

/// <summary>Allocation (not timing) of steady-state scoring: each row source and cursor reuses one NetworkPredictor.</summary>
public sealed class PredictionAllocationTests
{
    private const int Predictions = 2000;

    [Fact]
    public void PredictionEngine_SteadyState_AllocatesNothingPerPrediction()
    {
        var ml = new MLContext(seed: 1);
        var data = TestData.Digits(ml);
        var model = ml.Transforms.Conversion.MapValueToKey("Label")
            .Append(ml.MulticlassClassification.Trainers.SparseMlp(hiddenLayerSizes: [200, 200], epsilon: 10, epochs: 1, seed: 2))
            .Fit(data);
        var engine = ml.Model.CreatePredictionEngine<LabeledRow, KeyPrediction>(model, inputSchemaDefinition: LabeledRow.Definition(64, null));
        var rows = ml.Data.CreateEnumerable<LabeledRow>(data, reuseRowObject: false).Take(64).ToArray();
        var prediction = new KeyPrediction();
        for (int i = 0; i < 200; i++)
        {
            engine.Predict(rows[i % rows.Length], ref prediction);
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < Predictions; i++)
        {
            engine.Predict(rows[i % rows.Length], ref prediction);
        }

        long perPrediction = (GC.GetAllocatedBytesForCurrentThread() - before) / Predictions;

        // Before the reusable predictor every row allocated a propagation (about 63 KB here); now nothing.
        Assert.True(perPrediction == 0, $"{perPrediction} bytes per PredictionEngine.Predict in steady state");
        Assert.Equal(10, prediction.Score.Length);
        Assert.InRange(prediction.PredictedLabel, 1u, 10u);
    }

    [Fact]
    public void Transform_CursorOverManyRows_AllocatesABoundedAmountPerRow()
    {
        var ml = new MLContext(seed: 1);
        var data = TestData.Digits(ml);
        var model = ml.Transforms.Conversion.MapValueToKey("Label")
            .Append(ml.MulticlassClassification.Trainers.SparseMlp(hiddenLayerSizes: [200, 200], epsilon: 10, epochs: 1, seed: 2))
            .Fit(data);
        var scored = model.Transform(ml.Data.Cache(data));
        Consume(scored);

        long before = GC.GetAllocatedBytesForCurrentThread();
        long rows = Consume(scored);
        long perRow = (GC.GetAllocatedBytesForCurrentThread() - before) / rows;

        // A cursor allocates its batch buffers (256 rows, about 0.9 MB here) once; with ML.NET's cache cursor and the layers'
        // parallel kernels (a few delegates per batch) that is about 0.6 KB per row of a pass, against 3.7 KB with a propagation per batch.
        Assert.True(perRow < 1024, $"{perRow} bytes per scored row through Transform + cursor");
    }

    private static long Consume(IDataView scored)
    {
        var column = scored.Schema["Score"];
        using var cursor = scored.GetRowCursor([column]);
        var getter = cursor.GetGetter<VBuffer<float>>(column);
        VBuffer<float> value = default;
        long rows = 0;
        while (cursor.MoveNext())
        {
            getter(ref value);
            rows++;
        }

        Assert.Equal(10, value.Length);
        return rows;
    }

    /// <summary>The key-valued prediction (no MapKeyToValue): Score and PredictedLabel.</summary>
    public sealed class KeyPrediction
    {
        [ColumnName("PredictedLabel")]
        public uint PredictedLabel { get; set; }

        public float[] Score { get; set; } = [];
    }
}
