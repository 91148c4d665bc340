using System.Buffers.Binary;
using System.IO.Compression;
using System.IO.Hashing;

namespace SparseMlNet.Data;

/// <summary>
/// Opens data files that may be gzip-compressed, detected by the gzip magic bytes 1f 8b rather than by the file name,
/// and reads exact byte counts with errors that name the file.
/// </summary>
/// <remarks>
/// .NET's <see cref="GZipStream"/> reports a stream cut short as a normal end, so a truncated file would read as a shorter, complete one.
/// The gzip stream returned here therefore checks the member trailer when the content ends: the CRC-32 and the length modulo 2³² (ISIZE)
/// of everything decompressed must equal the last 8 bytes of the file, or reading fails with "truncated gzip file".
/// Files of several concatenated gzip members are checked against the last member's trailer only, so they are refused; recompress them
/// as one member (<c>zcat a.gz | gzip &gt; b.gz</c>).
/// </remarks>
public static class DataFile
{
    private const int BufferSize = 1 << 16;

    /// <summary>Opens <paramref name="path"/> for sequential reading, decompressing it when it starts with the gzip magic bytes.</summary>
    /// <param name="path">The file to open.</param>
    /// <returns>
    /// A readable stream positioned at the start of the (decompressed) content. A plain file's stream is seekable, so its length is known;
    /// a gzip stream is not, and it reports corrupt compressed data, and content whose CRC-32 or length disagrees with the gzip trailer
    /// (a truncated file), as an <see cref="InvalidDataException"/> naming the file.
    /// </returns>
    /// <exception cref="UnauthorizedAccessException"><paramref name="path"/> is a directory (the message says so) or cannot be read.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> is null or empty.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static Stream OpenRead(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (Directory.Exists(path))
        {
            throw new UnauthorizedAccessException($"'{path}' is a directory; expected a data file (CSV, gzip-compressed CSV or IDX).");
        }

        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize, FileOptions.SequentialScan);
        try
        {
            Span<byte> magic = stackalloc byte[2];
            int read = file.ReadAtLeast(magic, magic.Length, throwOnEndOfStream: false);
            file.Position = 0;
            if (read == 2 && magic[0] == 0x1f && magic[1] == 0x8b)
            {
                var trailer = new GzipTrailer(0, 0, Valid: false);
                if (file.Length >= 18)
                {
                    // A gzip member is at least 18 bytes: a 10-byte header, the deflate data, the 8-byte trailer.
                    Span<byte> last = stackalloc byte[8];
                    file.Position = file.Length - 8;
                    file.ReadExactly(last);
                    trailer = new GzipTrailer(BinaryPrimitives.ReadUInt32LittleEndian(last), BinaryPrimitives.ReadUInt32LittleEndian(last[4..]), Valid: true);
                    file.Position = 0;
                }

                return new NamedGZipStream(new GZipStream(file, CompressionMode.Decompress, leaveOpen: false), path, trailer);
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
    internal static byte[] ReadToEndExactly(Stream stream, long count, string path, string description)
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

        RequireEnd(stream, count, path, description);
        return buffer;
    }

    /// <summary>
    /// Reads exactly <paramref name="count"/> bytes, the rest of the content, converting them to floats as they arrive (64 KB at a time), so
    /// no byte copy of the whole content exists: IDX images need their float matrix only. Same checks and messages as <see cref="ReadToEndExactly"/>;
    /// the float array is allocated only after the data is known to be present when the length is known, and grows with it otherwise.
    /// </summary>
    /// <returns>The values 0..255 as floats, length <paramref name="count"/>.</returns>
    /// <exception cref="InvalidDataException">The content ends early ("truncated") or continues past <paramref name="count"/> bytes.</exception>
    internal static float[] ReadBytesAsFloats(Stream stream, long count, string path, string description)
    {
        if (count > Array.MaxLength)
        {
            throw new InvalidDataException(
                $"File '{path}' declares {description} ({count} bytes), more than one array can hold ({Array.MaxLength} bytes).");
        }

        if (stream.CanSeek && stream.Length - stream.Position != count)
        {
            throw SizeMismatch(path, description, count, stream.Length - stream.Position);
        }

        // The whole array at once when the length is known: a plain file's, or a gzip file whose trailer records the header's length (a truncated
        // file fails its trailer check); otherwise it grows with the data actually present, so a lying header cannot force a huge allocation.
        bool known = stream.CanSeek || (stream is NamedGZipStream gzip && gzip.TrailerPromises(count));
        var values = new float[known ? count : Math.Min(count, 1 << 20)];
        Span<byte> chunk = new byte[1 << 16];
        int filled = 0;
        while (filled < count)
        {
            int read = stream.Read(chunk[..(int)Math.Min(chunk.Length, count - filled)]);
            if (read == 0)
            {
                throw SizeMismatch(path, description, count, filled);
            }

            if (filled + read > values.Length)
            {
                Array.Resize(ref values, (int)Math.Min(count, Math.Max(filled + read, 2L * values.Length)));
            }

            for (int i = 0; i < read; i++)
            {
                values[filled + i] = chunk[i];
            }

            filled += read;
        }

        RequireEnd(stream, count, path, description);
        return values;
    }

    /// <summary>Throws when the content continues after the <paramref name="count"/> declared bytes (for non-seekable streams, whose length is unknown).</summary>
    private static void RequireEnd(Stream stream, long count, string path, string description)
    {
        Span<byte> probe = stackalloc byte[1];
        if (stream.Read(probe) != 0)
        {
            throw new InvalidDataException(
                $"File '{path}' has more data than its header declares: expected exactly {count} bytes for {description}.");
        }
    }

    private static InvalidDataException SizeMismatch(string path, string description, long expected, long actual) => actual < expected
        ? new InvalidDataException(
            $"File '{path}' is truncated: its header declares {description} ({expected} bytes), but only {actual} bytes of data follow the header.")
        : new InvalidDataException(
            $"File '{path}' has {actual} bytes of data after its header, but the header declares {description} ({expected} bytes); expected exactly {expected}.");

    /// <summary>The CRC-32 and ISIZE fields of the file's last 8 bytes; not valid when the file is too short to hold a gzip member.</summary>
    private readonly record struct GzipTrailer(uint Crc, uint Size, bool Valid);

    /// <summary>
    /// A read-only gzip stream whose decompression errors name the file and which, at the end of the content, checks the CRC-32 and length
    /// of what it decompressed against the gzip trailer.
    /// </summary>
    private sealed class NamedGZipStream(GZipStream inner, string path, GzipTrailer trailer) : Stream
    {
        private readonly Crc32 _crc = new();
        private long _length;
        private bool _verified;

        /// <summary>Whether the gzip trailer's length (ISIZE, mod 2³²) says exactly <paramref name="count"/> more bytes follow what was read so far.</summary>
        public bool TrailerPromises(long count) => trailer.Valid && unchecked((uint)(_length + count)) == trailer.Size;

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
            int read;
            try
            {
                read = inner.Read(buffer);
            }
            catch (InvalidDataException ex)
            {
                throw new InvalidDataException($"File '{path}' starts with the gzip magic bytes but is not valid gzip data: {ex.Message}", ex);
            }

            if (read > 0)
            {
                _crc.Append(buffer[..read]);
                _length += read;
            }
            else if (buffer.Length > 0 && !_verified)
            {
                Verify();
            }

            return read;
        }

        private void Verify()
        {
            uint crc = _crc.GetCurrentHashAsUInt32();
            uint size = unchecked((uint)_length);
            if (!trailer.Valid || crc != trailer.Crc || size != trailer.Size)
            {
                throw new InvalidDataException(
                    $"File '{path}' is a truncated gzip file (or not a single complete gzip member): {_length} bytes decompressed with CRC-32 {crc:x8}, " +
                    $"but the gzip trailer records {trailer.Size} bytes (mod 2^32) with CRC-32 {trailer.Crc:x8}. Copy or download the file again; " +
                    "a file of several concatenated gzip members must be recompressed as one (zcat in.gz | gzip > out.gz).");
            }

            _verified = true;
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
