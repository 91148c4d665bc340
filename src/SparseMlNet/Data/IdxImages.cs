namespace SparseMlNet.Data;

/// <summary>Images read from an IDX file: raw pixel values as floats, one image per row.</summary>
/// <param name="Pixels">Row-major pixels, shape [<paramref name="Count"/>, <paramref name="Rows"/> × <paramref name="Columns"/>], each image stored row by row; values in [0, 255], unscaled.</param>
/// <param name="Count">Number of images; Range: ≥ 1.</param>
/// <param name="Rows">Image height in pixels; Range: ≥ 1.</param>
/// <param name="Columns">Image width in pixels; Range: ≥ 1.</param>
public sealed record IdxImages(float[] Pixels, int Count, int Rows, int Columns)
{
    /// <summary>Pixels per image, <see cref="Rows"/> × <see cref="Columns"/>: the feature count of a data set built from these images.</summary>
    public int PixelsPerImage => Rows * Columns;
}
