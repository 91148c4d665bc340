namespace SparseMlNet.Plots;

/// <summary>File extensions of the <see cref="PictureFormat"/> values, and the format a file name asks for.</summary>
public static class PictureFormats
{
    /// <summary>The extension of <paramref name="format"/>, with the dot: ".svg" or ".png".</summary>
    /// <param name="format">The format.</param>
    /// <returns>The extension.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="format"/> is not a defined value.</exception>
    public static string Extension(PictureFormat format) => format switch
    {
        PictureFormat.Svg => ".svg",
        PictureFormat.Png => ".png",
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Give PictureFormat.Svg or PictureFormat.Png."),
    };

    /// <summary>The format a file name's extension names (.svg or .png, in any letter case), or null for any other extension.</summary>
    /// <param name="path">A file name or path.</param>
    /// <returns>The format, or null.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is null.</exception>
    public static PictureFormat? TryFromPath(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string extension = Path.GetExtension(path);
        return extension.Equals(".svg", StringComparison.OrdinalIgnoreCase) ? PictureFormat.Svg
            : extension.Equals(".png", StringComparison.OrdinalIgnoreCase) ? PictureFormat.Png
            : null;
    }

    /// <summary>The format a file name's extension names.</summary>
    /// <param name="path">A file name or path ending in .svg or .png.</param>
    /// <returns>The format.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is null.</exception>
    /// <exception cref="ArgumentException">The extension is neither .svg nor .png.</exception>
    public static PictureFormat FromPath(string path) =>
        TryFromPath(path) ?? throw new ArgumentException(
            $"Cannot tell the picture format of '{path}': name the file with .svg or .png.", nameof(path));
}
