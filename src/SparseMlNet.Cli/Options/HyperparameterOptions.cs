using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Reflection;

namespace SparseMlNet.Cli.Options;

/// <summary>
/// The command-line options of one engine options type, built from <see cref="HyperparameterTable"/>: one option per public settable
/// property that has a row (minus the excluded ones), typed by the property, with the engine's default shown in the help. <see cref="Apply"/>
/// copies every option given on the command line onto a new options object, whose other properties keep the engine's defaults.
/// </summary>
/// <typeparam name="TOptions">The engine options type (<c>MlpTrainerOptions</c>, <c>QuickSelectionOptions</c>).</typeparam>
internal sealed class HyperparameterOptions<TOptions>
    where TOptions : new()
{
    private readonly List<(Option Option, PropertyInfo Property)> _bindings = [];

    /// <param name="exclude">Properties the command handles itself or does not offer.</param>
    /// <param name="defaultNotes">Help text replacing the shown default of a property, for defaults that depend on other options.</param>
    public HyperparameterOptions(IEnumerable<string>? exclude = null, IReadOnlyDictionary<string, string>? defaultNotes = null)
    {
        var skipped = new HashSet<string>(exclude ?? []);
        var defaults = new TOptions();
        foreach (PropertyInfo property in typeof(TOptions).GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (!property.CanWrite || !property.SetMethod!.IsPublic || skipped.Contains(property.Name) || HyperparameterTable.For(property.Name) is not { } row)
            {
                continue;
            }

            string shown = defaultNotes is not null && defaultNotes.TryGetValue(property.Name, out var note) ? note : HyperparameterTable.Show(property.GetValue(defaults));
            Option option = Create(property.PropertyType, row, shown);
            _bindings.Add((option, property));
        }
    }

    /// <summary>The options, in table order of their properties' declaration.</summary>
    public IEnumerable<Option> All => _bindings.Select(b => b.Option);

    /// <summary>The option bound to <paramref name="property"/>.</summary>
    /// <exception cref="KeyNotFoundException">No option for that property.</exception>
    public Option this[string property] => _bindings.First(b => b.Property.Name == property).Option;

    /// <summary>The option name of an engine property (for error messages), or the property name when it has none.</summary>
    public string NameOf(string? property) => _bindings.FirstOrDefault(b => b.Property.Name == property).Option?.Name ?? property ?? "an option";

    /// <summary>Whether the option of <paramref name="property"/> was given on the command line.</summary>
    public bool IsGiven(SymbolResult parse, string property) => parse.GetResult(this[property]) is { Implicit: false };

    /// <summary>A new options object with every option given on the command line applied; the rest keep the engine's defaults.</summary>
    public TOptions Apply(SymbolResult parse)
    {
        var options = new TOptions();
        foreach (var (option, property) in _bindings)
        {
            if (parse.GetResult(option) is OptionResult { Implicit: false } result)
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
            : propertyType.IsValueType && Nullable.GetUnderlyingType(propertyType) is null && propertyType != typeof(bool) ? typeof(Nullable<>).MakeGenericType(propertyType)
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
