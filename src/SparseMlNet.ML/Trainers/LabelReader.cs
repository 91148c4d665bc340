using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace SparseMlNet.ML.Trainers;

/// <summary>
/// Reads a label column as class indices: a key k ≥ 1 is class k - 1 and key 0 (missing) is skipped; a number must be a
/// non-negative integer, which is its class index (ML.NET's convention for numeric multiclass labels), and NaN is skipped; a Boolean
/// (the binary trainer's label) is class 1 when true and 0 when false.
/// </summary>
internal static class LabelReader
{
    /// <summary>Value returned for a missing label (the row is skipped).</summary>
    public const int Missing = -1;

    /// <summary>A function that reads the current row's class index, or <see cref="Missing"/>.</summary>
    /// <exception cref="ArgumentException">(When called) a numeric label that is negative, fractional or too large; the message names the column and row.</exception>
    public static Func<int> Create(DataViewRowCursor cursor, DataViewSchema.Column label)
    {
        return label.Type switch
        {
            BooleanDataViewType => Boolean(cursor, label),
            KeyDataViewType { RawType: var t } when t == typeof(byte) => Key<byte>(cursor, label, v => v),
            KeyDataViewType { RawType: var t } when t == typeof(ushort) => Key<ushort>(cursor, label, v => v),
            KeyDataViewType { RawType: var t } when t == typeof(uint) => Key<uint>(cursor, label, v => v),
            KeyDataViewType { RawType: var t } when t == typeof(ulong) => Key<ulong>(cursor, label, v => v),
            NumberDataViewType { RawType: var t } when t == typeof(float) => Number<float>(cursor, label, v => v),
            NumberDataViewType { RawType: var t } when t == typeof(double) => Number<double>(cursor, label, v => v),
            NumberDataViewType { RawType: var t } when t == typeof(sbyte) => Number<sbyte>(cursor, label, v => v),
            NumberDataViewType { RawType: var t } when t == typeof(byte) => Number<byte>(cursor, label, v => v),
            NumberDataViewType { RawType: var t } when t == typeof(short) => Number<short>(cursor, label, v => v),
            NumberDataViewType { RawType: var t } when t == typeof(ushort) => Number<ushort>(cursor, label, v => v),
            NumberDataViewType { RawType: var t } when t == typeof(int) => Number<int>(cursor, label, v => v),
            NumberDataViewType { RawType: var t } when t == typeof(uint) => Number<uint>(cursor, label, v => v),
            NumberDataViewType { RawType: var t } when t == typeof(long) => Number<long>(cursor, label, v => v),
            NumberDataViewType { RawType: var t } when t == typeof(ulong) => Number<ulong>(cursor, label, v => v),
            _ => throw Schema.SchemaErrors.Mismatch("label", label.Name, "Key or a numeric scalar (map other labels with MapValueToKey)", label.Type.ToString()),
        };
    }

    private static Func<int> Boolean(DataViewRowCursor cursor, DataViewSchema.Column label)
    {
        var getter = cursor.GetGetter<bool>(label);
        bool value = false;
        return () =>
        {
            getter(ref value);
            return value ? 1 : 0;
        };
    }

    private static Func<int> Key<T>(DataViewRowCursor cursor, DataViewSchema.Column label, Func<T, ulong> toUInt64)
    {
        var getter = cursor.GetGetter<T>(label);
        T value = default!;
        return () =>
        {
            getter(ref value);
            ulong key = toUInt64(value);
            return key == 0 ? Missing : checked((int)(key - 1));
        };
    }

    private static Func<int> Number<T>(DataViewRowCursor cursor, DataViewSchema.Column label, Func<T, double> toDouble)
    {
        var getter = cursor.GetGetter<T>(label);
        T value = default!;
        return () =>
        {
            getter(ref value);
            double x = toDouble(value);
            if (double.IsNaN(x))
            {
                return Missing;
            }

            if (x < 0 || x != Math.Floor(x) || x >= int.MaxValue)
            {
                throw new ArgumentException(
                    string.Create(CultureInfo.InvariantCulture, $"Label column '{label.Name}' has the value {x} at row {cursor.Position}; a numeric label must be a class index 0, 1, 2, … Map other label values to keys with mlContext.Transforms.Conversion.MapValueToKey."),
                    "input");
            }

            return (int)x;
        };
    }
}
