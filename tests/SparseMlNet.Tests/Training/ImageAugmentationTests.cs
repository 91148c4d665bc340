using SparseMlNet.Data;
using SparseMlNet.Training;

namespace SparseMlNet.Tests.Training;

/// <summary>On-the-fly shifts and flips: every output is the input moved by an allowed shift (and mirror), zero-filled; reproducible per seed.</summary>
public sealed class ImageAugmentationTests
{
    private const int Stride = 16;

    /// <summary>A feature-major block of <paramref name="batch"/> 5×4×2 images with distinct non-zero values.</summary>
    private static float[] Block(ImageShape shape, int batch)
    {
        var block = new float[(int)shape.InputCount * Stride];
        for (int i = 0; i < shape.InputCount; i++)
        {
            for (int b = 0; b < batch; b++)
            {
                block[(i * Stride) + b] = 1 + i + (100 * b);
            }
        }

        return block;
    }

    private static float[] Sample(float[] block, ImageShape shape, int b) =>
        [.. Enumerable.Range(0, (int)shape.InputCount).Select(i => block[(i * Stride) + b])];

    private static float[] Transform(float[] image, ImageShape s, int dy, int dx, bool flip)
    {
        var result = new float[image.Length];
        for (int y = 0; y < s.Height; y++)
        {
            for (int x = 0; x < s.Width; x++)
            {
                int sy = y - dy, sx = (flip ? s.Width - 1 - x : x) - dx;
                for (int c = 0; c < s.Channels; c++)
                {
                    result[(((y * s.Width) + x) * s.Channels) + c] = sy >= 0 && sy < s.Height && sx >= 0 && sx < s.Width ? image[(((sy * s.Width) + sx) * s.Channels) + c] : 0f;
                }
            }
        }

        return result;
    }

    [Fact]
    public void Apply_EverySampleIsAnAllowedShiftAndMirrorOfItself()
    {
        var shape = new ImageShape(5, 4, 2);
        int batch = 12;
        float[] before = Block(shape, batch);
        float[] after = (float[])before.Clone();

        new ImageAugmentation(shape, 0.25, horizontalFlip: true).Apply(after, Stride, batch, seed: 99);

        int changed = 0;
        for (int b = 0; b < batch; b++)
        {
            float[] original = Sample(before, shape, b), augmented = Sample(after, shape, b);
            bool matched = false;
            foreach (int dy in new[] { -1, 0, 1 })
            {
                foreach (int dx in new[] { -1, 0, 1 })
                {
                    foreach (bool flip in new[] { false, true })
                    {
                        matched |= Transform(original, shape, dy, dx, flip).SequenceEqual(augmented);
                    }
                }
            }

            Assert.True(matched, $"sample {b} is not a shift of at most 1 pixel (25% of 5 and 4) and a mirror of itself");
            changed += original.SequenceEqual(augmented) ? 0 : 1;
        }

        Assert.True(changed >= batch / 2, $"only {changed} of {batch} samples changed");
        Assert.Equal(0f, after[(int)shape.InputCount * Stride - 1]); // padding column stays as loaded (0)
    }

    [Fact]
    public void Apply_IsReproducibleForASeedAndDiffersAcrossSeeds()
    {
        var shape = new ImageShape(6, 6, 1);
        var augmentation = new ImageAugmentation(shape, 0.2, horizontalFlip: true);
        float[] a = Block(shape, 8), b = Block(shape, 8), c = Block(shape, 8);

        augmentation.Apply(a, Stride, 8, seed: 1);
        augmentation.Apply(b, Stride, 8, seed: 1);
        augmentation.Apply(c, Stride, 8, seed: 2);

        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.0)]
    [InlineData(double.NaN)]
    public void Constructor_RejectsShiftOutsideTheUnitInterval(double shift)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new ImageAugmentation(new ImageShape(4, 4), shift, false));
        Assert.Equal("maxShiftFraction", error.ParamName);
    }

    [Fact]
    public void Train_RejectsAShapeThatDoesNotCoverTheFeatures()
    {
        var (train, _) = TestNetworks.Digits;
        var options = new MlpTrainerOptions { HiddenLayerSizes = [8], Epochs = 1, Augmentation = new ImageAugmentation(new ImageShape(28, 28), 0.1, true) };
        var error = Assert.Throws<ArgumentException>(() => new MlpTrainer(options).Train(train));
        Assert.Contains("784", error.Message);
    }

    [Fact]
    public void Train_WithAugmentationOnDigitsStillLearns()
    {
        var (train, test) = TestNetworks.Digits;
        var options = new MlpTrainerOptions { HiddenLayerSizes = [128], Epsilon = 10, Epochs = 10, BatchSize = 32, Seed = 2, Augmentation = new ImageAugmentation(new ImageShape(8, 8), 0.125, false) };
        var model = new MlpTrainer(options).Train(train, test);
        Assert.True(Evaluation.Classification(model, test).Accuracy > 0.8);
    }
}
