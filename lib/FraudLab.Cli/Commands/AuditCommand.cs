using System.CommandLine;
using FraudDetection.Configuration;
using FraudDetection.Streaming;
using Spectre.Console;

namespace FraudLab.Cli.Commands;

/// <summary>
/// <c>fraudlab audit rebuild [--mode local|aws]</c>: rewrites the audit table from <c>Processed_topic</c>, idempotently
/// (after a table was lost or recreated). The work is done by <see cref="AuditRebuilder"/>.
/// </summary>
internal static class AuditCommand
{
    private static readonly Option<string?> Mode = new("--mode") { Description = "local (default) or aws." };

    public static Command Create()
    {
        Mode.AcceptOnlyFromAmong("local", "aws");
        var rebuild = new Command("rebuild", "Rewrite the audit table from Processed_topic (the durable record of every flagged verdict); idempotent.")
        {
            Mode,
        };
        rebuild.SetAction(async (parse, ct) =>
        {
            var mode = parse.GetValue(Mode) is { } name ? KitConfiguration.ParseMode(name) : (KitMode?)null;
            var configuration = KitConfiguration.Load(mode);
            var settings = ProcessorSettings.From(configuration);
            await StackPreflight.RequireLocalStackAsync(configuration, kafka: true, dynamoDb: true, ct);
            var summary = await new AuditRebuilder(settings).RunAsync(ct).ConfigureAwait(false);
            CommandRunner.Out.WriteLine(
                $"rebuilt {settings.AuditTable.TableName}: {summary.Items} item(s) from {summary.Records} record(s) on {settings.Topics.Processed}"
                + (summary.Unreadable > 0 ? $"; {summary.Unreadable} unreadable record(s) skipped" : string.Empty));
            return 0;
        });
        return new Command("audit", "The audit table: rebuild it from Processed_topic.") { rebuild };
    }
}
