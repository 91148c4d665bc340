using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace SparseMlNet.ML.Schema;

/// <summary>
/// The values of a classifier's classes, one per class in key order: the training label's KeyValues annotation for a key label,
/// or the class indices 0..K-1 in the label's own type for a numeric label. They become the KeyValues of PredictedLabel and the
/// TrainingLabelValues (and, for text, the SlotNames) of Score, so <c>MapKeyToValue</c> and the evaluators see the training label's values.
/// </summary>
internal abstract class LabelValues
{
    /// <summary>The item type of the values (Text, Single, Int32, …).</summary>
    public abstract PrimitiveDataViewType ItemType { get; }

    /// <summary>Number of classes.</summary>
    public abstract int Count { get; }

    /// <summary>Adds the values as an annotation <paramref name="kind"/> of type Vector&lt;ItemType, Count&gt;.</summary>
    public abstract void AddTo(DataViewSchema.Annotations.Builder builder, string kind);

    /// <summary>Adds the values, as text, as a SlotNames annotation when they are text; does nothing otherwise.</summary>
    public abstract void AddSlotNamesTo(DataViewSchema.Annotations.Builder builder);

    /// <summary>The values formatted as text (invariant culture), for display and for class names.</summary>
    public abstract IReadOnlyList<string> AsText();

    /// <summary>Writes the item kind and the values.</summary>
    public abstract void Write(BinaryWriter writer);

    /// <summary>
    /// The label values of <paramref name="label"/>: its KeyValues annotation when it is a key with one (count must equal
    /// <paramref name="classCount"/>), the indices 0..classCount-1 in its type when it is numeric, otherwise null.
    /// </summary>
    public static LabelValues? FromLabelColumn(DataViewSchema.Column label, int classCount)
    {
        if (label.Type is KeyDataViewType)
        {
            var annotation = label.Annotations.Schema.GetColumnOrNull(AnnotationNames.KeyValues);
            // Key values that are themselves keys (MapValueToKey applied to a key column) have no value to carry: scored as bare keys.
            if (annotation?.Type is not VectorDataViewType { IsKnownSize: true } vector || vector.Size != classCount || vector.ItemType is KeyDataViewType)
            {
                return null;
            }

            return Kind.Of(vector.ItemType).ReadAnnotation(label.Annotations, classCount);
        }

        if (label.Type is NumberDataViewType number)
        {
            return Kind.Of(number).Indices(classCount);
        }

        return null;
    }

    /// <summary>Placeholder values (defaults) of an item type, for shape inference where only types matter.</summary>
    public static LabelValues Placeholder(PrimitiveDataViewType itemType, int count) => Kind.Of(itemType).Defaults(count);

    /// <summary>Reads what <see cref="Write"/> wrote.</summary>
    /// <exception cref="InvalidDataException">An unknown item kind or a count out of range.</exception>
    public static LabelValues Read(BinaryReader reader)
    {
        byte code = reader.ReadByte();
        int count = reader.ReadInt32();
        if (count < 0 || count > 1 << 24)
        {
            throw new InvalidDataException($"The model file's label value count {count} is out of range.");
        }

        return Kind.FromCode(code).ReadValues(reader, count);
    }

    /// <summary>One supported item type: how to make, read and write its values.</summary>
    private abstract class Kind
    {
        private static readonly Kind[] All =
        [
            new Kind<ReadOnlyMemory<char>>(1, TextDataViewType.Instance, i => i.ToString(CultureInfo.InvariantCulture).AsMemory(), (w, v) => w.Write(v.ToString()), r => r.ReadString().AsMemory(), v => v.ToString()),
            new Kind<float>(2, NumberDataViewType.Single, i => i, (w, v) => w.Write(v), r => r.ReadSingle(), v => v.ToString("R", CultureInfo.InvariantCulture)),
            new Kind<double>(3, NumberDataViewType.Double, i => i, (w, v) => w.Write(v), r => r.ReadDouble(), v => v.ToString("R", CultureInfo.InvariantCulture)),
            new Kind<sbyte>(4, NumberDataViewType.SByte, i => (sbyte)i, (w, v) => w.Write(v), r => r.ReadSByte(), v => v.ToString(CultureInfo.InvariantCulture)),
            new Kind<byte>(5, NumberDataViewType.Byte, i => (byte)i, (w, v) => w.Write(v), r => r.ReadByte(), v => v.ToString(CultureInfo.InvariantCulture)),
            new Kind<short>(6, NumberDataViewType.Int16, i => (short)i, (w, v) => w.Write(v), r => r.ReadInt16(), v => v.ToString(CultureInfo.InvariantCulture)),
            new Kind<ushort>(7, NumberDataViewType.UInt16, i => (ushort)i, (w, v) => w.Write(v), r => r.ReadUInt16(), v => v.ToString(CultureInfo.InvariantCulture)),
            new Kind<int>(8, NumberDataViewType.Int32, i => i, (w, v) => w.Write(v), r => r.ReadInt32(), v => v.ToString(CultureInfo.InvariantCulture)),
            new Kind<uint>(9, NumberDataViewType.UInt32, i => (uint)i, (w, v) => w.Write(v), r => r.ReadUInt32(), v => v.ToString(CultureInfo.InvariantCulture)),
            new Kind<long>(10, NumberDataViewType.Int64, i => i, (w, v) => w.Write(v), r => r.ReadInt64(), v => v.ToString(CultureInfo.InvariantCulture)),
            new Kind<ulong>(11, NumberDataViewType.UInt64, i => (ulong)i, (w, v) => w.Write(v), r => r.ReadUInt64(), v => v.ToString(CultureInfo.InvariantCulture)),
            new Kind<bool>(12, BooleanDataViewType.Instance, i => i != 0, (w, v) => w.Write(v), r => r.ReadBoolean(), v => v ? "True" : "False"),
        ];

