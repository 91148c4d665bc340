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
}
