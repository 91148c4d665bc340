using Microsoft.ML;
using Microsoft.ML.Data;

namespace SparseMlNet.ML.FeatureSelection;

/// <summary>Reads a known-size float vector column into a row-major matrix [rows, d], skipping rows with a NaN or infinite value.</summary>
internal static class FeatureMatrix
{
    public static (float[] Values, int Rows, long Skipped) Read(IDataView data, DataViewSchema.Column column, int d, CancellationToken cancellationToken)
    {
        var values = new List<float>();
        var row = new float[d];
        long skipped = 0;
        int rows = 0;
        using var cursor = data.GetRowCursor([column]);
        var getter = cursor.GetGetter<VBuffer<float>>(column);
        VBuffer<float> buffer = default;
        while (cursor.MoveNext())
        {
            if ((cursor.Position & 255) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            getter(ref buffer);
            buffer.CopyTo(row);
            bool finite = true;
            foreach (float v in row)
            {
                finite &= float.IsFinite(v);
            }

            if (!finite)
            {
                skipped++;
                continue;
            }

            values.AddRange(row);
            rows++;
        }

        return (values.ToArray(), rows, skipped);
    }
}
