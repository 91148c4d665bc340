namespace SparseMlNet.ML.Persistence;

/// <summary>The table of contents of a SparseMlNet ML.NET model file (JSON entry "manifest.json").</summary>
internal sealed class PipelineManifest
{
    public const string EntryName = "manifest.json";
    public const string FormatName = "SparseMlNet.ML pipeline";
    public const int CurrentVersion = 2;

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

    /// <summary>ML.NET part (version 2): the QuickSelection transformers among its transformers, whose ML.NET slot selectors the part stores.</summary>
    public List<QuickSelectionEntry>? QuickSelections { get; set; }

    /// <summary>Scope of each transformer of the part (<see cref="Microsoft.ML.Data.TransformerScope"/> flags), in order.</summary>
    public List<int> Scopes { get; set; } = [];
}

/// <summary>A QuickSelection transformer inside an ML.NET part: its position in the part and the entry with its scores and names.</summary>
internal sealed class QuickSelectionEntry
{
    /// <summary>Index of the transformer among the part's transformers.</summary>
    public int Index { get; set; }

    /// <summary>The JSON entry written by <see cref="QuickSelectionPartFormat"/>.</summary>
    public string Entry { get; set; } = "";
}
