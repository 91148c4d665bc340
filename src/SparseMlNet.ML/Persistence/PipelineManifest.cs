namespace SparseMlNet.ML.Persistence;

/// <summary>The table of contents of a SparseMlNet ML.NET model file (JSON entry "manifest.json").</summary>
internal sealed class PipelineManifest
{
    public const string EntryName = "manifest.json";
    public const string FormatName = "SparseMlNet.ML pipeline";
    public const int CurrentVersion = 1;

    public string Format { get; set; } = FormatName;

    public int Version { get; set; } = CurrentVersion;

    public List<PipelinePart> Parts { get; set; } = [];
}

/// <summary>One run of the flattened pipeline: either ML.NET transformers saved with mlContext.Model.Save, or one SparseMlp scorer.</summary>
internal sealed class PipelinePart
{
    public const string MLNetKind = "mlnet";
    public const string SparseMlpKind = "sparsemlp";

    /// <summary><see cref="MLNetKind"/> or <see cref="SparseMlpKind"/>.</summary>
    public string Kind { get; set; } = MLNetKind;

    /// <summary>ML.NET part: its model zip entry. SparseMlp part: its metadata entry.</summary>
    public string Entry { get; set; } = "";

    /// <summary>SparseMlp part: the network entry (a standalone .spmlnet model file).</summary>
    public string? NetworkEntry { get; set; }

    /// <summary>Scope of each transformer of the part (<see cref="Microsoft.ML.Data.TransformerScope"/> flags), in order.</summary>
    public List<int> Scopes { get; set; } = [];
}
