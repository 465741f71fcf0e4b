using System.CommandLine;
using FraudDetection.Configuration;
using FraudDetection.Detection;
using FraudDetection.Replay;
using Spectre.Console;

namespace FraudLab.Cli.Commands;

/// <summary>
/// <c>fraudlab replay --input events.jsonl [--flags flags.jsonl] [--rules rules.json] --output verdicts.jsonl</c>:
/// the detection engine over files, deterministic. Bad lines go to an errors file (and a short note on stderr);
/// the exit code is non-zero only when no event could be read. The work is done by <see cref="ReplayRunner"/>.
/// </summary>
internal static class ReplayCommand
{
    private const int ErrorsShown = 5;

    private static readonly Option<FileInfo> Input = new("--input") { Description = "Transactions, one JSON object per line.", Required = true };
    private static readonly Option<FileInfo?> Flags = new("--flags") { Description = "Flagged accounts, one JSON object per line; applied before the events." };
    private static readonly Option<FileInfo?> Rules = new("--rules") { Description = "Dynamic rules: a JSON array of rule definitions (see assets/rules/default-rules.json)." };
    private static readonly Option<FileInfo> Output = new("--output") { Description = "Where to write one verdict record per transaction (JSON Lines).", Required = true };
    private static readonly Option<FileInfo?> Errors = new("--errors") { Description = "Where rejected lines go (default: the output path with .errors.jsonl)." };

    public static Command Create()
    {
        var command = new Command("replay", "Run the detection engine over JSON Lines files: same engine, same verdicts, no Kafka.")
        {
            Input, Flags, Rules, Output, Errors,
        };

        // Expected failures are turned into the one-line error here: System.CommandLine's own handler would print a stack trace.
        command.SetAction(parse =>
        {
            try
            {
                return Run(parse);
            }
            catch (Exception ex) when (ex is CliException or KitConfigurationException or ReplayException)
            {
                return CommandRunner.Fail(ex.Message);
            }
        });
        return command;
    }

    private static int Run(ParseResult parse)
    {
        var request = new ReplayRequest(
            Existing(parse.GetValue(Input)!, "--input").FullName,
            parse.GetValue(Output)!.FullName,
            parse.GetValue(Flags) is { } flags ? Existing(flags, "--flags").FullName : null,
            parse.GetValue(Rules) is { } rules ? Existing(rules, "--rules").FullName : null,
            parse.GetValue(Errors)?.FullName);
        var options = KitConfiguration.Load().Get<DetectionOptions>(DetectionOptions.Section);
        var summary = new ReplayRunner(options).Run(request);
        Print(summary, request);
        return summary.Events > 0
            ? 0
            : CommandRunner.Fail($"no valid transaction in {request.InputPath}" + (summary.ErrorsPath is { } path ? $" (see {path})" : string.Empty));
    }

    private static FileInfo Existing(FileInfo file, string option) =>
        file.Exists ? file : throw new CliException($"{option}: file not found: {file.FullName}");

    private static void Print(ReplaySummary summary, ReplayRequest request)
    {
        var table = new Table().AddColumns("", "count");
        table.AddRow("transactions", $"{summary.Events}");
        table.AddRow("  approve", $"{summary.Approved}");
        table.AddRow("  review", $"{summary.Reviewed}");
        table.AddRow("  block", $"{summary.Blocked}");
        table.AddRow("  late", $"{summary.LateEvents}");
        table.AddRow("flags applied", $"{summary.Flags}");
        table.AddRow("rules applied", $"{summary.RulesApplied}");
        foreach (var (rule, count) in summary.MatchesByRule)
        {
            table.AddRow(Markup.Escape($"matched {rule}"), $"{count}");
        }

        table.AddRow("rejected", $"{summary.Rejected}");
        CommandRunner.Out.Write(table);
        CommandRunner.Out.WriteLine($"verdicts: {request.OutputPath}");
        if (summary.ErrorsPath is { } errors)
        {
            PrintErrors(summary, errors);
        }
    }

    /// <summary>A few rejected lines on stderr, so a typo is seen without opening the errors file.</summary>
    private static void PrintErrors(ReplaySummary summary, string errorsPath)
    {
        using var reader = JsonLinesReader.Open(errorsPath);
        for (var shown = 0; shown < ErrorsShown && reader.TryReadLine(out _, out var line); shown++)
        {
            var error = FraudDetection.Model.FraudJson.Deserialize<ReplayError>(line.Span);
            var where = error.Line > 0 ? $"{Path.GetFileName(error.File)}:{error.Line}" : $"{Path.GetFileName(error.File)} rule '{error.Text}'";
            Console.Error.WriteLine($"fraudlab: warning: {where}: {error.Error}");
        }

        Console.Error.WriteLine(
            $"fraudlab: warning: rejected {summary.BadEventLines} transaction line(s), {summary.BadFlagLines} flag line(s), {summary.RulesRejected} rule(s); all in {errorsPath}");
    }
}
