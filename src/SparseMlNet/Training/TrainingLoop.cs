using System.Diagnostics;
using SparseMlNet.Networks;
using SparseMlNet.Networks.Layers;
using SparseMlNet.Randomness;
using SparseMlNet.Topology;

namespace SparseMlNet.Training;

/// <summary>
/// The epoch loop shared by every trainer (classifier, autoencoder): shuffle, mini-batch forward/backward/update, optional evaluation,
/// topology evolution when the policy's <see cref="IEvolutionSchedule"/> says so (SET: after every epoch but the last; RigL-style schedules also after
/// every ΔT-th mini-batch, with that mini-batch's gradient), metrics. Reproducible from one seed: the shuffle, dropout masks, input noise and evolution
/// each draw from streams derived from (seed, epoch), independent of the number of cores.
/// </summary>
internal sealed class TrainingLoop(MultilayerPerceptron network, TrainingSettings settings, TopologyEvolution? evolution, NeuronPruning? neuronPruning = null)
{
    /// <summary>Runs the loop.</summary>
    /// <param name="objective">The data and loss.</param>
    /// <param name="evaluate">Called after each epoch's training (before evolution): returns test loss and accuracy, or null.</param>
    /// <param name="onEpoch">Receives each epoch's metrics.</param>
    /// <param name="onBatch">Receives progress after each mini-batch.</param>
    /// <param name="cancellationToken">Checked between mini-batches.</param>
    /// <param name="validate">Called after each epoch's training (before evolution): returns validation loss and accuracy, or null for none.</param>
    /// <param name="earlyStopping">Observes the validation loss after each epoch, before evolution; stops the loop and restores the best epoch. Requires <paramref name="validate"/>.</param>
    /// <returns>The number of epochs trained.</returns>
    public int Run(
        IBatchObjective objective,
        Func<(double Loss, double Accuracy)>? evaluate,
        Action<EpochMetrics>? onEpoch,
        Action<BatchProgress>? onBatch,
        CancellationToken cancellationToken,
        Func<(double Loss, double Accuracy)>? validate = null,
        EarlyStopping? earlyStopping = null)
    {
        int epochsRun = 0;
        int n = objective.SampleCount;
        int batchSize = Math.Min(settings.BatchSize, n);
        var propagation = new Propagation(network, batchSize, training: true);
        var order = new int[n];
        for (int i = 0; i < n; i++)
        {
            order[i] = i;
        }

        ulong seed = SeedStreams.FromInt32(settings.Seed);
        int batches = (n + batchSize - 1) / batchSize;
        bool dropout = settings.Dropout > 0;
        var guard = new DivergenceGuard(network, settings.LearningRate);
        long step = 0;
        for (int epoch = 1; epoch <= settings.Epochs; epoch++)
        {
            var clock = Stopwatch.StartNew();
            SeedStreams.CreateRandom(seed, epoch, 1, 0, 0).Shuffle(order);
            double lossSum = 0;
            long correct = 0;
            double batchEvolveSeconds = 0;
            for (int b = 0; b < batches; b++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                ReadOnlySpan<int> rows = order.AsSpan(b * batchSize, Math.Min(batchSize, n - (b * batchSize)));
                ulong batchSeed = SeedStreams.Derive(seed, epoch, b, 2, 0);
                objective.Load(propagation, rows, batchSeed);
                propagation.Forward(settings.Dropout, batchSeed);
                var (loss, hits) = objective.Score(propagation, rows);
                guard.CheckBatch(loss, rows.Length, objective.LossNormaliser, epoch, b + 1);

                lossSum += loss;
                correct += hits;
                propagation.Backward(dropout);
                propagation.Update(settings.LearningRate, settings.Momentum, settings.WeightDecay, settings.FullRateFanIn);
                step++;
                if (evolution is not null && evolution.Schedule.ShouldEvolveAfterBatch(step, batches, settings.Epochs))
                {
                    // RigL's ΔT in mini-batches: the gradient is this mini-batch's (its inputs and deltas are still in the buffers).
                    long evolveStart = Stopwatch.GetTimestamp();
                    propagation = EvolveAndPrune(epoch, b + 1, seed, evolution.Schedule.ZetaAtBatch(evolution.Zeta, step, batches, settings.Epochs), propagation, batchSize);
                    batchEvolveSeconds += Stopwatch.GetElapsedTime(evolveStart).TotalSeconds;
                }

                onBatch?.Invoke(new BatchProgress(epoch, settings.Epochs, b + 1, batches));
            }

            guard.CheckEpoch(epoch, lossSum / n / objective.LossNormaliser);
            double trainSeconds = clock.Elapsed.TotalSeconds - batchEvolveSeconds;
            clock.Restart();
            var test = evaluate?.Invoke();
            var validation = validate?.Invoke();
            bool stop = validation is { } v && earlyStopping is not null && earlyStopping.Observe(epoch, v.Loss);
            double evalSeconds = clock.Elapsed.TotalSeconds;
            clock.Restart();
            if (evolution is not null && evolution.Schedule.ShouldEvolve(epoch, settings.Epochs) && !stop)
            {
                propagation = EvolveAndPrune(epoch, 0, seed, evolution.Schedule.ZetaAt(evolution.Zeta, epoch, settings.Epochs), propagation, batchSize);
            }

            double evolveSeconds = clock.Elapsed.TotalSeconds + batchEvolveSeconds;
            onEpoch?.Invoke(new EpochMetrics
            {
                Epoch = epoch,
                Epochs = settings.Epochs,
                TrainLoss = lossSum / n / objective.LossNormaliser,
                TrainAccuracy = objective.LossNormaliser == 1 ? (double)correct / n : double.NaN,
                TestLoss = test?.Loss ?? double.NaN,
                TestAccuracy = test?.Accuracy ?? double.NaN,
                ValidationLoss = validation?.Loss ?? double.NaN,
                ValidationAccuracy = validation?.Accuracy ?? double.NaN,
                TrainSeconds = trainSeconds,
                EvaluationSeconds = evalSeconds,
                EvolutionSeconds = evolveSeconds,
                PeakWorkingSetBytes = Process.GetCurrentProcess().PeakWorkingSet64,
                ManagedBytes = GC.GetTotalMemory(false),
                Layers = network.Layers.Select(l => new LayerMetrics(l.Inputs, l.Outputs, l.ConnectionCount, l.Density)).ToArray(),
            });
            epochsRun = epoch;
            if (stop)
            {
                break;
            }
        }

        earlyStopping?.RestoreBest();
        return epochsRun;
    }

