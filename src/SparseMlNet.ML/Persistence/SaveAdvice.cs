namespace SparseMlNet.ML.Persistence;

/// <summary>
/// The advice given when ML.NET's own Save or Load meets a SparseMlNet model. The namespace and method names come from the code
/// (<c>typeof</c>, <c>nameof</c>), so the advice always compiles.
/// </summary>
internal static class SaveAdvice
{
    /// <summary>The using directive that brings <see cref="SparseMlNetModelOperations"/>' extension methods into scope.</summary>
    public static string UsingDirective { get; } = $"using {typeof(SparseMlNetModelOperations).Namespace};";

    /// <summary>Thrown by <c>mlContext.Model.Save</c> on a pipeline with a SparseMlp scorer.</summary>
    public static string CannotSaveIntoMLNetZip { get; } =
        "A SparseMlp model cannot be written into an ML.NET model zip (ML.NET loads only its own components). " +
        $"Save the whole pipeline with mlContext.Model.{nameof(SparseMlNetModelOperations.SaveSparseMlNet)}(model, inputSchema, path) and load it with " +
        $"mlContext.Model.{nameof(SparseMlNetModelOperations.LoadSparseMlNet)}(path, out inputSchema), after '{UsingDirective}': " +
        "the ML.NET parts are stored with mlContext.Model.Save inside the same file.";

    /// <summary>
    /// What <c>mlContext.Model.Load</c> reports on a file written by SaveSparseMlNet. ML.NET shows it as the name of an assembly it
    /// cannot find, so it has no commas, equals signs or quotes (they would make the name invalid and hide the text).
    /// </summary>
    public static string UseLoadSparseMlNet { get; } =
        $"This file was written by SparseMlNet.ML {nameof(SparseMlNetModelOperations.SaveSparseMlNet)} and is not an ML.NET model zip: " +
        $"load it with mlContext.Model.{nameof(SparseMlNetModelOperations.LoadSparseMlNet)}(...) instead of mlContext.Model.Load (after {UsingDirective})";
}
