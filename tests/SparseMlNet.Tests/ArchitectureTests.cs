using System.Reflection;

namespace SparseMlNet.Tests;

/// <summary>The engine's dependencies point one way: it knows nothing of ML.NET or of drawing (pictures live in SparseMlNet.Plots).</summary>
public sealed class ArchitectureTests
{
    private static readonly Assembly Engine = typeof(SparseMlNet.Networks.MultilayerPerceptron).Assembly;

    [Fact]
    public void Engine_ReferencesNeitherMlNetNorAPlottingOrGraphicsLibrary()
    {
        string[] references = Engine.GetReferencedAssemblies().Select(a => a.Name!).ToArray();

        Assert.Contains("CsvHelper", references); // the check reads real references
        Assert.DoesNotContain(references, r => r.StartsWith("Microsoft.ML", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(references, r => r.StartsWith("ScottPlot", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(references, r => r.StartsWith("SkiaSharp", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(references, r => r.StartsWith("OxyPlot", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(references, r => r.StartsWith("System.Drawing", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(references, r => r.StartsWith("SparseMlNet.", StringComparison.Ordinal)); // no upward reference to Plots, ML or Cli
    }

    [Fact]
    public void Engine_HasNoTypeInADrawingNamespace()
    {
        string[] drawing = ["Chart", "Charts", "Plot", "Plots", "Plotting", "Drawing", "Svg", "Graphics", "Rendering"];

        var offenders = Engine.GetTypes()
            .Where(t => t.Namespace is not null && t.Namespace.Split('.').Any(part => drawing.Contains(part, StringComparer.OrdinalIgnoreCase)))
            .Select(t => t.FullName)
            .ToArray();

        Assert.Contains(Engine.GetTypes(), t => t.Namespace == "SparseMlNet.Analysis"); // the namespaces are there to inspect
        Assert.Empty(offenders);
    }

    /// <summary>The engine's folders from the bottom layer up (docs/architecture.md): a folder may use its own namespace and those below it, never one above.</summary>
    private static readonly string[] Layers =
        ["Sparse", "Randomness", "Data", "Kernels", "Networks", "Topology", "Training", "IO", "Analysis", "FeatureSelection", "SelectionEvaluation"];

    [Fact]
    public void EngineNamespaces_DependOneWay()
    {
        string engine = Path.Combine(RepositoryRoot(), "src", "SparseMlNet");
        var folders = Directory.GetDirectories(engine).Select(Path.GetFileName).Where(f => f is not ("bin" or "obj" or "Resources")).ToArray();
        Assert.Equal(Layers.Order(StringComparer.Ordinal), folders.Order(StringComparer.Ordinal)); // a new folder needs a place in the order
        var violations = new List<string>();
        foreach (string folder in Layers)
        {
            int rank = Array.IndexOf(Layers, folder);
            foreach (string file in Directory.GetFiles(Path.Combine(engine, folder), "*.cs", SearchOption.AllDirectories))
            {
                string text = File.ReadAllText(file);
                foreach (System.Text.RegularExpressions.Match m in System.Text.RegularExpressions.Regex.Matches(text, @"\bSparseMlNet\.([A-Za-z]+)"))
                {
                    int used = Array.IndexOf(Layers, m.Groups[1].Value);
                    if (used > rank)
                    {
                        violations.Add($"{Path.GetRelativePath(engine, file)} uses SparseMlNet.{m.Groups[1].Value}, a layer above {folder}");
                    }
                }
            }
        }

        Assert.True(violations.Count == 0, string.Join('\n', violations.Distinct()));
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "SparseMlNet.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("SparseMlNet.sln not found above the test assembly.");
    }
}
