namespace Microsoft.DotNet.Interactive.Events;

/// <summary>The command failed; <see cref="Message"/> says why.</summary>
public sealed class CommandFailed(string message) : KernelEvent
{
    public string Message { get; } = message;
}
