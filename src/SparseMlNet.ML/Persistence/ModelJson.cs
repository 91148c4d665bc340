using System.Text.Json;
using System.Text.Json.Serialization;

namespace SparseMlNet.ML.Persistence;

/// <summary>The JSON settings of every JSON entry of a model file (NaN and infinities written as names, doubles round-trip exactly).</summary>
internal static class ModelJson
{
    public static JsonSerializerOptions Options { get; } = new()
    {
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static byte[] Serialize<T>(T value) => JsonSerializer.SerializeToUtf8Bytes(value, Options);

    /// <exception cref="InvalidDataException">The JSON does not describe a <typeparamref name="T"/>; <paramref name="what"/> names the entry.</exception>
    public static T Deserialize<T>(Stream json, string what)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(json, Options) ?? throw new InvalidDataException($"The model file's {what} is empty; the file is corrupted.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"The model file's {what} is not valid; the file is corrupted or of another version ({e.Message}).", e);
        }
    }
}
