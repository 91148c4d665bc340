using System.Buffers.Binary;
using System.Text;

namespace SparseMlNet.ML.Persistence;

/// <summary>
/// The root entry "Model.key" of a SparseMlNet model file, there only so that ML.NET's own <c>mlContext.Model.Load</c> fails with
/// advice instead of "Could not load legacy format model". It is a valid ML.NET model header (layout of ML.NET's ModelHeader:
/// 256-byte header, empty model block, no string table, then the loader assembly name in UTF-16 and the tail signature) whose
/// loader assembly name is <see cref="SaveAdvice.UseLoadSparseMlNet"/>. ML.NET reads the header, tries to load that "assembly" before
/// it looks up any component, and throws <see cref="FileNotFoundException"/> whose message quotes the name: no ML.NET code runs on our data.
/// </summary>
internal static class MLNetLoadStub
{
    /// <summary>The entry ML.NET's loader opens first when a zip has no "Schema" entry.</summary>
    public const string EntryName = "Model.key";

    private const ulong Signature = 0x4C45444F4D004C4DUL; // "ML\0MODEL"
    private const ulong TailSignature = 0x4D4C004D4F44454CUL;
    private const uint Version = 0x00010002; // the first header version with a loader assembly name
    private const int HeaderSize = 0x100;

    /// <summary>The entry's bytes for the advice <paramref name="message"/>.</summary>
    public static byte[] Create(string message)
    {
        byte[] name = Encoding.Unicode.GetBytes(message);
        long tail = HeaderSize + name.Length;
        var bytes = new byte[tail + sizeof(ulong)];
        var header = bytes.AsSpan();
        BinaryPrimitives.WriteUInt64LittleEndian(header[0x00..], Signature);
        BinaryPrimitives.WriteUInt32LittleEndian(header[0x08..], Version); // written
        BinaryPrimitives.WriteUInt32LittleEndian(header[0x0C..], Version); // readable
        BinaryPrimitives.WriteInt64LittleEndian(header[0x10..], HeaderSize); // model block position; its size (0x18) is 0
        BinaryPrimitives.WriteInt64LittleEndian(header[0x80..], tail); // tail position
        BinaryPrimitives.WriteInt64LittleEndian(header[0x88..], tail + sizeof(ulong)); // end
        BinaryPrimitives.WriteInt64LittleEndian(header[0x90..], HeaderSize); // loader assembly name position
        BinaryPrimitives.WriteUInt32LittleEndian(header[0x98..], (uint)name.Length); // and size in bytes
        name.CopyTo(header[HeaderSize..]);
        BinaryPrimitives.WriteUInt64LittleEndian(header[(int)tail..], TailSignature);
        return bytes;
    }
}
