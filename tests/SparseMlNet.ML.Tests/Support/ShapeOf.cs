using System.Reflection;
using Microsoft.ML;

namespace SparseMlNet.ML.Tests.Support;

/// <summary>The <see cref="SchemaShape"/> of a schema, as ML.NET's pipelines compute it (ML.NET keeps <c>SchemaShape.Create</c> internal).</summary>
internal static class ShapeOf
{
    private static readonly MethodInfo Create = typeof(SchemaShape).GetMethod("Create", BindingFlags.NonPublic | BindingFlags.Public | BindingFlags.Static, [typeof(DataViewSchema)])
        ?? throw new InvalidOperationException("ML.NET no longer has SchemaShape.Create(DataViewSchema).");

    public static SchemaShape Schema(DataViewSchema schema) => (SchemaShape)Create.Invoke(null, [schema])!;
}
