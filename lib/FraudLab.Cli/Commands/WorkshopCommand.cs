using System.CommandLine;
using FraudDetection.Charts;
using FraudDetection.Configuration;
using FraudDetection.LocalStack;
using FraudDetection.Model;
using FraudDetection.Storage;
using FraudDetection.Streaming;
using FraudLab.Notebooks.Execution;
using FraudLab.Notebooks.Ipynb;
using Spectre.Console;

namespace FraudLab.Cli.Commands;

/// <summary>
/// <c>fraudlab workshop</c>: the main job. Starts the local stack (or reuses a running one), runs every notebook of
/// <c>notebooks/</c> in local mode into <c>out/notebooks</c> (notebook 07 saves the charts in <c>out/charts</c>),
/// prints a summary taken from the live stack before the clean-up notebook runs, then stops the stack it started.
/// Exit code 1 when any cell failed; the notebooks after a failed one do not run.
/// </summary>
internal static class WorkshopCommand
{
    private const string CleanupPrefix = "99-";

    public static Command Create()
    {
        var command = new Command("workshop", "Start the local stack, run every notebook in local mode into out/, print a summary, stop the stack.");
        command.SetAction(async (_, ct) =>
        {
            try
            {
                return await RunAsync(ct);
            }
            catch (Exception ex) when (ex is CliException or LocalStackException or NotebookFormatException or NotebookRunException)
            {
                return CommandRunner.Fail(ex.Message);
            }
        });
        return command;
    }

    private static async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var paths = KitPaths.Discover();
        var notebooks = NotebookRunner.Expand([Path.Combine(paths.Root, "notebooks")]);
        if (notebooks.Count == 0)
        {
            throw new CliException($"no notebooks in {Path.Combine(paths.Root, "notebooks")}");
        }

        var manager = LocalStackManager.From(KitConfiguration.Load(KitMode.Local, paths: paths));
        var up = await manager.UpAsync(new Progress(), cancellationToken);
        CommandRunner.Out.MarkupLineInterpolated($"local stack {(up.AlreadyRunning ? "already running" : "started")}: Kafka {up.BootstrapServers}, DynamoDB {up.DynamoDbServiceUrl}");
        try
        {
            var options = new NotebookRunOptions
            {
                OutputDirectory = Path.Combine(paths.OutputDirectory, "notebooks"),
                CellFinished = PrintCell,
            };
            WorkshopSummary? summary = null;
            foreach (var notebook in notebooks)
            {
                if (Path.GetFileName(notebook).StartsWith(CleanupPrefix, StringComparison.Ordinal))
                {
                    summary = await WorkshopSummary.ReadAsync(KitConfiguration.Load(KitMode.Local, paths: paths), cancellationToken);
                }

                CommandRunner.Out.MarkupLineInterpolated($"[bold]running[/] {Path.GetFileName(notebook)}");
                var result = await NotebookRunner.RunAsync(notebook, options, cancellationToken);
                if (!result.Succeeded)
                {
                    return CommandRunner.Fail($"{Path.GetFileName(notebook)} failed ({result.FirstFailure?.Error}); executed notebooks in {options.OutputDirectory}");
                }
            }

            summary?.Print(CommandRunner.Out);
            CommandRunner.Out.MarkupLineInterpolated($"executed notebooks in {options.OutputDirectory}, charts in {Path.Combine(paths.OutputDirectory, "charts")}");
            return 0;
        }
        finally
        {
            if (!up.AlreadyRunning)
            {
                await manager.DownAsync(new Progress(), CancellationToken.None);
            }
        }
    }

    /// <summary>One line per code cell that ran (markdown and empty cells are skipped silently).</summary>
    private static void PrintCell(CellOutcome cell)
    {
        if (cell.Status == CellStatus.Skipped)
        {
            return;
        }

        var status = cell.Status == CellStatus.Failed ? "[red]failed[/]" : cell.Status == CellStatus.NotRun ? "not run" : "ok    ";
        CommandRunner.Out.MarkupLine($"  {status} cell {cell.CellNumber} ({cell.Duration.TotalSeconds:0.0} s){(cell.Error is null ? string.Empty : ": " + Markup.Escape(cell.Error))}");
    }

    private sealed class Progress : IProgress<string>
    {
        public void Report(string value) => CommandRunner.Out.MarkupLineInterpolated($"  {value}");
    }

    /// <summary>What the workshop produced, read from the live stack: transactions, flagged by verdict, audit items, latency.</summary>
    private sealed record WorkshopSummary(int Transactions, IReadOnlyList<(Verdict Verdict, int Count)> FlaggedByVerdict, int AuditItems, LatencyStats Latency)
    {
        public static async Task<WorkshopSummary> ReadAsync(KitConfiguration kit, CancellationToken cancellationToken)
        {
            var kafka = new KafkaClientFactory(kit.Kafka);
            var transactions = TopicSnapshot.Read(kafka, kit.Topics.Transactions, cancellationToken).Count;
            var processed = TopicSnapshot.Read(kafka, kit.Topics.Processed, cancellationToken)
                .Select(r => FraudJson.Deserialize<ProcessedTransaction>(r.Message.Value ?? []))
                .GroupBy(p => p.RecordId)
                .Select(g => g.First())
                .ToList();
            using var dynamo = DynamoDbClientFactory.Create(kit.DynamoDb, kit.Mode);
            var audit = await new AuditTableReader(dynamo, kit.AuditTable).ReadAllAsync(cancellationToken).CountAsync(cancellationToken);
            var byVerdict = processed.GroupBy(p => p.Verdict).OrderBy(g => g.Key).Select(g => (g.Key, g.Count())).ToList();
            return new WorkshopSummary(transactions, byVerdict, audit, LatencyStats.From(LatencyStats.EndToEnd(processed)));
        }

        public void Print(IAnsiConsole console)
        {
            var table = new Table().AddColumns("measure", "value");
            table.AddRow("transactions", Transactions.ToString(System.Globalization.CultureInfo.InvariantCulture));
            foreach (var (verdict, count) in FlaggedByVerdict)
            {
                table.AddRow($"flagged: {verdict.ToString().ToLowerInvariant()}", count.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            table.AddRow("audit items", AuditItems.ToString(System.Globalization.CultureInfo.InvariantCulture));
            table.AddRow("end-to-end latency (flagged) *", Markup.Escape(Latency.ToString()));
            console.Write(table);
            console.MarkupLine("[grey]* includes the backlog notebook 02 produces before notebook 04 starts the processor; `fraudlab bench` measures a running processor[/]");
        }
    }
}
