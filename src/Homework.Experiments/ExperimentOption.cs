// An experiment's option: its name, what it means, its default (the homework's value, or ours where the homework is
// silent — the page says which), its --quick value, and what values it accepts. Parsing and validation live here
// once for every experiment, so every bad value gets the same one-line answer.
using System.CommandLine;
using System.Globalization;

namespace Homework.Experiments;

/// <summary>Where an option's default comes from.</summary>
public enum DefaultSource
{
    /// <summary>The homework states this value.</summary>
    Homework,
    /// <summary>The homework is silent (or its value is in starter code we do not have); we chose it.</summary>
    Ours,
}

/// <summary>An option of an experiment, untyped view (for listing, the page's config table and reproduce commands).</summary>
public abstract class ExperimentOption
{
    private protected ExperimentOption(string name, string description, DefaultSource source)
    {
        if (!name.StartsWith("--", StringComparison.Ordinal)) throw new ArgumentException($"option name '{name}' must start with --", nameof(name));
        Name = name;
        Description = description;
        Source = source;
    }

    /// <summary>The option as typed, e.g. <c>--epochs</c>.</summary>
    public string Name { get; }

    /// <summary>What it sets, for <c>--help</c>.</summary>
    public string Description { get; }

    /// <summary>Whether the default is the homework's or ours.</summary>
    public DefaultSource Source { get; }

    /// <summary>The System.CommandLine option that parses it (one instance per command).</summary>
    public abstract Option CreateOption();

    /// <summary>The value to run with: the user's if given, else the quick value under --quick, else the default.</summary>
    public abstract object Resolve(ParseResult parse, Option option, bool quick);

    /// <summary>The value when the option is not given: the quick value under --quick, else the default.</summary>
    public abstract object ValueFor(bool quick);

    /// <summary>The default, as text.</summary>
    public abstract string DefaultText { get; }

    /// <summary><paramref name="value"/> as the command line spells it.</summary>
    public abstract string Format(object value);
}

/// <summary>A typed experiment option; declare one as a static field of the experiment and read it with <see cref="ExperimentContext.Get{T}"/>.</summary>
/// <typeparam name="T">int, long, double, bool, string or an enum.</typeparam>
public sealed class ExperimentOption<T> : ExperimentOption where T : notnull
{
    private readonly Func<T, bool> accepts;
    private readonly string allowed;

    /// <summary>
    /// An option <paramref name="name"/> with <paramref name="defaultValue"/>, <paramref name="quick"/> under --quick,
    /// accepting values for which <paramref name="accepts"/> holds, described to the user as <paramref name="allowed"/>
    /// (e.g. "a whole number from 1 to 10000").
    /// </summary>
    public ExperimentOption(string name, string description, T defaultValue, T quick, DefaultSource source, string allowed, Func<T, bool> accepts)
        : base(name, description, source)
    {
        Default = defaultValue;
        Quick = quick;
        this.accepts = accepts;
        this.allowed = allowed;
        if (!accepts(Default)) throw new ArgumentException($"{name}: the default {Format(Default)} is not {allowed}");
        if (!accepts(Quick)) throw new ArgumentException($"{name}: the quick value {Format(Quick)} is not {allowed}");
    }

    /// <summary>The value used when the option is not given.</summary>
    public T Default { get; }

    /// <summary>The same option under another name (an alias command's spelling, e.g. <c>--cnn-epochs</c>).</summary>
    public ExperimentOption<T> Renamed(string name, string description) => new(name, description, Default, Quick, Source, allowed, accepts);

    /// <summary>The value used under --quick when the option is not given.</summary>
    public T Quick { get; }

    /// <inheritdoc/>
    public override string DefaultText => Format(Default);

    /// <inheritdoc/>
    public override string Format(object value) => value switch
    {
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        Enum e => e.ToString().ToLowerInvariant(),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    /// <inheritdoc/>
    public override Option CreateOption()
    {
        var option = new Option<T>(Name)
        {
            Description = $"{Description} (default {DefaultText}{(Source == DefaultSource.Ours ? ", ours: the homework is silent" : ", the homework's")}; allowed: {allowed})",
            CustomParser = result =>
            {
                var token = result.Tokens.Count > 0 ? result.Tokens[^1].Value : null;
                if (typeof(T) == typeof(bool) && token is null) return (T)(object)true;
                if (token is not null && TryParse(token, out var value) && accepts(value)) return value;
                result.AddError($"{Name} must be {allowed}; got '{token}'");
                return default!;
            },
        };
        if (typeof(T) == typeof(bool)) option.Arity = ArgumentArity.ZeroOrOne;
        return option;
    }

    /// <inheritdoc/>
    public override object Resolve(ParseResult parse, Option option, bool quick)
    {
        var result = parse.GetResult(option);
        return result is not null && !result.Implicit ? parse.GetValue((Option<T>)option)! : ValueFor(quick);
    }

    /// <inheritdoc/>
    public override object ValueFor(bool quick) => quick ? Quick : Default;

    private static bool TryParse(string token, out T value)
    {
        object? parsed = null;
        var t = typeof(T);
        if (t == typeof(int) && int.TryParse(token, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i)) parsed = i;
        else if (t == typeof(long) && long.TryParse(token, NumberStyles.Integer, CultureInfo.InvariantCulture, out var l)) parsed = l;
        else if (t == typeof(double) && double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d)) parsed = d;
        else if (t == typeof(bool) && bool.TryParse(token, out var b)) parsed = b;
        else if (t == typeof(string)) parsed = token;
        else if (t.IsEnum && Enum.TryParse(t, token, ignoreCase: true, out var e) && Enum.IsDefined(t, e!) && !int.TryParse(token, out _)) parsed = e;
        value = parsed is null ? default! : (T)parsed;
        return parsed is not null;
    }
}

/// <summary>Factories for the common kinds of option.</summary>
public static class Define
{
    /// <summary>A whole number in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public static ExperimentOption<int> Int(string name, string description, int defaultValue, DefaultSource source, int min, int max, int? quick = null) =>
        new(name, description, defaultValue, quick ?? defaultValue, source, $"a whole number from {min} to {max}", v => v >= min && v <= max);

    /// <summary>A finite number in [<paramref name="min"/>, <paramref name="max"/>] (exclusive of <paramref name="min"/> when <paramref name="minExclusive"/>).</summary>
    public static ExperimentOption<double> Double(string name, string description, double defaultValue, DefaultSource source, double min, double max, bool minExclusive = false, double? quick = null) =>
        new(name, description, defaultValue, quick ?? defaultValue, source,
            minExclusive ? $"a number greater than {min.ToString(CultureInfo.InvariantCulture)} and at most {max.ToString(CultureInfo.InvariantCulture)}"
                         : $"a number from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)}",
            v => (minExclusive ? v > min : v >= min) && v <= max);

    /// <summary>One of an enum's names (case-insensitive).</summary>
    public static ExperimentOption<TEnum> Choice<TEnum>(string name, string description, TEnum defaultValue, DefaultSource source, TEnum? quick = null) where TEnum : struct, Enum =>
        new(name, description, defaultValue, quick ?? defaultValue, source, "one of " + string.Join(", ", Enum.GetNames<TEnum>().Select(n => n.ToLowerInvariant())), v => Enum.IsDefined(v));

    /// <summary>A switch: absent is false, <c>--name</c> is true.</summary>
    public static ExperimentOption<bool> Flag(string name, string description) =>
        new(name, description, false, false, DefaultSource.Ours, "true or false", _ => true);
}
