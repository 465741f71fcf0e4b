using System.CommandLine;
using System.CommandLine.Parsing;
using FraudDetection.Configuration;
using Spectre.Console;

namespace FraudLab.Cli;

/// <summary>Runs the parsed command; any failure becomes one readable line on stderr and a non-zero exit code.</summary>
internal static partial class CommandRunner
{
    public static async Task<int> InvokeAsync(RootCommand root, string[] args)
    {
        try
        {
            var parse = root.Parse(args);
            if (parse.Errors.Count > 0 && parse.Action is not { ClearsParseErrors: true })
            {
                return UsageError(parse);
            }

            // Without the default handler, a CliException thrown inside an action reaches the catch below.
            return await parse.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
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

    /// <summary>Exit code of a failed command.</summary>
    public const int FailureExitCode = 1;

    /// <summary>Exit code of a command line that could not be used: unknown verb or option, missing or out-of-range value.</summary>
    public const int UsageExitCode = 2;

    /// <summary>
    /// Every problem of the command line at once, on one line, and where the help is; never the whole help
    /// (System.CommandLine's default prints each error and then the help).
    /// </summary>
    private static int UsageError(ParseResult parse)
    {
        var path = new List<string>();
        for (var result = parse.CommandResult; result is not null; result = result.Parent as CommandResult)
        {
            path.Insert(0, result.Command.Name);
        }

        path[0] = "fraudlab";
        var verb = string.Join(' ', path);
        var problems = parse.Errors.Select(e => Plain(e.Message)).Distinct().ToList();
        var command = parse.CommandResult.Command;
        if (command.Subcommands.Count > 0 && command.Action is null)
        {
            // "fraudlab frobnicate" or "fraudlab local": one statement naming the commands, not "required command was
            // not provided" beside "unrecognized command or argument".
            var verbs = string.Join(", ", command.Subcommands.Select(c => c.Name));
            problems = parse.UnmatchedTokens.Count > 0
                ? [$"unknown command '{parse.UnmatchedTokens[0]}' (the commands: {verbs})"]
                : [$"a command is needed: {verbs}"];
        }

        Console.Error.WriteLine($"fraudlab: error: {string.Join("; ", problems).ReplaceLineEndings(" ")} (see '{verb} --help')");
        return UsageExitCode;
    }

    /// <summary>System.CommandLine's messages, said the way the kit's other errors are (option first, no type names).</summary>
    private static string Plain(string message)
    {
        message = message.TrimEnd('.');
        if (CannotParse().Match(message) is { Success: true } cannot)
        {
            var type = cannot.Groups["type"].Value;
            var expected = type.Contains("Int", StringComparison.Ordinal) ? "a whole number"
                : type.Contains("Double", StringComparison.Ordinal) || type.Contains("Decimal", StringComparison.Ordinal) ? "a number"
                : type.Contains("DateTime", StringComparison.Ordinal) ? "a date-time such as 2026-12-01T10:00:00Z"
                : type.Contains("TimeSpan", StringComparison.Ordinal) ? "a duration such as 00:05:00"
                : "a valid value";
            return $"{cannot.Groups["option"].Value}: '{cannot.Groups["value"].Value}' is not {expected}";
        }

        if (Unrecognized().Match(message) is { Success: true } unrecognized)
        {
            return $"unknown option or argument '{unrecognized.Groups["token"].Value}'";
        }

        if (RequiredArgument().Match(message) is { Success: true } argument)
        {
            return $"<{argument.Groups["name"].Value}> is missing";
        }

        if (Required().Match(message) is { Success: true } required)
        {
            return $"{required.Groups["option"].Value} is required";
        }

        return message;
    }

    [System.Text.RegularExpressions.GeneratedRegex("^Cannot parse argument '(?<value>.*)' for option '(?<option>[^']+)' as expected type '(?<type>[^']+)'$")]
    private static partial System.Text.RegularExpressions.Regex CannotParse();

    [System.Text.RegularExpressions.GeneratedRegex("^Required argument '(?<name>[^']+)' missing for command: '[^']*'$")]
    private static partial System.Text.RegularExpressions.Regex RequiredArgument();

    [System.Text.RegularExpressions.GeneratedRegex("^Unrecognized command or argument '(?<token>.*)'$")]
    private static partial System.Text.RegularExpressions.Regex Unrecognized();

    [System.Text.RegularExpressions.GeneratedRegex("^Option '(?<option>[^']+)' is required$")]
    private static partial System.Text.RegularExpressions.Regex Required();

    /// <summary>Set to 1 to print the stack trace of an unexpected failure.</summary>
    public const string DebugVariable = "FRAUDLAB_DEBUG";

    /// <summary>Prints <c>fraudlab: error: …</c> on one line and returns exit code 1.</summary>
    public static int Fail(string message)
    {
        var oneLine = message.ReplaceLineEndings(" ").Trim();
        Console.Error.WriteLine($"fraudlab: error: {oneLine}");
        return FailureExitCode;
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