        public abstract byte Code { get; }

        public abstract PrimitiveDataViewType ItemType { get; }

        public static Kind Of(PrimitiveDataViewType itemType) =>
            All.FirstOrDefault(k => k.ItemType.Equals(itemType))
            ?? throw new NotSupportedException($"Label values of type {itemType} are not supported; use text or numeric label values (MapValueToKey on a text or numeric column).");

        public static Kind FromCode(byte code) =>
            All.FirstOrDefault(k => k.Code == code) ?? throw new InvalidDataException($"The model file has an unknown label value kind {code}.");

        public abstract LabelValues ReadAnnotation(DataViewSchema.Annotations annotations, int count);

        public abstract LabelValues Indices(int count);

        public abstract LabelValues Defaults(int count);

        public abstract LabelValues ReadValues(BinaryReader reader, int count);
    }

    private sealed class Kind<T>(
        byte code,
        PrimitiveDataViewType itemType,
        Func<int, T> fromIndex,
        Action<BinaryWriter, T> write,
        Func<BinaryReader, T> read,
        Func<T, string> format) : Kind
    {
        public override byte Code => code;

        public override PrimitiveDataViewType ItemType => itemType;

        public override LabelValues ReadAnnotation(DataViewSchema.Annotations annotations, int count)
        {
            VBuffer<T> buffer = default;
            annotations.GetValue(AnnotationNames.KeyValues, ref buffer);
            var values = new T[count];
            buffer.CopyTo(values);
            return new Values<T>(this, values);
        }

        public override LabelValues Indices(int count)
        {
            var values = new T[count];
            for (int i = 0; i < count; i++)
            {
                values[i] = fromIndex(i);
            }

            return new Values<T>(this, values);
        }

        public override LabelValues Defaults(int count) => new Values<T>(this, new T[count]);

        public override LabelValues ReadValues(BinaryReader reader, int count)
        {
            var values = new T[count];
            for (int i = 0; i < count; i++)
            {
                values[i] = read(reader);
            }

            return new Values<T>(this, values);
        }

        public void Write(BinaryWriter writer, T value) => write(writer, value);

        public string Format(T value) => format(value);
    }

    private sealed class Values<T>(Kind<T> kind, T[] values) : LabelValues
    {
        public override PrimitiveDataViewType ItemType => kind.ItemType;

        public override int Count => values.Length;

        public override void AddTo(DataViewSchema.Annotations.Builder builder, string kind1)
        {
            ValueGetter<VBuffer<T>> getter = (ref VBuffer<T> dst) => new VBuffer<T>(values.Length, (T[])values.Clone()).CopyTo(ref dst);
            builder.Add(kind1, new VectorDataViewType(kind.ItemType, values.Length), getter);
        }

        public override void AddSlotNamesTo(DataViewSchema.Annotations.Builder builder)
        {
            if (kind.ItemType is TextDataViewType)
            {
                AddTo(builder, AnnotationNames.SlotNames);
            }
        }

        public override IReadOnlyList<string> AsText() => Array.ConvertAll(values, kind.Format);

        public override void Write(BinaryWriter writer)
        {
            writer.Write(kind.Code);
            writer.Write(values.Length);
            foreach (var value in values)
            {
                kind.Write(writer, value);
            }
        }
    }
}
