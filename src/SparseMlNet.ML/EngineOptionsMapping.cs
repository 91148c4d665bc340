using System.Reflection;

namespace SparseMlNet.ML;

/// <summary>
/// Converts the ML.NET options to the engine's by copying every public settable property of the engine options from the ML.NET property
/// of the same name, so the two cannot drift apart: the engine options are the single definition of each hyperparameter (name, default,
/// range, documentation via <c>inheritdoc</c>), the ML.NET options mirror them and add columns and monitoring. A test reflects over both.
/// </summary>
internal static class EngineOptionsMapping
{
    /// <summary>A new <typeparamref name="TEngine"/> with every engine property copied from <paramref name="source"/>.</summary>
    /// <exception cref="InvalidOperationException">An engine property has no counterpart of an assignable type (a programming error the mirror test catches).</exception>
    public static TEngine ToEngine<TEngine>(object source)
        where TEngine : new()
    {
        var target = new TEngine();
        foreach (PropertyInfo property in EngineProperties(typeof(TEngine)))
        {
            PropertyInfo mirror = source.GetType().GetProperty(property.Name, BindingFlags.Public | BindingFlags.Instance)
                ?? throw new InvalidOperationException($"{source.GetType().Name} has no property {property.Name} mirroring {typeof(TEngine).Name}.{property.Name}.");
            object? value = mirror.GetValue(source);
            if (value is IReadOnlyList<int> list)
            {
                value = list.ToArray();
            }

            property.SetValue(target, value);
        }

        return target;
    }

    /// <summary>The public settable instance properties of an engine options type: the hyperparameters the ML.NET options must mirror.</summary>
    public static IEnumerable<PropertyInfo> EngineProperties(Type engineOptions) =>
        engineOptions.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite && p.SetMethod!.IsPublic);
}
