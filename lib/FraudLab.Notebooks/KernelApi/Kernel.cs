namespace Microsoft.DotNet.Interactive;

/// <summary>
/// The part of .NET Interactive's kernel API that the kit's notebooks use, so that the same cell runs in the real
/// kernel and in the kit's engine: <c>Kernel.Root.SendAsync(new SubmitCode("#i …\n#r …"))</c> (the notebooks'
/// loader cell). In the kit's engine only magic commands can be sent this way.
/// </summary>
public abstract class Kernel
{
    private static readonly AsyncLocal<Kernel?> Current = new();

    /// <summary>The kernel of the notebook that is running.</summary>
    public static Kernel Root => Current.Value ?? throw new InvalidOperationException("no notebook is running in this flow");

    /// <summary>Runs <paramref name="command"/>; its failure is a <see cref="Events.CommandFailed"/> event of the result, not an exception.</summary>
    public abstract Task<KernelCommandResult> SendAsync(Commands.KernelCommand command, CancellationToken cancellationToken = default);

    /// <summary>Makes <paramref name="root"/> the <see cref="Root"/> of this flow and the tasks it starts.</summary>
    internal static void Enter(Kernel root) => Current.Value = root;
}
