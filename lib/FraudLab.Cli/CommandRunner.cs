using System.CommandLine;
using FraudDetection.Configuration;
using Spectre.Console;

namespace FraudLab.Cli;

/// <summary>Runs the parsed command; any failure becomes one readable line on stderr and a non-zero exit code.</summary>
internal static class CommandRunner
{
    public static async Task<int> InvokeAsync(RootCommand root, string[] args)
    {
        try
        {
            // Without the default handler, a CliException thrown inside an action reaches the catch below.
            return await root.Parse(args).InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (Exception ex) when (ex is KitConfigurationException or CliException or OperationCanceledException)
        {
            return Fail(ex.Message);
        }
        catch (Exception ex)
        {
            // Unexpected: still one line, with the type so it can be reported; the trace on request.
            if (Environment.GetEnvironmentVariable(DebugVariable) == "1")
            {
                Console.Error.WriteLine(ex);
            }

            return Fail($"{ex.GetType().Name}: {ex.Message} (set {DebugVariable}=1 for the stack trace)");
        }
    }

    /// <summary>Set to 1 to print the stack trace of an unexpected failure.</summary>
    public const string DebugVariable = "FRAUDLAB_DEBUG";

    /// <summary>Prints <c>fraudlab: error: …</c> on one line and returns exit code 1.</summary>
    public static int Fail(string message)
    {
        var oneLine = message.ReplaceLineEndings(" ").Trim();
        Console.Error.WriteLine($"fraudlab: error: {oneLine}");
        return 1;
    }

    /// <summary>
    /// Console for progress and tables; plain when output is redirected (CI, logs, tests), and then 240 columns wide
    /// rather than Spectre's 80, so paths, endpoints and tables are not wrapped.
    /// </summary>
    public static IAnsiConsole Out { get; } = CreateOut();

    private static IAnsiConsole CreateOut()
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Out) });
        if (Console.IsOutputRedirected)
        {
            console.Profile.Width = 240;
        }

        return console;
    }
}
