using Microsoft.ML;
using Microsoft.ML.Data;

namespace SparseMlNet.ML.Schema;

/// <summary>
/// Schema validation in ML.NET's style: <see cref="ArgumentOutOfRangeException"/> for the schema argument with the messages
/// "Could not find {role} column '{name}'" and "Schema mismatch for {role} column '{name}': expected {expected}, got {actual}".
/// </summary>
internal static class SchemaErrors
{
    public const string InputSchema = "inputSchema";

    public static ArgumentOutOfRangeException Missing(string role, string column) =>
        new(InputSchema, $"Could not find {role} column '{column}'");

    public static ArgumentOutOfRangeException Mismatch(string role, string column, string? expected, string? actual) =>
        new(InputSchema, $"Schema mismatch for {role} column '{column}': expected {expected}, got {actual}");

    /// <summary>The column named <paramref name="name"/> (the last one, as ML.NET resolves hidden columns) or the "could not find" error.</summary>
    public static DataViewSchema.Column Find(DataViewSchema schema, string role, string name) =>
        schema.GetColumnOrNull(name) ?? throw Missing(role, name);

    /// <summary>The shape column named <paramref name="name"/>, or the "could not find" error.</summary>
    public static SchemaShape.Column Find(SchemaShape schema, string role, string name)
    {
        SchemaShape.Column? found = null;
        foreach (var column in schema)
        {
            if (column.Name == name)
            {
                found = column;
            }
        }

        return found ?? throw Missing(role, name);
    }

    /// <summary>Checks that a column is a vector of <see cref="float"/> of known size and returns that size.</summary>
    public static int RequireKnownSizeFloatVector(DataViewSchema.Column column, string role)
    {
        if (column.Type is not VectorDataViewType vector || vector.ItemType != NumberDataViewType.Single || !vector.IsKnownSize)
        {
            throw Mismatch(role, column.Name, "known-size vector of Single", column.Type.ToString());
        }

        return vector.Size;
    }

    /// <summary>Checks that a shape column is a vector of <see cref="float"/> of known size (the size itself is known only from a schema).</summary>
    public static void RequireKnownSizeFloatVector(SchemaShape.Column column, string role)
    {
        if (column.Kind != SchemaShape.Column.VectorKind.Vector || column.IsKey || column.ItemType != NumberDataViewType.Single)
        {
            throw Mismatch(role, column.Name, "known-size vector of Single", Describe(column));
        }
    }

    /// <summary>Checks that a label column is a scalar key type of known count or a scalar number.</summary>
    public static void RequireLabel(DataViewSchema.Column column)
    {
        bool ok = column.Type switch
        {
            KeyDataViewType key => key.Count > 0,
            NumberDataViewType => true,
            _ => false,
        };
        if (!ok)
        {
            throw Mismatch("label", column.Name, "Key or a numeric scalar (map other labels with MapValueToKey)", column.Type.ToString());
        }
    }

    /// <summary>Shape version of <see cref="RequireLabel(DataViewSchema.Column)"/>.</summary>
    public static void RequireLabel(SchemaShape.Column column)
    {
        if (column.Kind != SchemaShape.Column.VectorKind.Scalar || (!column.IsKey && column.ItemType is not NumberDataViewType))
        {
            throw Mismatch("label", column.Name, "Key or a numeric scalar (map other labels with MapValueToKey)", Describe(column));
        }
    }

    /// <summary>A shape column's type as ML.NET prints it: Single, Vector&lt;Single&gt;, VarVector&lt;Single&gt;, Key&lt;UInt32&gt;.</summary>
    public static string Describe(SchemaShape.Column column)
    {
        string item = column.IsKey ? $"Key<{column.ItemType}>" : $"{column.ItemType}";
        return column.Kind switch
        {
            SchemaShape.Column.VectorKind.Vector => $"Vector<{item}>",
            SchemaShape.Column.VectorKind.VariableVector => $"VarVector<{item}>",
            _ => item,
        };
    }
}
