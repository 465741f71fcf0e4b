using System.CommandLine;

namespace FraudLab.Cli.Commands;

/// <summary><c>fraudlab stack</c>. Placeholder until its issue lands.</summary>
internal static class StackCommand
{
    public static Command Create()
    {
        var command = new Command("stack", "(not yet available)");
        command.SetAction(_ => CommandRunner.Fail("'stack' is not available yet"));
        return command;
    }
}
