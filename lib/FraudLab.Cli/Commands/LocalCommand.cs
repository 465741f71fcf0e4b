using System.CommandLine;
using System.Globalization;
using FraudDetection.Configuration;
using FraudDetection.LocalStack;
using Spectre.Console;

namespace FraudLab.Cli.Commands;

/// <summary>
/// <c>fraudlab local up|down|status|check|kafka</c>: the embedded local stack (the kit's Kafka broker + dynalite).
/// The work is done by <see cref="LocalStackManager"/>; this file only parses options and prints.
/// </summary>
internal static class LocalCommand
{
    private static readonly Option<int?> KafkaPort = new Option<int?>("--kafka-port") { Description = "Port of the local Kafka broker (default 9092)." }.Port();
    private static readonly Option<int?> DynamoDbPort = new Option<int?>("--dynamodb-port") { Description = "Port of dynalite, the local DynamoDB (default 8000)." }.Port();
    private static readonly Option<string?> StateDir = new("--state-dir") { Description = "Folder for pids, logs, data and the discovery file stack.json (default .fraudlab/local)." };
    private static readonly Option<bool> InMemory = new("--in-memory") { Description = "Keep Kafka data in memory only; nothing survives `local down`." };
    private static readonly Option<string?> DynamoDbPath = new("--dynamodb-path") { Description = "Folder where dynalite keeps its data (default: in memory)." };
    private static readonly Option<bool> External = new("--external") { Description = "Start nothing: wait for a stack already running on the ports (docker compose) and create the topics and the table there." };

    public static Command Create()
    {
        var command = new Command("local", "The embedded local stack: the kit's Kafka broker and dynalite (local DynamoDB), no Docker, no cloud.");
        command.Subcommands.Add(CreateUp());
        command.Subcommands.Add(CreateDown());
        command.Subcommands.Add(CreateStatus());
        command.Subcommands.Add(CreateCheck());
        command.Subcommands.Add(LocalKafkaCommand.Create());
        return command;
    }

    private static Command CreateUp()
    {
        var up = new Command("up", "Start Kafka and DynamoDB in the background, create the topics and the audit table, write the discovery file.")
        {
            KafkaPort, DynamoDbPort, StateDir, InMemory, DynamoDbPath, External,
        };
        up.SetAction(OneLineErrors(async (parse, ct) =>
        {
            var manager = CreateManager(parse);
            if (parse.GetValue(External))
            {
                var (topics, table) = await RunWithStatusAsync("Preparing the external stack", progress => manager.PrepareExternalAsync(progress, ct));
                CommandRunner.Out.MarkupLineInterpolated($"[green]ready[/] Kafka {manager.Settings.BootstrapServers}, DynamoDB {manager.Settings.DynamoDbServiceUrl}: topics {(topics.Count > 0 ? "created " + string.Join(", ", topics) : "all present")}, table {table.TableName} {(table.Created ? "created" : "present")}");
                return 0;
            }

            var result = await RunWithStatusAsync("Starting the local stack", progress => manager.UpAsync(progress, ct));
            PrintUp(result, manager.Settings);
            return 0;
        }));
        return up;
    }

    private static Command CreateDown()
    {
        var down = new Command("down", "Stop exactly what `local up` started and remove the discovery file.") { StateDir };
        down.SetAction(OneLineErrors(async (parse, ct) =>
        {
            var manager = CreateManager(parse);
            var result = await RunWithStatusAsync("Stopping the local stack", progress => manager.DownAsync(progress, ct));
            foreach (var stopped in result.Stopped)
            {
                CommandRunner.Out.MarkupLineInterpolated($"[green]stopped[/] {stopped}");
            }

            PrintNotes(result.Notes);
            return 0;
        }));
        return down;
    }

    private static Command CreateStatus()
    {
        var status = new Command("status", "Ask each part over the wire: up or down, endpoint, topics, audit table item count. Exit 1 unless both are up.")
        {
            KafkaPort, DynamoDbPort, StateDir,
        };
        status.SetAction(OneLineErrors(async (parse, ct) =>
        {
            var manager = CreateManager(parse);
            var result = await manager.StatusAsync(ct);
            PrintStatus(result);
            if (result.AllUp)
            {
                return 0;
            }

            var down = string.Join(" and ", new[] { result.Kafka, result.DynamoDb }.Where(p => !p.Up).Select(p => $"{p.Name} ({p.Endpoint})"));
            return CommandRunner.Fail($"the local stack is not fully up: {down} not answering; start it with `fraudlab local up`");
        }));
        return status;
    }

    private static Command CreateCheck()
    {
        var check = new Command("check", "Round trip: write and read back one Kafka message and one DynamoDB item (throw-away topic and table).")
        {
            KafkaPort, DynamoDbPort, StateDir,
        };
        check.SetAction(OneLineErrors(async (parse, ct) =>
        {
            var manager = CreateManager(parse);
            var result = await RunWithStatusAsync("Round trip", _ => manager.RoundTripAsync(ct));
            CommandRunner.Out.MarkupLineInterpolated($"[green]ok[/] Kafka    message written and read back in {result.Kafka.TotalMilliseconds:0} ms");
            CommandRunner.Out.MarkupLineInterpolated($"[green]ok[/] DynamoDB item written and read back in {result.DynamoDb.TotalMilliseconds:0} ms");
            return 0;
        }));
        return check;
    }

