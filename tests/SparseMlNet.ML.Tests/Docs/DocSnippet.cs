using System.Text.RegularExpressions;

namespace SparseMlNet.ML.Tests.Docs;

/// <summary>
/// One ```csharp block of a markdown document. The HTML comment on the line before the fence says how to compile it:
/// <c>&lt;!-- snippet: MLContext mlContext, IDataView train --&gt;</c> declares the variables the snippet uses without defining them
/// (they become parameters of the method the snippet is compiled in; their types resolve with the snippet's own usings),
/// <c>&lt;!-- snippet --&gt;</c> says it has none, and <c>&lt;!-- snippet: not compiled, reason --&gt;</c> excludes it, with the reason.
/// </summary>
internal sealed partial record DocSnippet(string Document, int Line, string Code, string? Context, string? NotCompiledReason)
{
    private const string NotCompiled = "not compiled";

    /// <summary>The using directives at the top of the snippet.</summary>
    public IReadOnlyList<string> Usings => Code.Split('\n').Select(l => l.Trim()).Where(l => UsingDirective().IsMatch(l)).ToList();

    /// <summary>The namespaces the snippet imports.</summary>
    public IEnumerable<string> ImportedNamespaces => Usings.Select(u => UsingDirective().Match(u).Groups[1].Value);

    /// <summary>The statements after the using directives.</summary>
    public string Body => string.Join('\n', Code.Split('\n').Where(l => !UsingDirective().IsMatch(l.Trim())));

    /// <summary>Every ```csharp block of <paramref name="path"/>.</summary>
    /// <exception cref="InvalidDataException">A block has no snippet comment before it, or a block is not closed.</exception>
    public static IReadOnlyList<DocSnippet> Read(string path)
    {
        string[] lines = File.ReadAllLines(path);
        var snippets = new List<DocSnippet>();
        for (int i = 0; i < lines.Length; i++)
        {
            if (lines[i].Trim() != "```csharp")
            {
                continue;
            }

            int start = i + 1;
            int end = Array.FindIndex(lines, start, l => l.Trim() == "```");
            if (end < 0)
            {
                throw new InvalidDataException($"{path}:{i + 1}: the ```csharp block is not closed.");
            }

            var comment = i > 0 ? SnippetComment().Match(lines[i - 1].Trim()) : Match.Empty;
            if (!comment.Success)
            {
                throw new InvalidDataException(
                    $"{path}:{i + 1}: put '<!-- snippet: Type name, ... -->' (the variables it uses but does not declare), '<!-- snippet -->' " +
                    "or '<!-- snippet: not compiled, reason -->' on the line before the ```csharp fence.");
            }

            string context = comment.Groups[1].Success ? comment.Groups[1].Value.Trim() : "";
            string? reason = context.StartsWith(NotCompiled, StringComparison.Ordinal) ? context[NotCompiled.Length..].Trim(' ', ',', ':') : null;
            snippets.Add(new DocSnippet(path, start + 1, string.Join('\n', lines[start..end]), reason is null ? context : null, reason));
            i = end;
        }

        return snippets;
    }

    [GeneratedRegex(@"^using\s+([A-Za-z_][\w.]*)\s*;")]
    private static partial Regex UsingDirective();

    [GeneratedRegex(@"^<!--\s*snippet(?::\s*(.*?))?\s*-->$")]
    private static partial Regex SnippetComment();
}
