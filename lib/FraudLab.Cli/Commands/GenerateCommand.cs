using System.CommandLine;

namespace FraudLab.Cli.Commands;

/// <summary><c>fraudlab generate</c>. Placeholder until its issue lands.</summary>
internal static class GenerateCommand
{
    public static Command Create()
    {
        var command = new Command("generate", "(not yet available)");
        command.SetAction(_ => CommandRunner.Fail("'generate' is not available yet"));
        return command;
    }
}
