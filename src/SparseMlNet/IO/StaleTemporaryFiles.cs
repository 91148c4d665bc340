namespace SparseMlNet.IO;

/// <summary>
/// Removes the temporary files (<c>.NAME.GUID.tmp</c>) that saves of a target NAME leave behind when the process is killed mid-write,
/// so that killed saves do not accumulate (up to one model's size each).
/// </summary>
internal static class StaleTemporaryFiles
{
    /// <summary>A temporary file younger than this may belong to a save still under way, in this or another process.</summary>
    internal static readonly TimeSpan MinimumAge = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Deletes <c>.{fileName}.*.tmp</c> in <paramref name="directory"/> that are unmodified for <see cref="MinimumAge"/> and that no process holds
    /// open for writing. Best effort: a file that cannot be examined or deleted is left.
    /// </summary>
    /// <param name="directory">The directory of the target.</param>
    /// <param name="fileName">The target's file name, for example "model.spmlnet".</param>
    public static void Remove(string directory, string fileName)
    {
        string[] candidates;
        try
        {
            candidates = Directory.GetFiles(directory, $".{fileName}.*.tmp");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return;
        }

        DateTime cutoff = DateTime.UtcNow - MinimumAge;
        foreach (string candidate in candidates)
        {
            try
            {
                if (File.GetLastWriteTimeUtc(candidate) > cutoff)
                {
                    continue;
                }

                // A save in progress holds its file with FileShare.None, so this open fails and the file is kept.
                using (new FileStream(candidate, FileMode.Open, FileAccess.ReadWrite, FileShare.None))
                {
                }

                File.Delete(candidate);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // In use, gone already, or not ours to delete: leave it.
            }
        }
    }
}
