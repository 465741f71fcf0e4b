using Microsoft.DotNet.Interactive.Events;

namespace Microsoft.DotNet.Interactive;

/// <summary>What a command sent to <see cref="Kernel.SendAsync"/> produced.</summary>
public sealed class KernelCommandResult(IReadOnlyList<KernelEvent> events)
{
    public IReadOnlyList<KernelEvent> Events { get; } = events;
}
