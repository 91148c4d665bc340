using System.Globalization;
using System.IO.Compression;
using Microsoft.ML;
using Microsoft.ML.Data;
using SparseMlNet.ML.FeatureSelection;
using SparseMlNet.ML.Trainers;

namespace SparseMlNet.ML.Persistence;

/// <summary>
/// Save and load of ML.NET models that contain SparseMlp scorers: <c>mlContext.Model.SaveSparseMlNet(model, inputSchema, path)</c> and
/// <c>mlContext.Model.LoadSparseMlNet(path, out inputSchema)</c>.
/// </summary>
/// <remarks>
/// <para>ML.NET's model zip can hold only ML.NET's own components, so the model is flattened into its transformers and split into runs:
/// every run of ML.NET transformers is stored with <see cref="ModelOperationsCatalog.Save(ITransformer, DataViewSchema, Stream)"/>
/// (the first run, possibly empty, also stores the input schema), every SparseMlp scorer in SparseMlNet's own format. All parts go
/// into one zip file with a JSON manifest. Loading rebuilds one flat <see cref="TransformerChain{TLastTransformer}"/> with the same
/// transformers, order and scopes, whose predictions equal the saved model's. A scorer keeps its training history, a
/// <see cref="QuickSelectionTransformer"/> its type, scores, selected indices and slot names.</para>
/// <para>ML.NET's own <see cref="ModelOperationsCatalog.Load(string, out DataViewSchema)"/> cannot read such a file; it throws a
/// <see cref="FileNotFoundException"/> whose message says to use <c>LoadSparseMlNet</c>. <see cref="IsSparseMlNetModel(string)"/> tells the two formats apart.</para>
/// <para>Models without a SparseMlp scorer can be saved this way too, but <see cref="ModelOperationsCatalog.Save(ITransformer, DataViewSchema, string)"/> is then simpler.
/// Only load files you trust: ML.NET's part is loaded by ML.NET's own model loader.</para>
/// </remarks>
public static class SparseMlNetModelOperations
{
    /// <summary>Saves <paramref name="model"/> and its input schema to a file, atomically (a temporary file is moved over <paramref name="filePath"/>).</summary>
    /// <param name="catalog"><c>mlContext.Model</c>.</param>
    /// <param name="model">The fitted pipeline (a transformer chain, possibly nested, or a single transformer).</param>
    /// <param name="inputSchema">The schema of the data the model takes, as for ML.NET's own Save; may be null.</param>
    /// <param name="filePath">Destination file; its directory must exist.</param>
    /// <exception cref="ArgumentNullException"><paramref name="catalog"/> or <paramref name="model"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="filePath"/> is empty.</exception>
    /// <exception cref="DirectoryNotFoundException">The directory of <paramref name="filePath"/> does not exist.</exception>
    /// <exception cref="NotSupportedException">An ML.NET transformer of the model cannot be saved by ML.NET (ML.NET's own message).</exception>
    public static void SaveSparseMlNet(this ModelOperationsCatalog catalog, ITransformer model, DataViewSchema? inputSchema, string filePath)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentException.ThrowIfNullOrWhiteSpace(filePath);
        string target = Path.GetFullPath(filePath);
        string directory = Path.GetDirectoryName(target)!;
        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"Cannot save the model to '{filePath}': the directory '{directory}' does not exist; create it first.");
        }

        string temp = Path.Combine(directory, $".{Path.GetFileName(target)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                catalog.SaveSparseMlNet(model, inputSchema, file);
                file.Flush(flushToDisk: true);
            }

            File.Move(temp, target, overwrite: true);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }

    /// <summary>Writes <paramref name="model"/> and its input schema to a stream (left open).</summary>
    /// <param name="catalog"><c>mlContext.Model</c>.</param>
    /// <param name="model">The fitted pipeline.</param>
    /// <param name="inputSchema">The schema of the data the model takes; may be null.</param>
    /// <param name="stream">A writable stream.</param>
    /// <exception cref="ArgumentNullException">An argument other than <paramref name="inputSchema"/> is null.</exception>
    /// <exception cref="NotSupportedException">An ML.NET transformer cannot be saved by ML.NET.</exception>
    public static void SaveSparseMlNet(this ModelOperationsCatalog catalog, ITransformer model, DataViewSchema? inputSchema, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(stream);

        var manifest = new PipelineManifest();
        var parts = ChainParts.Flatten(model);
        var schema = inputSchema;
        using var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true);
        using (var stub = new MemoryStream(MLNetLoadStub.Create(SaveAdvice.UseLoadSparseMlNet)))
        {
            WriteEntry(zip, MLNetLoadStub.EntryName, stub, CompressionLevel.NoCompression);
        }

        int i = 0;
        while (i < parts.Count || manifest.Parts.Count == 0)
        {
            var part = new PipelinePart { Entry = $"part{manifest.Parts.Count:D3}" };
            // The first part is always an ML.NET run, possibly empty: ML.NET's model zip stores the input schema.
            if (manifest.Parts.Count > 0 && i < parts.Count && parts[i].Transformer is ISparseMlpScorer scorer)
            {
                part.Kind = PipelinePart.SparseMlpKind;
                part.NetworkEntry = part.Entry + ".network.spmlnet";
                part.Entry += ".sparsemlp";
                part.Scopes.Add((int)parts[i].Scope);
                using var metadata = new MemoryStream();
                using var network = new MemoryStream();
                SparseMlpPartFormat.Write(scorer, metadata, network);
                WriteEntry(zip, part.Entry, metadata, CompressionLevel.Optimal);
                WriteEntry(zip, part.NetworkEntry, network, CompressionLevel.Optimal);
                schema = schema is null ? null : scorer.GetOutputSchema(schema);
                i++;
            }
            else
            {
                var run = new List<ITransformer>();
                while (i < parts.Count && parts[i].Transformer is not ISparseMlpScorer)
                {
                    if (parts[i].Transformer is QuickSelectionTransformer selection)
                    {
                        var entry = new QuickSelectionEntry { Index = run.Count, Entry = $"{part.Entry}.quickselection{run.Count:D3}.json" };
                        using var state = new MemoryStream(QuickSelectionPartFormat.Write(selection));
                        WriteEntry(zip, entry.Entry, state, CompressionLevel.Optimal);
                        (part.QuickSelections ??= []).Add(entry);
                    }

                    run.Add(parts[i].Transformer);
                    part.Scopes.Add((int)parts[i].Scope);
                    i++;
                }

                part.Entry += ".mlnet.zip";
                var chain = new TransformerChain<ITransformer>(run, part.Scopes.Select(s => (TransformerScope)s));
                using var saved = new MemoryStream();
                catalog.Save(chain, schema, saved);
                WriteEntry(zip, part.Entry, saved, CompressionLevel.NoCompression);
                schema = schema is null ? null : chain.GetOutputSchema(schema);
            }

            manifest.Parts.Add(part);
        }

        using var json = new MemoryStream(ModelJson.Serialize(manifest));
        WriteEntry(zip, PipelineManifest.EntryName, json, CompressionLevel.Optimal);
    }

    /// <summary>Loads a model saved by <see cref="SaveSparseMlNet(ModelOperationsCatalog, ITransformer, DataViewSchema, string)"/>.</summary>
    /// <param name="catalog"><c>mlContext.Model</c> of the context to load into (any context: the model does not depend on the one it was trained in).</param>
    /// <param name="filePath">The model file.</param>
    /// <param name="inputSchema">The input schema that was saved (null if none was).</param>
    /// <returns>A flat <c>TransformerChain&lt;ITransformer&gt;</c> with the saved transformers, in order, with their scopes.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="catalog"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="filePath"/> is empty.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is not a SparseMlNet ML.NET model, is of a newer format, or is truncated or corrupted; the message names the file.</exception>
    public static ITransformer LoadSparseMlNet(this ModelOperationsCatalog catalog, string filePath, out DataViewSchema? inputSchema)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentException.ThrowIfNullOrWhiteSpace(filePath);
        using var file = new FileStream(filePath, FileMode.Open, FileAccess.Read, FileShare.Read);
        try
        {
            return catalog.LoadSparseMlNet(file, out inputSchema);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"File '{filePath}': {e.Message}", e);
        }
    }

    /// <summary>Loads a model from a stream (left open) written by <see cref="SaveSparseMlNet(ModelOperationsCatalog, ITransformer, DataViewSchema, Stream)"/>.</summary>
    /// <param name="catalog"><c>mlContext.Model</c>.</param>
    /// <param name="stream">A readable stream; a non-seekable one is copied into memory first.</param>
    /// <param name="inputSchema">The input schema that was saved (null if none was).</param>
    /// <returns>A flat <c>TransformerChain&lt;ITransformer&gt;</c>.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="InvalidDataException">Not a SparseMlNet ML.NET model, a newer format, or a truncated or corrupted stream.</exception>
    public static ITransformer LoadSparseMlNet(this ModelOperationsCatalog catalog, Stream stream, out DataViewSchema? inputSchema)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(stream);
        ZipArchive zip;
        try
        {
            zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException("This is not a SparseMlNet ML.NET model file (not a zip archive); load plain ML.NET models with mlContext.Model.Load.", e);
        }

        using (zip)
        {
            var manifest = ReadManifest(zip);
            var transformers = new List<ITransformer>();
            var scopes = new List<TransformerScope>();
            inputSchema = null;
            for (int p = 0; p < manifest.Parts.Count; p++)
            {
                var part = manifest.Parts[p];
                if (part.Kind == PipelinePart.SparseMlpKind)
                {
                    using var metadata = ReadEntry(zip, part.Entry);
                    using var network = ReadEntry(zip, part.NetworkEntry ?? throw new InvalidDataException($"Part {p} of the manifest has no network entry."));
                    transformers.Add(SparseMlpPartFormat.Read(metadata, network));
                    scopes.Add(part.Scopes.Count == 1 ? (TransformerScope)part.Scopes[0] : TransformerScope.Everything);
                }
                else if (part.Kind == PipelinePart.MLNetKind)
                {
                    using var saved = ReadEntry(zip, part.Entry);
                    var model = catalog.Load(saved, out var schema);
                    if (p == 0)
                    {
                        inputSchema = schema;
                    }

                    int start = transformers.Count;
                    foreach (var (transformer, scope) in ChainParts.Flatten(model))
                    {
                        transformers.Add(transformer);
                        scopes.Add(scope);
                    }

                    foreach (var selection in part.QuickSelections ?? [])
                    {
                        if (selection.Index < 0 || start + selection.Index >= transformers.Count)
                        {
                            throw new InvalidDataException($"Part {p} of the manifest places a QuickSelection transformer at index {selection.Index}, but the part has {transformers.Count - start} transformers; the file is corrupted.");
                        }

                        using var state = ReadEntry(zip, selection.Entry);
                        transformers[start + selection.Index] = QuickSelectionPartFormat.Read(state, transformers[start + selection.Index]);
                    }
                }
                else
                {
                    throw new InvalidDataException($"Part {p} of the manifest has the unknown kind '{part.Kind}'; this build reads '{PipelinePart.MLNetKind}' and '{PipelinePart.SparseMlpKind}'.");
                }
            }

            return new TransformerChain<ITransformer>(transformers, scopes);
        }
    }

    /// <summary>Whether <paramref name="filePath"/> is a model file written by <see cref="SaveSparseMlNet(ModelOperationsCatalog, ITransformer, DataViewSchema, string)"/>
    /// (load it with <c>LoadSparseMlNet</c>) rather than, for example, an ML.NET model zip (load it with <c>mlContext.Model.Load</c>).</summary>
    /// <param name="filePath">An existing file.</param>
    /// <returns>True when the file is a zip archive with a SparseMlNet manifest; false for any other content.</returns>
    /// <exception cref="ArgumentException"><paramref name="filePath"/> is empty.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static bool IsSparseMlNetModel(string filePath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(filePath);
        using var file = new FileStream(filePath, FileMode.Open, FileAccess.Read, FileShare.Read);
        return IsSparseMlNetModel(file);
    }

    /// <summary>Whether a seekable <paramref name="stream"/> (left open, read from its current position) holds a SparseMlNet model file.</summary>
    /// <param name="stream">A readable, seekable stream.</param>
    /// <returns>True for a zip archive with a SparseMlNet manifest; false otherwise.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="stream"/> is not readable and seekable.</exception>
    public static bool IsSparseMlNetModel(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (!stream.CanRead || !stream.CanSeek)
        {
            throw new ArgumentException("The stream must be readable and seekable; copy it into a MemoryStream first.", nameof(stream));
        }

        long position = stream.Position;
        try
        {
            using var zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
            if (zip.GetEntry(PipelineManifest.EntryName) is null)
            {
                return false;
            }

            // The format name only: a file of a newer version is still one (LoadSparseMlNet then says to update).
            using var json = ReadEntry(zip, PipelineManifest.EntryName);
            return ModelJson.Deserialize<PipelineManifest>(json, "manifest").Format == PipelineManifest.FormatName;
        }
        catch (InvalidDataException)
        {
            return false;
        }
        finally
        {
            stream.Position = position;
        }
    }

    private static PipelineManifest ReadManifest(ZipArchive zip)
    {
        using var json = ReadEntry(zip, PipelineManifest.EntryName);
        var manifest = ModelJson.Deserialize<PipelineManifest>(json, "manifest");
        if (manifest.Format != PipelineManifest.FormatName || manifest.Parts is null || manifest.Parts.Count == 0)
        {
            throw new InvalidDataException("The model file's manifest does not describe a SparseMlNet ML.NET pipeline.");
        }

        if (manifest.Version > PipelineManifest.CurrentVersion)
        {
            throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"The model file has format version {manifest.Version}; this build reads up to {PipelineManifest.CurrentVersion}. Update SparseMlNet.ML."));
        }

        return manifest;
    }

    private static void WriteEntry(ZipArchive zip, string name, MemoryStream content, CompressionLevel level)
    {
        var entry = zip.CreateEntry(name, level);
        using var target = entry.Open();
        content.Position = 0;
        content.CopyTo(target);
    }

    private static MemoryStream ReadEntry(ZipArchive zip, string name)
    {
        var entry = zip.GetEntry(name) ?? throw new InvalidDataException($"The model file has no entry '{name}'; it is truncated or not a SparseMlNet ML.NET model.");
        var copy = new MemoryStream();
        using (var source = entry.Open())
        {
            source.CopyTo(copy);
        }

        copy.Position = 0;
        return copy;
    }
}
