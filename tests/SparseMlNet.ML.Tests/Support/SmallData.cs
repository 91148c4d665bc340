using Microsoft.ML;
using Microsoft.ML.Data;

namespace SparseMlNet.ML.Tests.Support;

/// <summary>Small hand-made views for schema tests (types matter here, not learning).</summary>
internal static class SmallData
{
    /// <summary>A view with one column of each given name, type and per-row value.</summary>
    public static IDataView View(int rows, params (string Name, DataViewType Type, Func<int, object> Value)[] columns) => new ArrayDataView(rows, columns);
}

/// <summary>An in-memory IDataView of boxed values; each column has a fixed type and a value function of the row index.</summary>
internal sealed class ArrayDataView : IDataView
{
    private readonly int _rows;
    private readonly (string Name, DataViewType Type, Func<int, object> Value)[] _columns;

    public ArrayDataView(int rows, (string Name, DataViewType Type, Func<int, object> Value)[] columns)
    {
        _rows = rows;
        _columns = columns;
        var builder = new DataViewSchema.Builder();
        foreach (var (name, type, _) in columns)
        {
            builder.AddColumn(name, type);
        }

        Schema = builder.ToSchema();
    }

    public bool CanShuffle => false;

    public DataViewSchema Schema { get; }

    public long? GetRowCount() => _rows;

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null) => new Cursor(this);

    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) => [new Cursor(this)];

    private sealed class Cursor(ArrayDataView view) : DataViewRowCursor
    {
        private long _position = -1;

        public override DataViewSchema Schema => view.Schema;

        public override long Position => _position;

        public override long Batch => 0;

        public override ValueGetter<DataViewRowId> GetIdGetter() => (ref DataViewRowId id) => id = new DataViewRowId((ulong)_position, 0);

        public override bool IsColumnActive(DataViewSchema.Column column) => true;

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
        {
            var f = view._columns[column.Index].Value;
            return (ref TValue value) => value = (TValue)f((int)_position);
        }

        public override bool MoveNext() => ++_position < view._rows;
    }
}
