using System.Text.RegularExpressions;

namespace FraudLab.Notebooks.Magics;

/// <summary>Reads the quoted argument of <c>#r "…"</c> and <c>#i "…"</c>.</summary>
internal static partial class MagicSyntax
{
    /// <summary>The text between the quotes after <paramref name="directive"/>, or null if the line is not that directive.</summary>
    public static string? QuotedArgument(string line, string directive)
    {
        var match = Directive().Match(line);
        return match.Success && match.Groups["name"].Value == directive ? match.Groups["value"].Value : null;
    }

    /// <summary>The text after a <c>nuget:</c> prefix, or null if there is none.</summary>
    public static string? NuGetPayload(string argument) =>
        argument.TrimStart().StartsWith("nuget:", StringComparison.OrdinalIgnoreCase)
            ? argument.TrimStart()["nuget:".Length..].Trim()
            : null;

    /// <summary>True for a line that starts like <c>#r "</c> or <c>#i "</c>.</summary>
    public static bool StartsDirective(string line) => DirectiveStart().IsMatch(line);

    [GeneratedRegex("^\\s*#[ri]\\s+\"")]
    private static partial Regex DirectiveStart();

    [GeneratedRegex("""^\s*#(?<name>[ri])\s+"(?<value>[^"]*)"\s*(//.*)?$""")]
    private static partial Regex Directive();
}
