using System.Reflection;
using SparseMlNet.FeatureSelection;
using SparseMlNet.ML.FeatureSelection;
using SparseMlNet.ML.Trainers;
using SparseMlNet.Networks;
using SparseMlNet.Topology;
using SparseMlNet.Training;

namespace SparseMlNet.ML.Tests.Options;

/// <summary>
/// The engine options are the single definition of every hyperparameter: each ML.NET options class must mirror every public settable
/// engine property (same name, type, default) and hand a non-default value through to the engine unchanged.
/// </summary>
public sealed class EngineOptionsMirrorTests
{
    public static TheoryData<Type, Type> Pairs => new()
    {
        { typeof(MlpTrainerOptions), typeof(SparseMlpOptions) },
        { typeof(QuickSelectionOptions), typeof(QuickSelectionEstimatorOptions) },
        { typeof(NeuroFSOptions), typeof(NeuroFSEstimatorOptions) },
    };

    [Theory]
    [MemberData(nameof(Pairs))]
    public void EveryEngineOptionHasAMirrorWithTheSameTypeAndDefault(Type engineType, Type mlType)
    {
        object engine = Activator.CreateInstance(engineType)!;
        object ml = Activator.CreateInstance(mlType)!;
        foreach (PropertyInfo property in EngineOptionsMapping.EngineProperties(engineType))
        {
            PropertyInfo? mirror = mlType.GetProperty(property.Name, BindingFlags.Public | BindingFlags.Instance);
            Assert.True(mirror is { CanWrite: true }, $"{mlType.Name} lacks a settable {property.Name} mirroring {engineType.Name}.{property.Name}.");
            Assert.True(property.PropertyType == mirror!.PropertyType, $"{mlType.Name}.{property.Name} is {mirror.PropertyType.Name}; the engine's is {property.PropertyType.Name}.");
            object? expected = property.GetValue(engine);
            object? actual = mirror.GetValue(ml);
            if (expected is IEnumerable<int> list)
            {
                Assert.Equal(list, (IEnumerable<int>)actual!);
            }
            else
            {
                Assert.True(Equals(expected, actual), $"{mlType.Name}.{property.Name} defaults to {actual ?? "null"}; the engine's default is {expected ?? "null"}.");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Pairs))]
    public void EveryEngineOptionSurvivesTheConversion(Type engineType, Type mlType)
    {
        object ml = Activator.CreateInstance(mlType)!;
        var chosen = new Dictionary<string, object?>();
        foreach (PropertyInfo property in EngineOptionsMapping.EngineProperties(engineType))
        {
            PropertyInfo mirror = mlType.GetProperty(property.Name)!;
            object? value = OtherValue(property.PropertyType, mirror.GetValue(ml));
            mirror.SetValue(ml, value);
            chosen[property.Name] = value;
        }

        object engine = mlType.GetMethod("ToEngineOptions", BindingFlags.NonPublic | BindingFlags.Instance)!.Invoke(ml, null)!;

        foreach (var (name, value) in chosen)
        {
            object? converted = engineType.GetProperty(name)!.GetValue(engine);
            if (value is IEnumerable<int> list)
            {
                Assert.Equal(list, (IEnumerable<int>)converted!);
            }
            else
            {
                Assert.True(Equals(value, converted), $"{engineType.Name}.{name} is {converted ?? "null"} after conversion; {value} was set.");
            }
        }
    }

    [Fact]
    public void DenseLearningRateDefaultIsTheEngines()
    {
        var options = new SparseMlpOptions { Kind = NetworkKind.Dense };
        Assert.Null(options.LearningRate);
        Assert.Equal(MlpTrainerOptions.Defaults.DenseLearningRate, options.ToEngineOptions().EffectiveLearningRate);
    }

    [Fact]
    public void WeightDecayHasTheEnginesRange()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new SparseMlpOptions { WeightDecay = 1f }.Validate());
        Assert.Equal(nameof(SparseMlpOptions.WeightDecay), error.ParamName);
    }

    /// <summary>A value of <paramref name="type"/> different from <paramref name="current"/>.</summary>
    private static object? OtherValue(Type type, object? current)
    {
        Type underlying = Nullable.GetUnderlyingType(type) ?? type;
        return underlying switch
        {
            _ when underlying == typeof(int) => (int)(current ?? 3) + 1,
            _ when underlying == typeof(float) => (float)(current ?? 0.05f) * 0.5f,
            _ when underlying == typeof(double) => (double)(current ?? 0.25) * 0.5,
            _ when underlying == typeof(bool) => !(bool)current!,
            _ when underlying.IsEnum => Enum.GetValues(underlying).Cast<object>().First(v => !Equals(v, current)),
            _ when underlying == typeof(IReadOnlyList<int>) => new[] { 7, 5 },
            _ when underlying == typeof(TopologyEvolution) => TopologyEvolution.Set(0.1, evolveOutputLayer: false),
            _ when underlying == typeof(ImageAugmentation) => new ImageAugmentation(new SparseMlNet.Data.ImageShape(8, 8), 0.1, horizontalFlip: true),
            _ => throw new InvalidOperationException($"The mirror test has no sample value for {type.Name}: add one."),
        };
    }
}
