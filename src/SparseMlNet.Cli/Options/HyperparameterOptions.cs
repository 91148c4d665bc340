using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Reflection;

namespace SparseMlNet.Cli.Options;

/// <summary>
/// The command-line options of one or more engine options types, built from <see cref="HyperparameterTable"/>: one option per public settable
/// property that has a row (minus the excluded ones), typed by the property, with the engine's default shown in the help. Options types that
/// share a property (<c>select</c> offers QuickSelection's and NeuroFS's) share its one option. <see cref="Apply{TOptions}"/> copies every option
/// given on the command line onto a new options object, whose other properties keep the engine's defaults.
/// </summary>
internal sealed class HyperparameterOptions
{
    private readonly List<(Option Option, string Property)> _bindings = [];

    /// <param name="optionTypes">The engine options types (<c>MlpTrainerOptions</c>, <c>QuickSelectionOptions</c>, <c>NeuroFSOptions</c>); each needs a public parameterless constructor.</param>
    /// <param name="exclude">Properties the command handles itself or does not offer.</param>
    /// <param name="defaultNotes">Help text replacing the shown default of a property, for defaults that depend on other options.</param>
    /// <param name="typeNames">Names of the types for the help text where their defaults differ (for example "quickselection", "neurofs").</param>
    public HyperparameterOptions(IReadOnlyList<Type> optionTypes, IEnumerable<string>? exclude = null, IReadOnlyDictionary<string, string>? defaultNotes = null, IReadOnlyList<string>? typeNames = null)
    {
        var skipped = new HashSet<string>(exclude ?? []);
        var defaults = optionTypes.Select(t => Activator.CreateInstance(t)!).ToArray();
        foreach (HyperparameterTable.Row row in HyperparameterTable.Rows)
        {
            var owners = optionTypes
                .Select((t, i) => (Index: i, Property: t.GetProperty(row.Property, BindingFlags.Public | BindingFlags.Instance)))
                .Where(o => o.Property is { CanWrite: true, SetMethod.IsPublic: true })
                .ToList();
            if (owners.Count == 0 || skipped.Contains(row.Property))
            {
                continue;
            }

            string shown;
            if (defaultNotes is not null && defaultNotes.TryGetValue(row.Property, out var note))
            {
                shown = note;
            }
            else
            {
                var values = owners.Select(o => (o.Index, Text: HyperparameterTable.Show(o.Property!.GetValue(defaults[o.Index])))).ToList();
                shown = values.Select(v => v.Text).Distinct().Count() == 1 || typeNames is null
                    ? values[0].Text
                    : string.Join("; ", values.Select(v => $"{typeNames[v.Index]}: {v.Text}"));
            }

            _bindings.Add((Create(owners[0].Property!.PropertyType, row, shown), row.Property));
        }
    }

    /// <summary>The options, in table order.</summary>
    public IEnumerable<Option> All => _bindings.Select(b => b.Option);

    /// <summary>The option bound to <paramref name="property"/>.</summary>
    /// <exception cref="InvalidOperationException">No option for that property.</exception>
    public Option this[string property] => _bindings.First(b => b.Property == property).Option;

    /// <summary>The option name of an engine property (for error messages), or the property name when it has none.</summary>
    public string NameOf(string? property) => _bindings.FirstOrDefault(b => b.Property == property).Option?.Name ?? property ?? "an option";

    /// <summary>
    /// Runs an engine options object's own range checks and words the first failure for the command line, naming the option rather than the
    /// property; done at invocation, as option defaults are not yet applied while validators run.
    /// </summary>
    /// <param name="validate">The options' <c>Validate</c>.</param>
    /// <returns>"--option: message" for the first value out of range, or null.</returns>
    public string? RangeError(Action validate)
    {
        try
        {
            validate();
            return null;
        }
        catch (ArgumentException ex)
        {
            return $"{NameOf(ex.ParamName)}: {UserErrors.WithoutParameterSuffix(ex.Message)}";
        }
    }

    /// <summary>Whether the option of <paramref name="property"/> was given on the command line.</summary>
    public bool IsGiven(SymbolResult parse, string property) => parse.GetResult(this[property]) is { Implicit: false };

    /// <summary>Options given on the command line that <typeparamref name="TOptions"/> does not have (for "--x applies to the other method" errors).</summary>
    public IEnumerable<string> GivenButNotIn<TOptions>(SymbolResult parse) =>
        _bindings.Where(b => typeof(TOptions).GetProperty(b.Property) is null && parse.GetResult(b.Option) is { Implicit: false }).Select(b => b.Option.Name);

    /// <summary>A new <typeparamref name="TOptions"/> with every option given on the command line applied; the rest keep the engine's defaults.</summary>
    public TOptions Apply<TOptions>(SymbolResult parse)
        where TOptions : new()
    {
        var options = new TOptions();
        foreach (var (option, name) in _bindings)
        {
            PropertyInfo? property = typeof(TOptions).GetProperty(name, BindingFlags.Public | BindingFlags.Instance);
            if (property is not null && parse.GetResult(option) is OptionResult { Implicit: false } result)
            {
                object? value = result.GetValueOrDefault<object?>();
                property.SetValue(options, property.PropertyType == typeof(IReadOnlyList<int>) ? (int[]?)value ?? [] : value);
            }
        }

        return options;
    }

    private static Option Create(Type propertyType, HyperparameterTable.Row row, string shownDefault)
    {
        Type value = propertyType == typeof(IReadOnlyList<int>) ? typeof(int[])
            : propertyType == typeof(bool) || Nullable.GetUnderlyingType(propertyType) is not null ? propertyType
            : propertyType.IsValueType ? typeof(Nullable<>).MakeGenericType(propertyType)
            : propertyType;
        var option = (Option)Activator.CreateInstance(typeof(Option<>).MakeGenericType(value), row.Option, Array.Empty<string>())!;
        option.Description = propertyType == typeof(bool) ? row.Description : $"{row.Description} [default: {shownDefault}]";
        if (row.HelpName.Length > 0)
        {
            option.HelpName = row.HelpName;
        }

        if (value == typeof(int[]))
        {
            ((Option<int[]>)option).CustomParser = result => ParseSizes(result, row.Option);
        }

        return option;
    }

    /// <summary>Comma-separated positive sizes, or 'none' for an empty list.</summary>
    private static int[] ParseSizes(ArgumentResult result, string name)
    {
        string text = string.Join(",", result.Tokens.Select(t => t.Value)).Trim();
        if (text.Equals("none", StringComparison.OrdinalIgnoreCase))
        {
            return [];
        }

        var sizes = new List<int>();
        foreach (string part in text.Split(',', StringSplitOptions.TrimEntries))
        {
            if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out int size) || size < 1)
            {
                result.AddError($"{name}: '{part}' is not a layer size; give positive integers separated by commas, such as 1000,1000,1000, or 'none'.");
                return [];
            }

            sizes.Add(size);
        }

        return [.. sizes];
    }
}
