using System.Reflection;

namespace SparseMlNet.ML.Tests.Docs;

/// <summary>The SparseMlNet types an ML.NET user meets: the public types of SparseMlNet.ML and the SparseMlNet types their public members take or return.</summary>
internal static class PublicSurface
{
    private const BindingFlags Members = BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    /// <summary>Each such type, with the member that exposes it ("(type)" for the SparseMlNet.ML types themselves).</summary>
    public static IReadOnlyList<(Type Type, string Via)> Types(Assembly layer)
    {
        var found = new Dictionary<Type, string>();
        foreach (var type in layer.GetExportedTypes())
        {
            found.TryAdd(type, "(type)");
            foreach (var member in type.GetMembers(Members))
            {
                foreach (var used in Signature(member).SelectMany(Unwrap).Where(IsSparseMlNet))
                {
                    found.TryAdd(used, $"{type.Name}.{member.Name}");
                }
            }
        }

        return found.Select(p => (p.Key, p.Value)).ToList();
    }

    private static IEnumerable<Type> Signature(MemberInfo member) => member switch
    {
        PropertyInfo p => [p.PropertyType],
        FieldInfo f => [f.FieldType],
        MethodBase m => m.GetParameters().Select(p => p.ParameterType).Concat(m is MethodInfo mi ? [mi.ReturnType] : []),
        EventInfo e when e.EventHandlerType is not null => [e.EventHandlerType],
        _ => [],
    };

    private static IEnumerable<Type> Unwrap(Type type)
    {
        if (type.HasElementType)
        {
            return Unwrap(type.GetElementType()!);
        }

        return type.IsGenericType ? [type.GetGenericTypeDefinition(), .. type.GetGenericArguments().SelectMany(Unwrap)] : [type];
    }

    private static bool IsSparseMlNet(Type type) => !type.IsGenericParameter && type.Namespace is { } ns && (ns == "SparseMlNet" || ns.StartsWith("SparseMlNet.", StringComparison.Ordinal));
}