    /// <summary>Options given on the command line become configuration overrides, so every other source still applies.</summary>
    private static LocalStackManager CreateManager(ParseResult parse)
    {
        var overrides = new Dictionary<string, string?>();
        void Set(string key, string? value)
        {
            if (value is not null)
            {
                overrides[$"{LocalStackOptions.Section}:{key}"] = value;
            }
        }

        Set(nameof(LocalStackOptions.KafkaPort), parse.GetValue(KafkaPort)?.ToString(CultureInfo.InvariantCulture));
        Set(nameof(LocalStackOptions.DynamoDbPort), parse.GetValue(DynamoDbPort)?.ToString(CultureInfo.InvariantCulture));
        Set(nameof(LocalStackOptions.StateDirectory), parse.GetValue(StateDir) is { } dir ? Path.GetFullPath(dir) : null);
        Set(nameof(LocalStackOptions.KafkaInMemory), parse.GetValue(InMemory) ? "true" : null);
        Set(nameof(LocalStackOptions.DynamoDbPath), parse.GetValue(DynamoDbPath) is { } path ? Path.GetFullPath(path) : null);
        return LocalStackManager.From(KitConfiguration.Load(KitMode.Local, overrides));
    }

    /// <summary>
    /// Expected failures become the one <c>fraudlab: error:</c> line and exit code 1 here, inside the action:
    /// System.CommandLine's own handler would otherwise print them as unhandled exceptions with a stack trace.
    /// </summary>
    internal static Func<ParseResult, CancellationToken, Task<int>> OneLineErrors(Func<ParseResult, CancellationToken, Task<int>> action) =>
        async (parse, ct) =>
        {
            try
            {
                return await action(parse, ct);
            }
            catch (Exception ex) when (ex is LocalStackException or CliException or KitConfigurationException)
            {
                return CommandRunner.Fail(ex.Message);
            }
        };

    /// <summary>
    /// Runs <paramref name="work"/>, showing each step: on a terminal in a Spectre status spinner (leaving a line per step),
    /// elsewhere (CI, logs, tests) as plain lines, since the spinner's fallback renders on a timer and drops quick steps.
    /// </summary>
    private static Task<T> RunWithStatusAsync<T>(string title, Func<IProgress<string>, Task<T>> work)
    {
        if (!CommandRunner.Out.Profile.Capabilities.Interactive)
        {
            return work(new LineProgress(null));
        }

        return CommandRunner.Out.Status().StartAsync(title, context => work(new LineProgress(context)));
    }

    private static void PrintUp(LocalStackUpResult result, LocalStackSettings settings)
    {
        PrintNotes(result.Notes);
        var stack = result.Discovery.LocalStack;
        var state = result.AlreadyRunning ? "already running" : "started";
        CommandRunner.Out.MarkupLineInterpolated($"[green]{state}[/] Kafka    {result.BootstrapServers}  (pid {stack.KafkaProcess.Pid}, {(stack.KafkaInMemory ? "in memory" : stack.KafkaProcess.DataDirectory)})");
        CommandRunner.Out.MarkupLineInterpolated($"[green]{state}[/] DynamoDB {result.DynamoDbServiceUrl}  (pid {stack.DynamoDbProcess.Pid}, {stack.DynamoDbProcess.DataDirectory ?? "in memory"})");
        var topics = result.CreatedTopics.Count > 0 ? $"created {string.Join(", ", result.CreatedTopics)}" : "all present";
        CommandRunner.Out.MarkupLineInterpolated($"topics   {settings.Topics.All.Count} ({topics}), {settings.Topics.Partitions} partitions each");
        CommandRunner.Out.MarkupLineInterpolated($"table    {result.Table.TableName} ({(result.Table.Created ? "created" : "present")})");
        if (result.Table.Note is { } note)
        {
            CommandRunner.Out.MarkupLineInterpolated($"[yellow]note[/]     {note}");
        }

        CommandRunner.Out.MarkupLineInterpolated($"logs     {stack.KafkaProcess.LogFile}, {stack.DynamoDbProcess.LogFile}");
        CommandRunner.Out.MarkupLineInterpolated($"discovery file {settings.DiscoveryFile}");
        CommandRunner.Out.MarkupLineInterpolated($"try      kcat -b {result.BootstrapServers} -L");
        CommandRunner.Out.MarkupLine("stop     fraudlab local down");
    }

    private static void PrintStatus(LocalStackStatus status)
    {
        var table = new Table().AddColumns("part", "state", "endpoint", "pid", "log");
        foreach (var part in new[] { status.Kafka, status.DynamoDb })
        {
            table.AddRow(
                Markup.Escape(part.Name),
                part.Up ? "[green]up[/]" : "[red]down[/]",
                Markup.Escape(part.Endpoint),
                part.Pid?.ToString(CultureInfo.InvariantCulture) ?? "-",
                Markup.Escape(part.LogFile ?? "-"));
        }

        CommandRunner.Out.Write(table);
        if (status.Kafka.Up)
        {
            var topics = status.Topics.Count == 0 ? "(none)" : string.Join(", ", status.Topics.Select(t => $"{t.Name}[{t.Partitions}]"));
            CommandRunner.Out.MarkupLineInterpolated($"topics {topics}");
        }

        if (status.AuditItems is { } items)
        {
            CommandRunner.Out.MarkupLineInterpolated($"table  {status.TableName}: {items} items");
        }

        PrintNotes(status.Notes);
    }

    private static void PrintNotes(IEnumerable<string> notes)
    {
        foreach (var note in notes)
        {
            CommandRunner.Out.MarkupLineInterpolated($"[yellow]note[/] {note}");
        }
    }

    /// <summary>Prints a line per step, and shows the current one in the spinner when there is one.</summary>
    private sealed class LineProgress(StatusContext? spinner) : IProgress<string>
    {
        public void Report(string value)
        {
            spinner?.Status(Markup.Escape(value));
            CommandRunner.Out.MarkupLineInterpolated($"[grey]- {value}[/]");
        }
    }
}
