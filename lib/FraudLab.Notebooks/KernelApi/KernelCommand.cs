namespace Microsoft.DotNet.Interactive.Commands;

/// <summary>A command for <see cref="Kernel.SendAsync"/>.</summary>
public abstract class KernelCommand;
