using System.Text;
using System.Text.RegularExpressions;

namespace FraudDetection.Stack;

/// <summary>
/// One command-line word, made of literal text and values that earlier commands captured
/// (the repository URI, the bootstrap brokers, a registry password). Rendered for a shell as
/// <c>literal"$VARIABLE"</c>, so a dry run prints a script that runs as printed; resolved to the real
/// text only when the command is executed, so a captured secret is never shown.
/// </summary>
public sealed partial class CommandText
{
    private readonly IReadOnlyList<Part> parts;

    private CommandText(IReadOnlyList<Part> parts) => this.parts = parts;

    public static implicit operator CommandText(string literal) => new([new Part(literal, IsVariable: false)]);

    /// <summary>The value a command captured under <paramref name="name"/> (a shell variable name).</summary>
    public static CommandText Variable(string name) => VariableName().IsMatch(name)
        ? new([new Part(name, IsVariable: true)])
        : throw new ArgumentException($"'{name}' is not a shell variable name", nameof(name));

    public static CommandText operator +(CommandText left, CommandText right) => new([.. left.parts, .. right.parts]);

    /// <summary>The word with captured values filled in; a value not captured yet is a programming error.</summary>
    public string Resolve(IReadOnlyDictionary<string, string> values) => string.Concat(parts.Select(p =>
        !p.IsVariable ? p.Text
        : values.TryGetValue(p.Text, out var value) ? value
        : throw new InvalidOperationException($"no value captured for ${p.Text}")));

    /// <summary>The word as bash reads it: safe text bare, other text quoted, variables as <c>"$NAME"</c>.</summary>
    public string ToShell() => string.Concat(parts.Select(p => p.IsVariable ? $"\"${p.Text}\"" : Quote(p.Text)));

    public override string ToString() => ToShell();

    private static string Quote(string text)
    {
        if (text.Length > 0 && SafeText().IsMatch(text))
        {
            return text;
        }

        if (!text.AsSpan().ContainsAny("$`\\\"!"))
        {
            return $"\"{text}\"";
        }

        return new StringBuilder("'").Append(text.Replace("'", "'\\''", StringComparison.Ordinal)).Append('\'').ToString();
    }

    [GeneratedRegex("^[A-Za-z0-9_@%+=:,./-]+$")]
    private static partial Regex SafeText();

    [GeneratedRegex("^[A-Z_][A-Z0-9_]*$")]
    private static partial Regex VariableName();

    private sealed record Part(string Text, bool IsVariable);
}
