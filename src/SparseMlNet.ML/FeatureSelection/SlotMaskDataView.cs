using Microsoft.ML;
using Microsoft.ML.Data;

namespace SparseMlNet.ML.FeatureSelection;

/// <summary>
/// A one-row view with one column, a copy of a float vector column's type and slot names, holding 1 in the kept slots and 0 elsewhere.
/// Fitting ML.NET's count-based slot selector (threshold 1) on it yields ML.NET's own slot-dropping transformer for exactly those slots.
/// </summary>
internal sealed class SlotMaskDataView : IDataView
{
    private readonly float[] _mask;

    public SlotMaskDataView(DataViewSchema.Column source, ReadOnlySpan<int> keptSlots)
    {
        var type = (VectorDataViewType)source.Type;
        _mask = new float[type.Size];
        foreach (int slot in keptSlots)
        {
            _mask[slot] = 1f;
        }

        var annotations = new DataViewSchema.Annotations.Builder();
        annotations.Add(source.Annotations, name => name == "SlotNames");
        var builder = new DataViewSchema.Builder();
        builder.AddColumn(source.Name, type, annotations.ToAnnotations());
        Schema = builder.ToSchema();
    }

    public bool CanShuffle => false;

    public DataViewSchema Schema { get; }

    public long? GetRowCount() => 1;

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null) => new Cursor(this);

    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) => [new Cursor(this)];

    private sealed class Cursor(SlotMaskDataView view) : DataViewRowCursor
    {
        private long _position = -1;

        public override DataViewSchema Schema => view.Schema;

        public override long Position => _position;

        public override long Batch => 0;

        public override ValueGetter<DataViewRowId> GetIdGetter() => (ref DataViewRowId id) => id = new DataViewRowId((ulong)_position, 0);

        public override bool IsColumnActive(DataViewSchema.Column column) => column.Index == 0;

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
        {
            ValueGetter<VBuffer<float>> getter = (ref VBuffer<float> dst) => new VBuffer<float>(view._mask.Length, view._mask).CopyTo(ref dst);
            return getter as ValueGetter<TValue>
                ?? throw new InvalidOperationException($"Invalid TValue in GetGetter: '{typeof(TValue)}', expected type: '{typeof(VBuffer<float>)}'.");
        }

        public override bool MoveNext() => ++_position < 1;
    }
}
