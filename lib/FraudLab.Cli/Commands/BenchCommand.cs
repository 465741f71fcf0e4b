using System.CommandLine;
using FraudDetection.Configuration;
using FraudLab.Bench;
using FraudLab.Bench.Reporting;
using Spectre.Console;

namespace FraudLab.Cli.Commands;

/// <summary>
/// <c>fraudlab bench [--quick] [--only parts] [--out DIR]</c>: engine, end-to-end latency, ceiling, audit sink and
/// memory, written to <c>out/bench/results.json</c> and <c>results.md</c>. The work is in <see cref="BenchRunner"/>.
/// </summary>
internal static class BenchCommand
{
    private static readonly Option<bool> Quick = new("--quick") { Description = "A run under 2 minutes (shorter phases, fewer events). Default: the full run, under 10 minutes." };
    private static readonly Option<string[]> Only = new("--only")
    {
        Description = $"Run only these parts: {string.Join(", ", BenchRunner.AllParts)}.",
        AllowMultipleArgumentsPerToken = true,
    };

    private static readonly Option<string?> Out = new("--out") { Description = "Output folder (default out/bench)." };

    public static Command Create()
    {
        var command = new Command("bench", "Measure throughput and latency (engine, end to end on the local stack, ceiling, audit sink, memory).")
        {
            Quick, Only, Out,
        };
        command.SetAction(async (parse, ct) =>
        {
            var paths = KitPaths.Discover();
            var profile = parse.GetValue(Quick) ? BenchProfile.Quick : BenchProfile.Full;
            var parts = parse.GetValue(Only) is { Length: > 0 } only
                ? only.SelectMany(p => p.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList()
                : [.. BenchRunner.AllParts];
            var output = parse.GetValue(Out) is { } dir ? Path.GetFullPath(dir) : Path.Combine(paths.OutputDirectory, "bench");

            var progress = new Progress<string>(line => CommandRunner.Out.MarkupLineInterpolated($"[grey]{DateTime.Now:HH:mm:ss}[/] {line}"));
            BenchReport report;
            try
            {
                report = await new BenchRunner(profile, paths, progress).RunAsync(parts, ct);
            }
            catch (ArgumentException ex)
            {
                throw new CliException(ex.Message);
            }

            var (json, markdown) = BenchReportWriter.Write(report, output);
            // Plain text, not Spectre: the markdown table must not be wrapped to the console width.
            Console.Out.WriteLine();
            Console.Out.Write(BenchReportWriter.ToMarkdown(report));
            CommandRunner.Out.MarkupLineInterpolated($"wrote [blue]{json}[/] and [blue]{markdown}[/]");
            return 0;
        });
        return command;
    }
}
