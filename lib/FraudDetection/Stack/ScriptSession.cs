using System.Text;

namespace FraudDetection.Stack;

/// <summary>The dry run: records each command as the bash line that would run it. Nothing is executed.</summary>
public sealed class ScriptSession : ICommandSession
{
    private readonly List<string> lines = [];

    public IReadOnlyList<string> Lines => lines;

    public string Script => new StringBuilder().AppendJoin('\n', lines).Append('\n').ToString();

    public Task RunAsync(CliCommand command, CancellationToken cancellationToken, Func<CancellationToken, Task>? whileRunning = null, string? failureHint = null)
    {
        lines.Add(command.ToShell());
        return Task.CompletedTask;
    }

    public Task<CommandText> CaptureAsync(string variable, CliCommand command, CancellationToken cancellationToken)
    {
        var value = CommandText.Variable(variable);
        lines.Add($"{variable}=$({command.ToShell()})");
        return Task.FromResult(value);
    }

    public void Note(string text) => lines.Add($"# {text}");
}
