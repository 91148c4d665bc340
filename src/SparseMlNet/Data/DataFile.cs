using System.IO.Compression;

namespace SparseMlNet.Data;

/// <summary>
/// Opens data files that may be gzip-compressed, detected by the gzip magic bytes 1f 8b rather than by the file name,
/// and reads exact byte counts with errors that name the file.
/// </summary>
public static class DataFile
{
    private const int BufferSize = 1 << 16;

    /// <summary>Opens <paramref name="path"/> for sequential reading, decompressing it when it starts with the gzip magic bytes.</summary>
    /// <param name="path">The file to open.</param>
    /// <returns>
    /// A readable stream positioned at the start of the (decompressed) content. A plain file's stream is seekable, so its length is known;
    /// a gzip stream is not, and it reports corrupt compressed data as an <see cref="InvalidDataException"/> naming the file.
    /// </returns>
    /// <exception cref="ArgumentException"><paramref name="path"/> is null or empty.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static Stream OpenRead(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize, FileOptions.SequentialScan);
        try
        {
            Span<byte> magic = stackalloc byte[2];
            int read = file.ReadAtLeast(magic, magic.Length, throwOnEndOfStream: false);
            file.Position = 0;
            if (read == 2 && magic[0] == 0x1f && magic[1] == 0x8b)
            {
                return new NamedGZipStream(new GZipStream(file, CompressionMode.Decompress, leaveOpen: false), path);
            }

            return file;
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Reads exactly <paramref name="count"/> bytes, the rest of the content. Memory grows with the data actually present,
    /// so a header that declares more data than the file holds cannot force a huge allocation.
    /// </summary>
    /// <param name="stream">A stream from <see cref="OpenRead"/>.</param>
    /// <param name="count">Number of bytes the header declares; Range: [0, <see cref="Array.MaxLength"/>].</param>
    /// <param name="path">The file name, for error messages.</param>
    /// <param name="description">What the bytes hold, for error messages, for example "1000 labels".</param>
    /// <returns>The bytes, length <paramref name="count"/>.</returns>
    /// <exception cref="InvalidDataException">The content ends early ("truncated") or continues past <paramref name="count"/> bytes.</exception>
    public static byte[] ReadToEndExactly(Stream stream, long count, string path, string description)
    {
        if (count > Array.MaxLength)
        {
            throw new InvalidDataException(
                $"File '{path}' declares {description} ({count} bytes), more than one array can hold ({Array.MaxLength} bytes).");
        }

        if (stream.CanSeek)
        {
            long available = stream.Length - stream.Position;
            if (available != count)
            {
                throw SizeMismatch(path, description, count, available);
            }

            var all = new byte[count];
            stream.ReadExactly(all);
            return all;
        }

        // Length unknown (decompressing): grow the buffer as data arrives, never past the declared size.
        var buffer = new byte[Math.Min(count, 1 << 20)];
        int filled = 0;
        while (filled < count)
        {
            if (filled == buffer.Length)
            {
                Array.Resize(ref buffer, (int)Math.Min(count, 2L * buffer.Length));
            }

            int read = stream.Read(buffer, filled, buffer.Length - filled);
            if (read == 0)
            {
                throw SizeMismatch(path, description, count, filled);
            }

            filled += read;
        }

        Span<byte> probe = stackalloc byte[1];
        if (stream.Read(probe) != 0)
        {
            throw new InvalidDataException(
                $"File '{path}' has more data than its header declares: expected exactly {count} bytes for {description}.");
        }

        return buffer;
    }

    private static InvalidDataException SizeMismatch(string path, string description, long expected, long actual) => actual < expected
        ? new InvalidDataException(
            $"File '{path}' is truncated: its header declares {description} ({expected} bytes), but only {actual} bytes of data follow the header.")
        : new InvalidDataException(
            $"File '{path}' has {actual} bytes of data after its header, but the header declares {description} ({expected} bytes); expected exactly {expected}.");

    /// <summary>A read-only gzip stream whose decompression errors name the file.</summary>
    private sealed class NamedGZipStream(GZipStream inner, string path) : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            try
            {
                return inner.Read(buffer);
            }
            catch (InvalidDataException ex)
            {
                throw new InvalidDataException($"File '{path}' starts with the gzip magic bytes but is not valid gzip data: {ex.Message}", ex);
            }
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
