using System.Globalization;
using System.Reflection;
using Microsoft.ML;
using Microsoft.ML.SearchSpace;
using SparseMlNet.ML.FeatureSelection;
using SparseMlNet.ML.Tests.Support;
using SparseMlNet.ML.Trainers;

namespace SparseMlNet.ML.Tests.Trainers;

/// <summary>
/// The search-space attributes on the options are what AutoML's <c>SearchSpace&lt;T&gt;</c> reads (Microsoft.ML.AutoML is not served to
/// this project, so this test does its job with ML.NET alone): read the space by reflection, sample configurations, cross-validate each
/// on the tissue gene-expression data and keep the best by MicroAccuracy.
/// </summary>
public sealed class SearchSpaceSweepTests
{
    [Theory]
    [InlineData(typeof(SparseMlpOptions))]
    [InlineData(typeof(QuickSelectionEstimatorOptions))]
    public void EverySearchedOptionStartsAtItsDefaultInsideItsRange(Type optionsType)
    {
        object defaults = Activator.CreateInstance(optionsType)!;
        var searched = Space(optionsType).ToList();
        Assert.NotEmpty(searched);
        foreach (var (property, attribute) in searched)
        {
            object? value = property.GetValue(defaults);
            switch (attribute)
            {
                case RangeAttribute range:
                    double min = Convert.ToDouble(range.Min, CultureInfo.InvariantCulture);
                    double max = Convert.ToDouble(range.Max, CultureInfo.InvariantCulture);
                    double init = Convert.ToDouble(range.Init, CultureInfo.InvariantCulture);
                    Assert.True(min < max && init >= min && init <= max, $"{property.Name}: init {init} outside [{min}, {max}]");
                    Assert.True(!range.LogBase || min > 0, $"{property.Name}: a log-scaled range needs min > 0");
                    double current = value is null ? init : Convert.ToDouble(value, CultureInfo.InvariantCulture);
                    Assert.Equal(init, current, 5);
                    break;
                case ChoiceAttribute choice:
                    Assert.Contains(value?.ToString(), choice.Candidates.Select(c => c.ToString()));
                    Assert.Equal(value?.ToString(), choice.DefaultValue?.ToString());
                    break;
                case BooleanChoiceAttribute boolean:
                    Assert.Equal(boolean.DefaultValue, value);
                    break;
            }
        }
    }

    [Fact]
    public void SparseMlpSearchSpaceCoversArchitectureKindAndActivation()
    {
        var names = Space(typeof(SparseMlpOptions)).Select(s => s.Property.Name).ToHashSet();
        Assert.Superset(new HashSet<string> { "HiddenLayerWidth", "HiddenLayerCount", "Kind", "Activation", "Epsilon", "Zeta", "LearningRate", "Epochs", "BatchSize", "Dropout" }, names);
    }

    [Fact]
    public void Sweep_EightSampledConfigurationsCrossValidatedOnTissue_PicksTheBestByMicroAccuracy()
    {
        var ml = new MLContext(seed: 1);
        var data = ml.Transforms.Conversion.MapValueToKey("Label").Append(ml.Transforms.NormalizeMeanVariance("Features", fixZero: false))
            .Fit(TestData.Tissue(ml)).Transform(TestData.Tissue(ml));
        data = ml.Data.Cache(data);
        var random = new Random(2026);
        var results = new List<(SparseMlpOptions Options, double MicroAccuracy)>();
        for (int trial = 0; trial < 8; trial++)
        {
            var options = Sample<SparseMlpOptions>(random);
            // The test's time budget, not part of the search space: at most 2 × 128 neurons, 10 to 30 epochs of at least 4 steps per fit.
            options.MinimumBatchesPerEpoch = 4;
            options.HiddenLayerWidth = Math.Min(options.HiddenLayerWidth, 128);
            options.HiddenLayerCount = Math.Min(options.HiddenLayerCount, 2);
            options.Epochs = Math.Clamp(options.Epochs ?? SparseMlNet.Training.MlpTrainerOptions.Defaults.Epochs, 10, 30);
            var folds = ml.MulticlassClassification.CrossValidate(data, ml.MulticlassClassification.Trainers.SparseMlp(options), numberOfFolds: 5, seed: 3);
            results.Add((options, folds.Average(f => f.Metrics.MicroAccuracy)));
        }

        Assert.Equal(8, results.Select(r => $"{r.Options.Kind}/{r.Options.Activation}/{r.Options.HiddenLayerWidth}/{r.Options.LearningRate}/{r.Options.Epsilon}").Distinct().Count());
        var best = results.MaxBy(r => r.MicroAccuracy);
        Assert.True(best.MicroAccuracy > 0.95, $"best 5-fold MicroAccuracy {best.MicroAccuracy:F3} ({best.Options.Kind}, {best.Options.Activation})");
        Assert.True(best.MicroAccuracy > results.Min(r => r.MicroAccuracy), "every configuration scored the same: the sampled values did not reach the trainer");
    }

    /// <summary>The searched properties of an options type and their attribute.</summary>
    private static IEnumerable<(PropertyInfo Property, Attribute Attribute)> Space(Type optionsType) =>
        from p in optionsType.GetProperties(BindingFlags.Public | BindingFlags.Instance)
        let a = p.GetCustomAttributes().FirstOrDefault(a => a is RangeAttribute or ChoiceAttribute or BooleanChoiceAttribute)
        where a is not null
        select (p, a);

    /// <summary>One configuration drawn uniformly from the space (log-uniformly where the range is log-scaled), as AutoML's random tuner does.</summary>
    private static T Sample<T>(Random random)
        where T : new()
    {
        var options = new T();
        foreach (var (property, attribute) in Space(typeof(T)))
        {
            Type type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            object value = attribute switch
            {
                RangeAttribute r => Draw(r, random, type),
                ChoiceAttribute c => type.IsEnum ? Enum.Parse(type, (string)c.Candidates[random.Next(c.Candidates.Length)]) : c.Candidates[random.Next(c.Candidates.Length)],
                BooleanChoiceAttribute => random.Next(2) == 1,
                _ => throw new InvalidOperationException(),
            };
            property.SetValue(options, value);
        }

        return options;
    }

    private static object Draw(RangeAttribute range, Random random, Type type)
    {
        double min = Convert.ToDouble(range.Min, CultureInfo.InvariantCulture);
        double max = Convert.ToDouble(range.Max, CultureInfo.InvariantCulture);
        double u = random.NextDouble();
        double x = range.LogBase ? Math.Exp(Math.Log(min) + (u * (Math.Log(max) - Math.Log(min)))) : min + (u * (max - min));
        return type == typeof(int) ? (object)(int)Math.Round(x) : type == typeof(float) ? (object)(float)x : (object)x;
    }
}
