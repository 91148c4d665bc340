using System.Reflection;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace SparseMlNet.ML.Persistence;

/// <summary>
/// Flattens a model into its transformers in application order, each with its <see cref="TransformerScope"/>: nested
/// <see cref="TransformerChain{TLastTransformer}"/>s are opened, and a transformer's scope is the intersection of its scope in every chain
/// around it. ML.NET keeps a chain's scopes private, so each scope bit is recovered from the public <c>GetModelFor</c>.
/// </summary>
internal static class ChainParts
{
    private static readonly TransformerScope[] ScopeBits = [TransformerScope.Training, TransformerScope.Testing, TransformerScope.Scoring];

    public static List<(ITransformer Transformer, TransformerScope Scope)> Flatten(ITransformer model)
    {
        var parts = new List<(ITransformer, TransformerScope)>();
        Add(model, TransformerScope.Everything, parts);
        return parts;
    }

    private static void Add(ITransformer model, TransformerScope outer, List<(ITransformer, TransformerScope)> parts)
    {
        if (!IsChain(model))
        {
            parts.Add((model, outer));
            return;
        }

        var members = ((IEnumerable<ITransformer>)model).ToList();
        var scopes = new TransformerScope[members.Count];
        var getModelFor = model.GetType().GetMethod(nameof(TransformerChain<ITransformer>.GetModelFor), BindingFlags.Public | BindingFlags.Instance, [typeof(TransformerScope)])
            ?? throw new InvalidOperationException("This ML.NET version's TransformerChain has no GetModelFor(TransformerScope).");
        foreach (var bit in ScopeBits)
        {
            var selected = ((IEnumerable<ITransformer>)getModelFor.Invoke(model, [bit])!).ToList();
            int next = 0;
            for (int i = 0; i < members.Count && next < selected.Count; i++)
            {
                if (ReferenceEquals(members[i], selected[next]))
                {
                    scopes[i] |= bit;
                    next++;
                }
            }
        }

        for (int i = 0; i < members.Count; i++)
        {
            Add(members[i], outer & scopes[i], parts);
        }
    }

    private static bool IsChain(ITransformer model) =>
        model.GetType() is { IsGenericType: true } type && type.GetGenericTypeDefinition() == typeof(TransformerChain<>);
}
