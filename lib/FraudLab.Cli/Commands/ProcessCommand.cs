using System.CommandLine;
using FraudDetection.Configuration;
using FraudDetection.Streaming;
using Microsoft.Extensions.Logging;
using Spectre.Console;

namespace FraudLab.Cli.Commands;

/// <summary>
/// <c>fraudlab process [--group-id] [--mode local|aws] [--from-beginning]</c>: runs the stream processor until
/// Ctrl+C or SIGTERM, then stops cleanly (the batch in hand is not committed and is replayed by the next run).
/// The work is done by <see cref="FraudProcessor"/>; this file parses options and prints progress.
/// </summary>
internal static class ProcessCommand
{
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromSeconds(5);

    private static readonly Option<string?> GroupId = new("--group-id") { Description = "Consumer group (default Processor:GroupId, fraud-processor). Instances in one group split the partitions." };
    private static readonly Option<string?> Mode = new("--mode") { Description = "local (default) or aws." };
    private static readonly Option<bool> FromBeginning = new("--from-beginning") { Description = "A new group starts at the beginning of the topics (default: Processor:FromBeginning, true)." };
    private static readonly Option<bool> FromEnd = new("--from-end") { Description = "A new group starts at the end of the topics: only new records." };

    public static Command Create()
    {
        Mode.AcceptOnlyFromAmong("local", "aws");
        var command = new Command("process", "Run the fraud processor: transactions + flags + rules in, verdicts to Processed_topic, Fraud_alerts and the audit table.")
        {
            GroupId, Mode, FromBeginning, FromEnd,
        };
        command.Validators.Add(result =>
        {
            if (result.GetValue(FromBeginning) && result.GetValue(FromEnd))
            {
                result.AddError("--from-beginning and --from-end exclude each other");
            }
        });
        command.SetAction((parse, ct) => RunAsync(parse, ct));
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parse, CancellationToken ct)
    {
        var mode = parse.GetValue(Mode) is { } name ? KitConfiguration.ParseMode(name) : (KitMode?)null;
        var configuration = KitConfiguration.Load(mode);
        var options = configuration.Get<ProcessorOptions>(ProcessorOptions.Section);
        options.GroupId = parse.GetValue(GroupId) ?? options.GroupId;
        options.FromBeginning = parse.GetValue(FromEnd) ? false : parse.GetValue(FromBeginning) || options.FromBeginning;
        var settings = ProcessorSettings.From(configuration, options);
        await StackPreflight.RequireLocalStackAsync(configuration, kafka: true, dynamoDb: true, ct);

        using var loggers = LoggerFactory.Create(builder => builder.AddSimpleConsole(console =>
        {
            console.SingleLine = true;
            console.TimestampFormat = "HH:mm:ss ";
        }));
        using var processor = new FraudProcessor(settings, logger: loggers.CreateLogger("fraudlab.process"));
        CommandRunner.Out.WriteLine(
            $"processing {settings.Topics.Transactions} + {settings.Topics.FlaggedAccounts} at {settings.Kafka.BootstrapServers} as group {options.GroupId}; Ctrl+C stops");

        // SIGTERM as well as Ctrl+C: System.CommandLine cancels ct on both.
        using var progress = new PeriodicTimer(ProgressInterval);
        var run = processor.RunAsync(ct);
        var printing = PrintProgressAsync(processor, progress, ct);
        try
        {
            await run;
        }
        catch (Exception ex) when (ex is Confluent.Kafka.KafkaException or Amazon.Runtime.AmazonServiceException or InvalidOperationException)
        {
            throw new CliException(ex.Message);
        }
        finally
        {
            progress.Dispose();
            await printing;
        }

        var stats = processor.Stats;
        CommandRunner.Out.WriteLine(
            $"stopped: {stats.EventsIn} in, {stats.Flagged} flagged ({stats.Blocked} blocked), {stats.DeadLettered} dead-lettered, {stats.RuleErrors} rule errors, {stats.AuditWrites} audit writes");
        return 0;
    }

    private static async Task PrintProgressAsync(FraudProcessor processor, PeriodicTimer timer, CancellationToken ct)
    {
        try
        {
            while (await timer.WaitForNextTickAsync(ct))
            {
                var stats = processor.Stats;
                CommandRunner.Out.WriteLine(
                    $"{stats.EventsIn} in, {stats.Flagged} flagged, {stats.DeadLettered} dead-lettered, lag {stats.Lag}, sink retries {stats.SinkRetries}");
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
