namespace FraudDetection.Stack;

/// <summary>The one line a failed command becomes: what failed, what the CLI said, and what to do when known.</summary>
internal static class CommandFailure
{
    public static StackException From(CliCommand command, ProcessResult result, string? hint = null) => hint is null
        ? new StackException($"'{Name(command)}' failed: {result.ErrorSummary}")
        : new StackException($"{hint} ({Name(command)}: {result.ErrorSummary})");

    /// <summary>Program and verb (<c>aws cloudformation deploy</c>), never the arguments that may be long or sensitive.</summary>
    public static string Name(CliCommand command) =>
        string.Join(' ', command.Arguments.Take(2).Select(a => a.ToShell()).Prepend(command.Program));
}
