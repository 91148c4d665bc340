using System.Globalization;

namespace SparseMlNet.Data;

/// <summary>
/// How a network's inputs lay out as an image: <see cref="Height"/> rows of <see cref="Width"/> pixels with <see cref="Channels"/> values each,
/// flattened row-major with channels innermost (input index = (row·Width + column)·Channels + channel), as IDX images and Keras arrays flatten.
/// </summary>
/// <param name="Height">Pixel rows; Range: ≥ 1.</param>
/// <param name="Width">Pixel columns; Range: ≥ 1.</param>
/// <param name="Channels">Values per pixel (1 grey, 3 RGB); Range: ≥ 1.</param>
public readonly record struct ImageShape(int Height, int Width, int Channels = 1)
{
    /// <summary>Number of inputs the shape covers: Height·Width·Channels.</summary>
    public long InputCount => (long)Height * Width * Channels;

    /// <summary>Parses "HxW" or "HxWxC" (for example "28x28" or "32x32x3"; 'x' or '×', case-insensitive).</summary>
    /// <param name="text">The shape text.</param>
    /// <returns>The shape.</returns>
    /// <exception cref="ArgumentException">The text is not two or three positive integers separated by 'x'.</exception>
    public static ImageShape Parse(string text)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        string[] parts = text.Trim().Split(['x', 'X', '×']);
        var numbers = new int[parts.Length];
        bool ok = parts.Length is 2 or 3;
        for (int i = 0; ok && i < parts.Length; i++)
        {
            ok = int.TryParse(parts[i].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out numbers[i]) && numbers[i] >= 1;
        }

        if (!ok)
        {
            throw new ArgumentException($"'{text}' is not an image shape; write HEIGHTxWIDTH or HEIGHTxWIDTHxCHANNELS with positive integers, for example 28x28.", nameof(text));
        }

        return new ImageShape(numbers[0], numbers[1], numbers.Length == 3 ? numbers[2] : 1);
    }

    /// <summary>"28x28" or "32x32x3".</summary>
    public override string ToString() =>
        Channels == 1
            ? string.Create(CultureInfo.InvariantCulture, $"{Height}x{Width}")
            : string.Create(CultureInfo.InvariantCulture, $"{Height}x{Width}x{Channels}");

    /// <summary>Throws unless the shape is positive and covers exactly <paramref name="inputCount"/> inputs.</summary>
    /// <param name="inputCount">The network's number of inputs.</param>
    /// <param name="parameterName">The caller's parameter, for the exception.</param>
    /// <exception cref="ArgumentException">A dimension is below 1, or Height·Width·Channels differs from <paramref name="inputCount"/>.</exception>
    public void Validate(int inputCount, string parameterName)
    {
        if (Height < 1 || Width < 1 || Channels < 1)
        {
            throw new ArgumentException($"Image shape {Height}x{Width}x{Channels} has a dimension below 1.", parameterName);
        }

        if (InputCount != inputCount)
        {
            throw new ArgumentException(
                $"Image shape {this} covers {InputCount} inputs but the network has {inputCount}; give a shape whose height × width × channels is {inputCount}"
                + (IsSquare(inputCount, out int side) ? $" (for example {side}x{side})." : "."),
                parameterName);
        }
    }

    private static bool IsSquare(int count, out int side)
    {
        side = (int)Math.Round(Math.Sqrt(count));
        return side * side == count;
    }
}
