namespace FraudDetection.Stack;

/// <summary>
/// Where a stack operation's commands go: <see cref="ExecutingSession"/> runs them,
/// <see cref="ScriptSession"/> (dry run) writes them down as a bash script. The operation's code is the same for both.
/// </summary>
public interface ICommandSession
{
    /// <summary>Runs <paramref name="command"/>; <paramref name="whileRunning"/> (e.g. event polling) runs alongside until it ends.</summary>
    Task RunAsync(CliCommand command, CancellationToken cancellationToken, Func<CancellationToken, Task>? whileRunning = null, string? failureHint = null);

    /// <summary>Runs <paramref name="command"/> and keeps its trimmed output as <paramref name="variable"/> for later commands.</summary>
    Task<CommandText> CaptureAsync(string variable, CliCommand command, CancellationToken cancellationToken);

    /// <summary>A remark for the reader (a comment line in a dry run).</summary>
    void Note(string text);
}
