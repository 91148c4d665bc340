using SparseMlNet.Data;
using SparseMlNet.Randomness;

namespace SparseMlNet.Training;

/// <summary>
/// On-the-fly data augmentation for image inputs, as Keras' <c>ImageDataGenerator(width_shift_range, height_shift_range, horizontal_flip)</c> in the
/// SET tutorial's CIFAR-10 assignment: every training sample of every mini-batch is shifted by a random whole number of pixels, up to
/// <see cref="MaxShiftFraction"/> of the width and of the height in each direction, and mirrored left–right with probability ½. Vacated pixels
/// become 0 (the mean of standardised features; Keras fills with the nearest pixel). Reproducible: each sample's draw comes from the mini-batch's
/// seed and its place in the batch. Test and validation data are never augmented.
/// </summary>
public sealed class ImageAugmentation
{
    /// <summary>Creates the augmentation.</summary>
    /// <param name="shape">The inputs' image layout (height × width × channels, channels innermost).</param>
    /// <param name="maxShiftFraction">Largest shift as a fraction of width and height; Range: [0, 1). Keras' assignment: 0.1.</param>
    /// <param name="horizontalFlip">Whether to mirror left–right with probability ½.</param>
    /// <exception cref="ArgumentOutOfRangeException">A shape dimension below 1, or a shift fraction outside [0, 1).</exception>
    public ImageAugmentation(ImageShape shape, double maxShiftFraction, bool horizontalFlip)
    {
        if (shape.Height < 1 || shape.Width < 1 || shape.Channels < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(shape), shape, "Every dimension of the image shape must be at least 1, for example 32x32x3.");
        }

        if (!(maxShiftFraction >= 0 && maxShiftFraction < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(maxShiftFraction), maxShiftFraction, "The shift fraction must lie in [0, 1), for example 0.1.");
        }

        Shape = shape;
        MaxShiftFraction = maxShiftFraction;
        HorizontalFlip = horizontalFlip;
    }

    /// <summary>The inputs' image layout.</summary>
    public ImageShape Shape { get; }

    /// <summary>Largest shift as a fraction of width and height.</summary>
    public double MaxShiftFraction { get; }

    /// <summary>Whether samples are mirrored left–right with probability ½.</summary>
    public bool HorizontalFlip { get; }

    /// <summary>Augments the first <paramref name="batch"/> samples of a feature-major block [n_in, stride] in place.</summary>
    /// <param name="inputs">Feature-major inputs; n_in must equal the shape's input count.</param>
    /// <param name="stride">Row stride of <paramref name="inputs"/>.</param>
    /// <param name="batch">Samples in the block.</param>
    /// <param name="seed">The mini-batch's seed.</param>
    internal void Apply(float[] inputs, int stride, int batch, ulong seed)
    {
        int h = Shape.Height, w = Shape.Width, c = Shape.Channels;
        int maxDy = (int)Math.Floor(MaxShiftFraction * h);
        int maxDx = (int)Math.Floor(MaxShiftFraction * w);
        var column = new float[h * w * c];
        for (int b = 0; b < batch; b++)
        {
            var random = SeedStreams.CreateRandom(seed, b, 5, 0, 0);
            int dy = maxDy == 0 ? 0 : random.Next(-maxDy, maxDy + 1);
            int dx = maxDx == 0 ? 0 : random.Next(-maxDx, maxDx + 1);
            bool flip = HorizontalFlip && random.Next(2) == 1;
            if (dy == 0 && dx == 0 && !flip)
            {
                continue;
            }

            for (int i = 0; i < column.Length; i++)
            {
                column[i] = inputs[(i * stride) + b];
            }

            for (int y = 0; y < h; y++)
            {
                int sy = y - dy;
                for (int x = 0; x < w; x++)
                {
                    int tx = flip ? w - 1 - x : x;   // mirror, then shift
                    int sx = tx - dx;
                    bool inside = sy >= 0 && sy < h && sx >= 0 && sx < w;
                    for (int ch = 0; ch < c; ch++)
                    {
                        inputs[((((y * w) + x) * c) + ch) * stride + b] = inside ? column[(((sy * w) + sx) * c) + ch] : 0f;
                    }
                }
            }
        }
    }
}
