using Microsoft.ML;

namespace SparseMlNet.ML.Persistence;

/// <summary>Placeholder until the model format lands.</summary>
public static class SparseMlNetModelOperations
{
    /// <summary>Saves.</summary>
    /// <param name="catalog">Catalog.</param>
    /// <param name="model">Model.</param>
    /// <param name="inputSchema">Schema.</param>
    /// <param name="filePath">Path.</param>
    public static void SaveSparseMlNet(this ModelOperationsCatalog catalog, ITransformer model, DataViewSchema inputSchema, string filePath) => throw new NotImplementedException();

    /// <summary>Loads.</summary>
    /// <param name="catalog">Catalog.</param>
    /// <param name="filePath">Path.</param>
    /// <param name="inputSchema">Schema.</param>
    /// <returns>Model.</returns>
    public static ITransformer LoadSparseMlNet(this ModelOperationsCatalog catalog, string filePath, out DataViewSchema inputSchema) => throw new NotImplementedException();
}
