using System.CommandLine;
using SparseMlNet.Plots;

namespace SparseMlNet.Cli.Commands;

/// <summary>
/// The --format option of analyze, compare and plot, and the one rule for the picture format: a picture file named with -o is written in the format
/// its extension names (.svg or .png); --format chooses the format where no file name says it (analyze's folder of pictures, the default file names
/// of compare and plot) and, given together with -o, must agree with its extension.
/// </summary>
internal static class PictureOutput
{
    /// <summary>A new --format option (each command owns its instance).</summary>
    /// <param name="description">What the format applies to.</param>
    public static Option<PictureFormat?> FormatOption(string description) => new("--format")
    {
        HelpName = "svg|png",
        Description = description,
    };

    /// <summary>The file and format of a single picture: -o's file in its extension's format, or the default stem with --format's extension (SVG by default).</summary>
    /// <param name="output">-o, or null.</param>
    /// <param name="format">--format, or null.</param>
    /// <param name="defaultStem">File name without extension used without -o, for example "nnstd".</param>
    /// <returns>The file to write and its format.</returns>
    /// <exception cref="CliException">-o names neither .svg nor .png, or --format contradicts its extension.</exception>
    public static (string Path, PictureFormat Format) Resolve(string? output, PictureFormat? format, string defaultStem)
    {
        if (output is null)
        {
            PictureFormat chosen = format ?? PictureFormat.Svg;
            return (defaultStem + PictureFormats.Extension(chosen), chosen);
        }

        PictureFormat named = PictureFormats.TryFromPath(output)
            ?? throw new CliException($"-o '{output}': name the picture file with .svg or .png (the extension chooses the format).");
        if (format is { } given && given != named)
        {
            throw new CliException(
                $"--format {Name(given)} contradicts -o '{output}'; name the file with {PictureFormats.Extension(given)} or leave --format out.");
        }

        return (output, named);
    }

    /// <summary>"svg" or "png", as typed on the command line.</summary>
    public static string Name(PictureFormat format) => format.ToString().ToLowerInvariant();
}
