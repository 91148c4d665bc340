namespace SparseMlNet.IO;

/// <summary>
/// Saves and loads <see cref="ModelBundle"/>s in SparseMlNet's versioned binary model format: magic bytes "SPMLNET\0", a format version,
/// the network (per layer: shape, initialisation, activation, biases, and CSR or row-major weights), the feature scaler, class and feature names,
/// and a SHA-256 checksum of everything before it. The format is specified byte by byte in docs/model-format.md.
/// </summary>
/// <remarks>
/// <para>A saved model is for inference and analysis: optimiser state (momentum) is not saved, so training a loaded network restarts it fresh.
/// Sparse layers take O(nnz) bytes (12 per connection: column index and weight, plus 4 per neuron), never O(n_in·n_out).</para>
/// <para>Loading trusts nothing in the file: the magic bytes, version and checksum are verified first, then every count is checked against the
/// bytes that remain before anything is allocated, and every structure is validated, so a truncated, corrupted or hostile file raises
/// <see cref="InvalidDataException"/> instead of allocating huge arrays or building an inconsistent network.</para>
/// </remarks>
/// <example>
/// <code>
/// ModelSerializer.Save(new ModelBundle(network, scaler, classNames), "model.spmlnet");
/// ModelBundle model = ModelSerializer.Load("model.spmlnet");
/// int[] classes = model.PredictClasses(rawFeatures);
/// </code>
/// </example>
public static class ModelSerializer
{
    /// <summary>The file name extension the CLI uses for model files, ".spmlnet".</summary>
    public const string FileExtension = ".spmlnet";

    /// <summary>The newest model format version this build writes and reads.</summary>
    public static uint FormatVersion => ModelFormat.Version;

    /// <summary>
    /// Saves a model atomically: it is written to a temporary file in the same directory, flushed to disk, then moved over <paramref name="path"/>.
    /// If anything fails, the temporary file is deleted and an existing file at <paramref name="path"/> is left untouched.
    /// After a successful save, temporary files of the same target left by killed saves (<c>.NAME.*.tmp</c>, unmodified for a minute and not open
    /// for writing) are removed.
    /// </summary>
    /// <param name="model">The model to save.</param>
    /// <param name="path">Destination file; its directory must exist. An existing file is replaced.</param>
    /// <exception cref="ArgumentNullException"><paramref name="model"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> is null or empty, or a network parameter is NaN or infinite (a diverged model cannot be saved).</exception>
    /// <exception cref="DirectoryNotFoundException">The directory of <paramref name="path"/> does not exist.</exception>
    /// <exception cref="IOException">Writing or replacing the file failed (for example, the disk is full), or <paramref name="path"/> is a directory (the message says so).</exception>
    /// <exception cref="UnauthorizedAccessException">The directory or an existing file is not writable.</exception>
    public static void Save(ModelBundle model, string path)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentException.ThrowIfNullOrEmpty(path);
        string target = Path.GetFullPath(path);
        string directory = Path.GetDirectoryName(target) ?? throw new ArgumentException($"'{path}' names no file.", nameof(path));
        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"Cannot save the model to '{path}': the directory '{directory}' does not exist; create it first.");
        }

        if (Directory.Exists(target))
        {
            throw new IOException($"Cannot save the model to '{path}': it is a directory; give a file name such as '{Path.Combine(path, "model" + FileExtension)}'.");
        }

        string temp = Path.Combine(directory, $".{Path.GetFileName(target)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                ModelWriter.Write(model, file);
                file.Flush(flushToDisk: true);
            }

            File.Move(temp, target, overwrite: true);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }

        StaleTemporaryFiles.Remove(directory, Path.GetFileName(target));
    }

    /// <summary>Writes a model to a stream from its current position (not atomic: the caller owns the stream and what happens on failure). The stream is left open.</summary>
    /// <param name="model">The model to save.</param>
    /// <param name="destination">A writable stream.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is not writable, or a network parameter is NaN or infinite (the stream then holds a partial model).</exception>
    public static void Save(ModelBundle model, Stream destination)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(destination);
        if (!destination.CanWrite)
        {
            throw new ArgumentException("The stream is not writable.", nameof(destination));
        }

        ModelWriter.Write(model, destination);
    }

    /// <summary>Loads a model saved by <see cref="Save(ModelBundle, string)"/>.</summary>
    /// <param name="path">The model file.</param>
    /// <returns>The model, ready to predict; its sparse layers have fresh (zero) momentum.</returns>
    /// <exception cref="ArgumentException"><paramref name="path"/> is null or empty.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="UnauthorizedAccessException"><paramref name="path"/> is a directory (the message says so) or cannot be read.</exception>
    /// <exception cref="InvalidDataException">
    /// The file, named in the message, is not a model file (wrong magic bytes), was written by a newer format version, is truncated or corrupted
    /// (checksum mismatch), or holds an inconsistent model (a count beyond the file's length, invalid CSR indices, mismatched layer shapes, an unknown code).
    /// </exception>
    public static ModelBundle Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (Directory.Exists(path))
        {
            throw new UnauthorizedAccessException($"'{path}' is a directory; expected a model file ({FileExtension}) saved by train.");
        }

        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        return ModelReader.Read(file, $"File '{path}'");
    }

    /// <summary>Loads a model from a stream, from its current position to its end (a non-seekable stream is first copied into memory). The stream is left open.</summary>
    /// <param name="source">A readable stream holding exactly one model file from its current position on.</param>
    /// <returns>The model.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="source"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="source"/> is not readable.</exception>
    /// <exception cref="InvalidDataException">As <see cref="Load(string)"/>; the message names "the stream" instead of a file.</exception>
    public static ModelBundle Load(Stream source)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (!source.CanRead)
        {
            throw new ArgumentException("The stream is not readable.", nameof(source));
        }

        if (source.CanSeek)
        {
            return ModelReader.Read(source, "The stream");
        }

        using var copy = new MemoryStream();
        source.CopyTo(copy);
        copy.Position = 0;
        return ModelReader.Read(copy, "The stream");
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Best effort: the original exception matters more than a leftover temporary file.
        }
        catch (UnauthorizedAccessException)
        {
            // As above.
        }
    }
}
