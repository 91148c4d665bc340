using SparseMlNet.Kernels;
using SparseMlNet.Networks;
using SparseMlNet.Randomness;
using SparseMlNet.Training;

namespace SparseMlNet.FeatureSelection;

/// <summary>
/// The objective of a denoising autoencoder (Vincent et al., ICML 2008) for the shared <see cref="TrainingLoop"/>: the targets of a mini-batch are its clean
/// inputs x, the network sees x̃ = x + σ·N(0, 1) with noise redrawn for every mini-batch, and the loss is the squared reconstruction error, reported per element.
/// </summary>
/// <param name="features">Scaled training features, row-major [n, d]; labels play no part.</param>
/// <param name="featureCount">d, the autoencoder's input and output size.</param>
/// <param name="noiseFactor">σ; 0 disables the corruption.</param>
internal sealed class DenoisingObjective(float[] features, int featureCount, float noiseFactor) : IBatchObjective
{
    private float[] _targets = [];
    private int[] _parts = [];

    public int SampleCount => features.Length / featureCount;

    /// <summary>The summed squared error is divided by d per sample, so the loop reports the per-element mean squared error.</summary>
    public double LossNormaliser => featureCount;

    public void Load(Propagation propagation, ReadOnlySpan<int> rows, ulong seed)
    {
        int length = featureCount * propagation.Stride;
        if (_targets.Length != length)
        {
            _targets = new float[length];
            _parts = ParallelRanges.Even(featureCount, featureCount * propagation.MaxBatch < 32768 ? 1 : Environment.ProcessorCount);
        }

        // Clean inputs are the targets; the corrupted copy feeds the network. Padding columns stay zero in both.
        propagation.Gather(features, featureCount, rows, _targets);
        float[] inputs = propagation.Inputs;
        Array.Copy(_targets, inputs, length);
        if (noiseFactor > 0)
        {
            int stride = propagation.Stride;
            int batch = propagation.Batch;
            ParallelRanges.Run(_parts, (f0, f1) =>
            {
                for (int f = f0; f < f1; f++)
                {
                    // One stream per (mini-batch, feature): tag 5 keeps it apart from the dropout masks' (layer ≥ 1, neuron, 0, 0) streams.
                    GaussianNoise.Add(inputs.AsSpan(f * stride, batch), noiseFactor, SeedStreams.Derive(seed, 0, f, 5, 0));
                }
            });
        }
    }

    public (double LossSum, int Correct) Score(Propagation propagation, ReadOnlySpan<int> rows) => (propagation.SquaredErrorLoss(_targets), 0);
}
