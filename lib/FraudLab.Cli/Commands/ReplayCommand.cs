using System.CommandLine;

namespace FraudLab.Cli.Commands;

/// <summary><c>fraudlab replay</c>. Placeholder until its issue lands.</summary>
internal static class ReplayCommand
{
    public static Command Create()
    {
        var command = new Command("replay", "(not yet available)");
        command.SetAction(_ => CommandRunner.Fail("'replay' is not available yet"));
        return command;
    }
}
