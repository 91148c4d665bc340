using System.Globalization;
using System.Numerics.Tensors;
using SparseMlNet.Networks;

namespace SparseMlNet.Training;

/// <summary>
/// Stops a training run that has diverged, so that a diverged network is never returned or saved. The rule, checked by
/// <see cref="TrainingLoop"/>:
/// <list type="bullet">
/// <item>every mini-batch: the loss must be finite (not NaN or infinity);</item>
/// <item>after every epoch: its mean training loss must stay below <see cref="LossGrowthLimit"/> times the mean loss of the first mini-batch
/// (measured before any update, the loss of the untrained network), and no weight or bias may exceed <see cref="WeightLimit"/> in magnitude.</item>
/// </list>
/// Healthy training lowers the loss from its first mini-batch; a loss ten times higher after a whole epoch, or weights of 10⁶ on inputs scaled
/// to unit size (initial weights are below 1), means the steps overshoot. Each breach throws <see cref="TrainingDivergedException"/>.
/// </summary>
internal sealed class DivergenceGuard(MultilayerPerceptron network, float learningRate)
{
    /// <summary>An epoch's mean loss above this multiple of the untrained network's loss counts as diverged.</summary>
    public const double LossGrowthLimit = 10;

    /// <summary>A weight or bias whose magnitude exceeds this counts as diverged.</summary>
    public const float WeightLimit = 1e6f;

    private double _reference = double.NaN;

    /// <summary>Checks one mini-batch's loss; the first call records the reference loss.</summary>
    /// <param name="lossSum">Summed loss of the mini-batch.</param>
    /// <param name="rows">Rows in the mini-batch; Range: ≥ 1.</param>
    /// <param name="normaliser">The objective's loss normaliser (outputs per row for a squared error, 1 for cross-entropy).</param>
    /// <param name="epoch">1-based epoch, for the message.</param>
    /// <param name="batch">1-based mini-batch, for the message.</param>
    /// <exception cref="TrainingDivergedException">The loss is NaN or infinite.</exception>
    public void CheckBatch(double lossSum, int rows, double normaliser, int epoch, int batch)
    {
        if (!double.IsFinite(lossSum))
        {
            throw new TrainingDivergedException(
                $"Training diverged at epoch {epoch}, mini-batch {batch}: the loss is {lossSum}. {Advice}");
        }

        if (double.IsNaN(_reference))
        {
            _reference = lossSum / rows / normaliser;
        }
    }

    /// <summary>Checks an epoch's mean loss against the reference and every weight against <see cref="WeightLimit"/>.</summary>
    /// <param name="epoch">1-based epoch, for the message.</param>
    /// <param name="meanLoss">The epoch's mean training loss (same normalisation as the reference).</param>
    /// <exception cref="TrainingDivergedException">The loss grew past the limit, or a weight or bias is too large.</exception>
    public void CheckEpoch(int epoch, double meanLoss)
    {
        if (_reference > 0 && meanLoss > LossGrowthLimit * _reference)
        {
            throw new TrainingDivergedException(string.Create(
                CultureInfo.InvariantCulture,
                $"Training diverged at epoch {epoch}: the mean training loss {meanLoss:G4} is more than {LossGrowthLimit} times the untrained network's {_reference:G4}. {Advice}"));
        }

        for (int l = 0; l < network.Layers.Count; l++)
        {
            var layer = network.Layers[l];
            float weights = layer.WeightArray.Length == 0 ? 0 : TensorPrimitives.MaxMagnitude<float>(layer.WeightArray);
            float biases = TensorPrimitives.MaxMagnitude<float>(layer.Bias);
            float largest = Math.Max(Math.Abs(weights), Math.Abs(biases));
            if (!(largest <= WeightLimit))
            {
                throw new TrainingDivergedException(string.Create(
                    CultureInfo.InvariantCulture,
                    $"Training diverged at epoch {epoch}: layer {l + 1} holds a weight of magnitude {largest:G3}, above the bound {WeightLimit:G3}. {Advice}"));
            }
        }
    }

    private string Advice => string.Create(CultureInfo.InvariantCulture, $"Lower the learning rate (now {learningRate}) or check the feature scaling.");
}
