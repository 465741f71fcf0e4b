using System.CommandLine;

namespace FraudLab.Cli.Commands;

/// <summary><c>fraudlab notebooks</c>. Placeholder until its issue lands.</summary>
internal static class NotebooksCommand
{
    public static Command Create()
    {
        var command = new Command("notebooks", "(not yet available)");
        command.SetAction(_ => CommandRunner.Fail("'notebooks' is not available yet"));
        return command;
    }
}
