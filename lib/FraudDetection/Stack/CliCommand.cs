namespace FraudDetection.Stack;

/// <summary>A command the stack helper runs (or, in a dry run, prints): program, arguments and extra environment.</summary>
public sealed record CliCommand(string Program, IReadOnlyList<CommandText> Arguments, IReadOnlyList<KeyValuePair<string, CommandText>> Environment)
{
    public CliCommand(string program, params IEnumerable<CommandText> arguments)
        : this(program, [.. arguments], [])
    {
    }

    public CliCommand WithEnvironment(string name, CommandText value) => this with { Environment = [.. Environment, new(name, value)] };

    public CliCommand WithArguments(params IEnumerable<CommandText> more) => this with { Arguments = [.. Arguments, .. more] };

    /// <summary>One bash line: <c>NAME=value program args…</c>.</summary>
    public string ToShell() => string.Join(' ', Environment.Select(e => $"{e.Key}={e.Value.ToShell()}")
        .Append(((CommandText)Program).ToShell())
        .Concat(Arguments.Select(a => a.ToShell())));

    /// <summary>The process to start once every captured value it needs is known.</summary>
    public ProcessRequest Resolve(IReadOnlyDictionary<string, string> values) => new(
        Program,
        [.. Arguments.Select(a => a.Resolve(values))],
        Environment.ToDictionary(e => e.Key, e => e.Value.Resolve(values), StringComparer.Ordinal));

    public override string ToString() => ToShell();
}
