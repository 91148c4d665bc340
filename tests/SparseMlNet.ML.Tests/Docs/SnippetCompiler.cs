using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace SparseMlNet.ML.Tests.Docs;

/// <summary>
/// Compiles a <see cref="DocSnippet"/> as a user's program would see it: the SDK's implicit usings of a console app, the snippet's
/// own usings, and its statements in an async method whose parameters are the snippet's declared context; references are the
/// assemblies this test runs with (the framework, Microsoft.ML, SparseMlNet and SparseMlNet.ML).
/// </summary>
internal static class SnippetCompiler
{
    private static readonly string[] ImplicitUsings =
        ["System", "System.Collections.Generic", "System.IO", "System.Linq", "System.Net.Http", "System.Threading", "System.Threading.Tasks"];

    private static readonly Lazy<MetadataReference[]> References = new(LoadReferences);

    /// <summary>The compiler's errors, each with its line in the markdown document; empty when the snippet compiles.</summary>
    public static IReadOnlyList<string> Errors(DocSnippet snippet)
    {
        string prefix = string.Concat(ImplicitUsings.Select(u => $"global using {u};\n")) + string.Join('\n', snippet.Usings) + "\n" +
            $"internal static class Snippet\n{{\n    internal static async Task RunAsync({snippet.Context})\n    {{\n        await Task.CompletedTask;\n";
        int bodyOffset = prefix.Count(c => c == '\n');
        string source = prefix + snippet.Body + "\n    }\n}\n";
        var tree = CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest));
        var compilation = CSharpCompilation.Create(
            "DocSnippet",
            [tree],
            References.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        int usingLines = snippet.Usings.Count;
        return compilation.GetDiagnostics()
            .Where(d => d.Severity == DiagnosticSeverity.Error)
            .Select(d =>
            {
                int line = d.Location.GetLineSpan().StartLinePosition.Line;
                int docLine = line >= bodyOffset ? snippet.Line + usingLines + (line - bodyOffset) : snippet.Line;
                return string.Create(CultureInfo.InvariantCulture, $"{Path.GetFileName(snippet.Document)}:{docLine}: {d.Id} {d.GetMessage(CultureInfo.InvariantCulture)}");
            })
            .ToList();
    }

    private static MetadataReference[] LoadReferences()
    {
        var paths = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Concat(AppDomain.CurrentDomain.GetAssemblies().Where(a => !a.IsDynamic && a.Location.Length > 0).Select(a => a.Location))
            .Concat(Directory.EnumerateFiles(AppContext.BaseDirectory, "*.dll"));
        return paths
            .Where(p => p.Length > 0 && File.Exists(p))
            .GroupBy(Path.GetFileName, StringComparer.OrdinalIgnoreCase)
            .Select(g => g.First())
            .Where(IsManagedAssembly)
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .ToArray();
    }

    private static bool IsManagedAssembly(string path)
    {
        try
        {
            System.Reflection.AssemblyName.GetAssemblyName(path);
            return true;
        }
        catch (BadImageFormatException)
        {
            return false;
        }
    }
}
