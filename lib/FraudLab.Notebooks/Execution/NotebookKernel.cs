using FraudLab.Notebooks.Magics;
using FraudLab.Notebooks.Packages;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.Events;

namespace FraudLab.Notebooks.Execution;

/// <summary>
/// <see cref="Kernel.Root"/> while a notebook runs in the kit's engine: a <see cref="SubmitCode"/> of magic
/// commands restores and references like a cell's own magics; C# code in it is refused (a CommandFailed event).
/// </summary>
internal sealed class NotebookKernel(string folder, Func<CellDirectives, CancellationToken, Task> reference) : Kernel
{
    public override async Task<KernelCommandResult> SendAsync(KernelCommand command, CancellationToken cancellationToken = default)
    {
        if (command is not SubmitCode submit)
        {
            return Failed($"the kit's engine does not run {command.GetType().Name} commands");
        }

        try
        {
            var directives = MagicParser.Parse(submit.Code, folder);
            if (!string.IsNullOrWhiteSpace(directives.Code))
            {
                return Failed("the kit's engine runs only magic commands (#r, #i) sent through Kernel.Root.SendAsync, not C# code");
            }

            await reference(directives, cancellationToken);
            return new KernelCommandResult([new CommandSucceeded()]);
        }
        catch (Exception ex) when (ex is MagicCommandException or PackageRestoreException)
        {
            return Failed(ex.Message);
        }
    }

    private static KernelCommandResult Failed(string message) => new([new CommandFailed(message)]);
}
