using System.CommandLine;

namespace FraudLab.Cli.Commands;

/// <summary><c>fraudlab local</c>. Placeholder until its issue lands.</summary>
internal static class LocalCommand
{
    public static Command Create()
    {
        var command = new Command("local", "(not yet available)");
        command.SetAction(_ => CommandRunner.Fail("'local' is not available yet"));
        return command;
    }
}
