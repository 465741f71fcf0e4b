namespace Microsoft.DotNet.Interactive.Events;

/// <summary>Something a command produced.</summary>
public abstract class KernelEvent;
