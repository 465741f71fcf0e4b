using System.CommandLine;

namespace FraudLab.Cli.Commands;

/// <summary><c>fraudlab process</c>. Placeholder until its issue lands.</summary>
internal static class ProcessCommand
{
    public static Command Create()
    {
        var command = new Command("process", "(not yet available)");
        command.SetAction(_ => CommandRunner.Fail("'process' is not available yet"));
        return command;
    }
}
