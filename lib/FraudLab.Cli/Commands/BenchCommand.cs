using System.CommandLine;

namespace FraudLab.Cli.Commands;

/// <summary><c>fraudlab bench</c>. Placeholder until its issue lands.</summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var command = new Command("bench", "(not yet available)");
        command.SetAction(_ => CommandRunner.Fail("'bench' is not available yet"));
        return command;
    }
}
