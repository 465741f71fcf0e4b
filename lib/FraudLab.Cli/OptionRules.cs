using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace FraudLab.Cli;

/// <summary>
/// Range rules for numeric options, checked while the command line is parsed: a value out of range is a usage error
/// naming the option and the allowed range, listed with every other problem of the line (see <see cref="CommandRunner"/>).
/// </summary>
internal static class OptionRules
{
    /// <summary>The value, when given, is at least <paramref name="minimum"/>.</summary>
    public static Option<T> AtLeast<T>(this Option<T> option, double minimum, string allowed)
    {
        option.Validators.Add(result => Check(result, option.Name, value => value >= minimum, allowed));
        return option;
    }

    /// <summary>The value, when given, is more than zero.</summary>
    public static Option<T> Positive<T>(this Option<T> option, string allowed)
    {
        option.Validators.Add(result => Check(result, option.Name, value => value > 0, allowed));
        return option;
    }

    /// <summary>A TCP port: 1–65535, or 0 too when <paramref name="allowZero"/> (pick a free one).</summary>
    public static Option<T> Port<T>(this Option<T> option, bool allowZero = false)
    {
        var minimum = allowZero ? 0 : 1;
        option.Validators.Add(result => Check(result, option.Name, value => value >= minimum && value <= 65535 && value == Math.Floor(value),
            allowZero ? "a port from 0 (any free port) to 65535" : "a port from 1 to 65535"));
        return option;
    }

    private static void Check(OptionResult result, string name, Func<double, bool> holds, string allowed)
    {
        if (result.Tokens.Count == 0)
        {
            return; // not on the line: the default applies
        }

        var text = result.Tokens[^1].Value;
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && !holds(value))
        {
            result.AddError($"{name} must be {allowed}, got {text}");
        }
    }
}
