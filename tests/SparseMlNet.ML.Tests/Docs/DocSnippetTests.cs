using SparseMlNet.ML.Trainers;

namespace SparseMlNet.ML.Tests.Docs;

/// <summary>docs/mlnet.md as a user reads it: its C# snippets compile, and their usings reach every type the ML.NET layer shows.</summary>
public sealed class DocSnippetTests
{
    private static readonly string Document = Path.Combine(AppContext.BaseDirectory, "Docs", "mlnet.md");

    [Fact]
    public void EveryCSharpSnippet_Compiles()
    {
        var snippets = DocSnippet.Read(Document);
        var compiled = snippets.Where(s => s.NotCompiledReason is null).ToList();

        var errors = compiled.SelectMany(SnippetCompiler.Errors).ToList();

        Assert.True(compiled.Count >= 5, $"only {compiled.Count} compiled snippets in {Document}");
        Assert.True(errors.Count == 0, string.Join('\n', errors));
    }

    [Fact]
    public void SnippetsNotCompiled_SayWhy()
    {
        var skipped = DocSnippet.Read(Document).Where(s => s.NotCompiledReason is not null).ToList();

        Assert.All(skipped, s => Assert.True(s.NotCompiledReason!.Length > 10, $"line {s.Line}: give the reason a snippet is not compiled"));
        Assert.All(skipped, s => Assert.Contains("Microsoft.ML.AutoML", s.Code, StringComparison.Ordinal));
    }

    [Fact]
    public void SnippetUsings_ReachEveryTypeTheLayerExposes()
    {
        var imported = DocSnippet.Read(Document).SelectMany(s => s.ImportedNamespaces).ToHashSet();

        var unreachable = PublicSurface.Types(typeof(SparseMlpTrainer).Assembly)
            .Where(t => !imported.Contains(t.Type.Namespace!))
            .Select(t => $"{t.Type.FullName} (via {t.Via})")
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.True(unreachable.Count == 0, "No snippet of docs/mlnet.md imports the namespace of:\n" + string.Join('\n', unreachable));
    }

    [Fact]
    public void SnippetCompiler_ReportsAMissingUsingAtItsDocumentLine()
    {
        string path = Path.Combine(Path.GetTempPath(), $"sparsemlnet-snippet-{Guid.NewGuid():N}.md");
        File.WriteAllText(path, "# t\n\n<!-- snippet: MLContext mlContext -->\n```csharp\nusing Microsoft.ML;\n\nvar options = new SparseMlpOptions();\n```\n");
        try
        {
            var snippet = Assert.Single(DocSnippet.Read(path));

            var error = Assert.Single(SnippetCompiler.Errors(snippet));

            Assert.Contains(":7: CS0246", error, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
