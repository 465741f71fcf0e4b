using System.CommandLine;

namespace FraudLab.Cli.Commands;

/// <summary><c>fraudlab workshop</c>. Placeholder until its issue lands.</summary>
internal static class WorkshopCommand
{
    public static Command Create()
    {
        var command = new Command("workshop", "(not yet available)");
        command.SetAction(_ => CommandRunner.Fail("'workshop' is not available yet"));
        return command;
    }
}
