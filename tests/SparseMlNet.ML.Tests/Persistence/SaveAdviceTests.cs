using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Microsoft.ML;
using Microsoft.ML.Data;
using SparseMlNet.ML.Persistence;
using SparseMlNet.ML.Tests.Support;
using SparseMlNet.ML.Trainers;

namespace SparseMlNet.ML.Tests.Persistence;

/// <summary>What ML.NET's own Save and Load say about SparseMlNet models: advice that compiles.</summary>
public sealed partial class SaveAdviceTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("sparsemlnet-advice-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void MLNetModelSave_NamesTheNamespaceThatHoldsSaveAndLoadSparseMlNet()
    {
        var ml = new MLContext(seed: 1);
        var data = TestData.Digits(ml);
        var model = ml.Transforms.Conversion.MapValueToKey("Label").Append(ml.MulticlassClassification.Trainers.SparseMlp(hiddenLayerSizes: [8], epochs: 1)).Fit(data);
        using var stream = new MemoryStream();

        var error = Assert.Throws<NotSupportedException>(() => ml.Model.Save(model, data.Schema, stream));

        AssertAdviceCompiles(error.Message);
    }

    [Fact]
    public void MLNetModelLoad_OnASparseMlNetFile_SaysToUseLoadSparseMlNet()
    {
        var ml = new MLContext(seed: 1);
        var data = TestData.Digits(ml);
        var model = ml.Transforms.Conversion.MapValueToKey("Label").Append(ml.MulticlassClassification.Trainers.SparseMlp(hiddenLayerSizes: [8], epochs: 1)).Fit(data);
        string path = Path.Combine(_directory, "model.zip");
        ml.Model.SaveSparseMlNet(model, data.Schema, path);

        var error = Assert.ThrowsAny<Exception>(() => new MLContext().Model.Load(path, out _));

        Assert.DoesNotContain("legacy", error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("is not an ML.NET model zip", error.Message, StringComparison.Ordinal);
        AssertAdviceCompiles(error.Message);
        Assert.True(SparseMlNetModelOperations.IsSparseMlNetModel(path));
        Assert.IsType<TransformerChain<ITransformer>>(ml.Model.LoadSparseMlNet(path, out _));
    }

    [Fact]
    public void IsSparseMlNetModel_TellsOurFilesFromMLNetZipsAndOtherFiles()
    {
        var ml = new MLContext(seed: 1);
        var data = TestData.Digits(ml);
        var normalizer = ml.Transforms.NormalizeMinMax("Features").Fit(data);
        string ours = Path.Combine(_directory, "ours.zip");
        string theirs = Path.Combine(_directory, "theirs.zip");
        string text = Path.Combine(_directory, "text.zip");
        ml.Model.SaveSparseMlNet(normalizer, data.Schema, ours);
        ml.Model.Save(normalizer, data.Schema, theirs);
        File.WriteAllText(text, "not a zip");

        Assert.True(SparseMlNetModelOperations.IsSparseMlNetModel(ours));
        Assert.False(SparseMlNetModelOperations.IsSparseMlNetModel(theirs));
        Assert.False(SparseMlNetModelOperations.IsSparseMlNetModel(text));
        using var stream = File.OpenRead(ours);
        Assert.True(SparseMlNetModelOperations.IsSparseMlNetModel(stream));
        Assert.Equal(0, stream.Position);
    }

    /// <summary>The message names a namespace (in a using directive) whose public types define every mlContext.Model method it names.</summary>
    private static void AssertAdviceCompiles(string message)
    {
        var directive = UsingDirective().Match(message);
        Assert.True(directive.Success, $"no using directive in: {message}");
        string ns = directive.Groups[1].Value;
        var extensions = typeof(SparseMlpTrainer).Assembly.GetExportedTypes()
            .Where(t => t.Namespace == ns)
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Static))
            .Where(m => m.IsDefined(typeof(ExtensionAttribute)) && m.GetParameters()[0].ParameterType == typeof(ModelOperationsCatalog))
            .Select(m => m.Name)
            .ToHashSet();
        var named = ModelMethod().Matches(message).Select(m => m.Groups[1].Value).Where(name => name.Contains("SparseMlNet", StringComparison.Ordinal)).ToList();

        Assert.Contains("SaveSparseMlNet", extensions);
        Assert.Contains("LoadSparseMlNet", extensions);
        Assert.NotEmpty(named);
        Assert.All(named, name => Assert.Contains(name, extensions));
    }

    [GeneratedRegex(@"using ([A-Za-z_][\w.]*);")]
    private static partial Regex UsingDirective();

    [GeneratedRegex(@"mlContext\.Model\.(\w+)\(")]
    private static partial Regex ModelMethod();
}