    /// <summary>
    /// One evolution step with ζ = <paramref name="zeta"/>, then neuron pruning if on; returns the propagation to train on (new buffers when layers
    /// shrank). <paramref name="batch"/> is 0 for the step after an epoch, else the 1-based mini-batch of the epoch after which it runs, so each
    /// step draws from its own random streams (seed, epoch, layer, 3, batch).
    /// </summary>
    private Propagation EvolveAndPrune(int epoch, int batch, ulong seed, double zeta, Propagation propagation, int batchSize)
    {
        Evolve(epoch, batch, seed, zeta, propagation);
        if (neuronPruning is not null && neuronPruning.Prune(network).Sum() > 0)
        {
            // The layers shrank: new buffers for their new sizes (work and memory shrink with them).
            propagation = new Propagation(network, batchSize, training: true);
        }

        propagation.ResizeGradients();
        return propagation;
    }

    private void Evolve(int epoch, int batch, ulong seed, double zeta, Propagation propagation)
    {
        // Gradient growth ranks empty positions by the loss gradient of the last mini-batch trained (its inputs and deltas are still in the buffers).
        var gradients = new LayerGradient?[network.Layers.Count];
        if (evolution!.Growth is IGradientGrowthCriterion)
        {
            for (int l = 0; l < network.Layers.Count; l++)
            {
                Layer layer = network.Layers[l];
                if (layer is not SparseLayer || (l == network.Layers.Count - 1 && !evolution.EvolveOutputLayer))
                {
                    continue;
                }

                gradients[l] = new LayerGradient(
                    new CandidateGradient(propagation.LayerInputs(l), propagation.Stride, propagation.Deltas(l), layer.Outputs, propagation.Batch), layer.Inputs, layer.Outputs);
            }
        }

        // Layers evolve one after the other, each from its own seeded stream, so they share one set of the policy's scratch buffers (about
        // 18 bytes per connection of the largest layer) instead of one per core; the largest goes first, so the buffers are allocated once at
        // their final size instead of growing layer by layer (and leaving the smaller ones as garbage). The order does not change the result.
        int[] order = [.. Enumerable.Range(0, network.Layers.Count).OrderByDescending(l => network.Layers[l].ConnectionCount)];
        foreach (int l in order)
        {
            bool output = l == network.Layers.Count - 1;
            if (network.Layers[l] is SparseLayer sparse && (!output || evolution.EvolveOutputLayer))
            {
                evolution.Evolve(sparse, SeedStreams.CreateRandom(seed, epoch, l, 3, batch), zeta, gradients[l]);
            }
        }
    }
}
