using System.CommandLine;
using FraudDetection.Configuration;
using FraudDetection.Detection;
using FraudDetection.Replay;
using Spectre.Console;

namespace FraudLab.Cli.Commands;

/// <summary>
/// <c>fraudlab replay --input events.jsonl [--flags flags.jsonl] [--rules rules.json] --output verdicts.jsonl</c>:
/// the detection engine over files, deterministic. Bad lines go to an errors file (and a short note on stderr).
/// Exit codes a script can trust: 0 when every line was used; <see cref="RejectedExitCode"/> when the run completed but
/// rejected more lines than <c>--max-rejected</c> (default 0); 1 when it could not run or decided no transaction; 2 for a
/// command line it cannot use. The work is done by <see cref="ReplayRunner"/>.
/// </summary>
internal static class ReplayCommand
{
    private const int ErrorsShown = 5;

    /// <summary>The run completed, but rejected more input lines (or rules) than <c>--max-rejected</c> allows.</summary>
    public const int RejectedExitCode = 3;

    private static readonly Option<FileInfo> Input = new("--input") { Description = "Transactions, one JSON object per line.", Required = true };
    private static readonly Option<FileInfo?> Flags = new("--flags") { Description = "Flagged accounts, one JSON object per line; applied before the events." };
    private static readonly Option<FileInfo?> Rules = new("--rules") { Description = "Dynamic rules: a JSON array of rule definitions (see assets/rules/default-rules.json)." };
    private static readonly Option<FileInfo> Output = new("--output") { Description = "Where to write one verdict record per transaction (JSON Lines).", Required = true };
    private static readonly Option<FileInfo?> Errors = new("--errors") { Description = "Where rejected lines go (default: the output path with .errors.jsonl)." };
    private static readonly Option<long> MaxRejected = new Option<long>("--max-rejected")
    {
        Description = $"How many rejected lines and rules to tolerate before exiting with {RejectedExitCode} (default 0: any rejection is reported in the exit code).",
        DefaultValueFactory = _ => 0,
    }.AtLeast(0, "0 or more");

    public static Command Create()
    {
        var command = new Command("replay", "Run the detection engine over JSON Lines files: same engine, same verdicts, no Kafka.")
        {
            Input, Flags, Rules, Output, Errors, MaxRejected,
        };
        MustExist(Input);
        MustExist(Flags);
        MustExist(Rules);

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
        if (summary.Events == 0)
        {
            return CommandRunner.Fail($"no valid transaction in {request.InputPath}" + (summary.ErrorsPath is { } path ? $" (see {path})" : string.Empty));
        }

        var tolerated = parse.GetValue(MaxRejected);
        if (summary.Rejected > tolerated)
        {
            Console.Error.WriteLine(
                $"fraudlab: error: replay completed but rejected {summary.Rejected} line(s) or rule(s), more than --max-rejected {tolerated}: {summary.Events} transaction(s) decided; the rejected ones are in {summary.ErrorsPath}");
            return RejectedExitCode;
        }

        return 0;
    }

    /// <summary>A file option must name an existing file: checked while parsing, so it is listed with the line's other problems.</summary>
    private static void MustExist<TFile>(Option<TFile> option) => option.Validators.Add(result => CheckExists(result, option.Name));

    private static void CheckExists(System.CommandLine.Parsing.OptionResult result, string name)
    {
        if (result.Tokens.Count > 0 && result.Tokens[^1].Value is var path && !File.Exists(path))
        {
            result.AddError($"{name}: file not found: {Path.GetFullPath(path)}");
        }
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
