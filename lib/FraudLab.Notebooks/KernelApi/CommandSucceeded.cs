namespace Microsoft.DotNet.Interactive.Events;

/// <summary>The command ran.</summary>
public sealed class CommandSucceeded : KernelEvent;
