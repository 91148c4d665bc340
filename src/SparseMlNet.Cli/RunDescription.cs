using System.Text.Json;
using SparseMlNet.Data;
using SparseMlNet.Training;

namespace SparseMlNet.Cli;

/// <summary>Writes run.json: the hyperparameters and data of a <c>train</c> run, which the model file does not hold, so the run can be repeated.</summary>
internal static class RunDescription
{
    public static void Write(string path, MlpTrainerOptions options, ScalingKind scaling, TrainTestSets data)
    {
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read);
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteString("kind", options.Kind.ToString());
        json.WriteStartArray("hidden");
        foreach (int size in options.HiddenLayerSizes)
        {
            json.WriteNumberValue(size);
        }

        json.WriteEndArray();
        json.WriteNumber("epsilon", options.Epsilon);
        json.WriteNumber("zeta", options.Zeta);
        json.WriteNumber("learning_rate", options.EffectiveLearningRate);
        json.WriteNumber("full_rate_fan_in", options.FullRateFanIn);
        json.WriteNumber("momentum", options.Momentum);
        json.WriteNumber("weight_decay", options.WeightDecay);
        json.WriteNumber("dropout", options.Dropout);
        json.WriteNumber("batch_size", options.BatchSize);
        json.WriteNumber("epochs", options.EffectiveEpochs(data.Train.Count));
        json.WriteString("activation", options.Activation.ToString());
        json.WriteNumber("allrelu_alpha", options.AllReluAlpha);
        json.WriteBoolean("evolve_output_layer", options.EvolveOutputLayer);
        json.WriteNumber("seed", options.Seed);
        json.WriteString("scaling", scaling.ToString());
        json.WriteString("train_data", data.TrainSource);
        json.WriteString("test_data", data.TestSource);
        json.WriteNumber("train_rows", data.Train.Count);
        json.WriteNumber("test_rows", data.Test.Count);
        json.WriteNumber("features", data.Train.FeatureCount);
        json.WriteNumber("classes", data.Train.ClassCount);
        json.WriteString("sparsemlnet_version", typeof(MlpTrainer).Assembly.GetName().Version?.ToString());
        json.WriteEndObject();
    }
}
