using System.CommandLine;
using System.Globalization;
using FraudDetection.Configuration;
using FraudLab.Notebooks.Execution;
using FraudLab.Notebooks.Ipynb;
using FraudLab.Notebooks.Jupyter;
using FraudLab.Notebooks.Parameters;
using Spectre.Console;

namespace FraudLab.Cli.Commands;

/// <summary>
/// <c>fraudlab notebooks run &lt;notebook or folder&gt;... [-p name=value]... [--out DIR] [--continue-on-error] [--timeout SECONDS] [--in-place]</c>:
/// runs notebooks headlessly with the kit's engine (<see cref="NotebookRunner"/>) and writes the executed copies.
/// </summary>
internal static class NotebooksCommand
{
    private static readonly Argument<string[]> Notebooks = new("notebook")
    {
        Description = "Notebook files, or folders whose *.ipynb run in name order.",
        Arity = ArgumentArity.OneOrMore,
    };

    private static readonly Option<string[]> Parameters = new("--parameter", "-p")
    {
        Description = "A value for the cell tagged 'parameters', as name=value (repeatable), e.g. -p mode=aws.",
        Arity = ArgumentArity.ZeroOrMore,
    };

    private static readonly Option<string?> Out = new("--out")
    {
        Description = "Folder for the executed notebooks (default: the kit's out/notebooks).",
    };

    private static readonly Option<bool> ContinueOnError = new("--continue-on-error")
    {
        Description = "Keep running a notebook's cells after one fails.",
    };

    private static readonly Option<double> Timeout = new Option<double>("--timeout")
    {
        Description = "Seconds a cell may run before it fails.",
        DefaultValueFactory = _ => NotebookRunOptions.DefaultCellTimeout.TotalSeconds,
    }.Positive("a positive number of seconds");

    private static readonly Option<string> Engine = new Option<string>("--engine")
    {
        Description = "builtin: the kit's own engine (default); dotnet-interactive: the real .NET Interactive kernel through Jupyter, as VS Code and JupyterLab run it.",
        DefaultValueFactory = _ => "builtin",
    }.AcceptOnlyFromAmong("builtin", "dotnet-interactive");

    private static readonly Option<bool> InPlace = new("--in-place")
    {
        Description = "Write the outputs into the source notebooks instead of --out.",
    };

    public static Command Create()
    {
        var run = new Command("run", "Run notebooks like .NET Interactive would and write the executed copies; exit 1 if any cell failed.")
        {
            Notebooks, Parameters, Out, ContinueOnError, Timeout, InPlace, Engine,
        };
        run.SetAction(async (parse, ct) =>
        {
            // System.CommandLine reports exceptions from actions itself (with a stack trace), so expected failures end here as one line.
            try
            {
                return await RunAsync(parse, ct);
            }
            catch (Exception ex) when (ex is CliException or NotebookFormatException or NotebookParameterException or NotebookRunException)
            {
                return CommandRunner.Fail(ex.Message);
            }
        });

        var command = new Command("notebooks", "The workshop notebooks (.ipynb, C#).");
        command.Subcommands.Add(run);
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var notebooks = FindNotebooks(parse.GetValue(Notebooks) ?? []);
        var options = new NotebookRunOptions
        {
            Parameters = ParseParameters(parse.GetValue(Parameters) ?? []),
            OutputDirectory = Path.GetFullPath(parse.GetValue(Out) ?? Path.Combine(KitPaths.Discover().OutputDirectory, "notebooks")),
            ContinueOnError = parse.GetValue(ContinueOnError),
            CellTimeout = parse.GetValue(Timeout) is > 0 and var seconds
                ? TimeSpan.FromSeconds(seconds)
                : throw new CliException("--timeout must be a positive number of seconds"),
            InPlace = parse.GetValue(InPlace),
            CellFinished = PrintCell,
        };

        var results = new List<NotebookRunResult>();
        var kernel = parse.GetValue(Engine) == "dotnet-interactive" ? LocateKernel(notebooks) : null;
        foreach (var notebook in notebooks)
        {
            CommandRunner.Out.MarkupLineInterpolated($"[bold]running[/] {notebook}");
            results.Add(kernel is null
                ? await RunOneAsync(notebook, options, cancellationToken)
                : await JupyterRunner.RunAsync(notebook, options, kernel, cancellationToken: cancellationToken));
        }

        PrintSummary(results);
        var failed = results.Where(r => !r.Succeeded).ToList();
        return failed.Count == 0
            ? 0
            : CommandRunner.Fail($"{failed.Count} of {results.Count} notebooks failed: "
                + string.Join("; ", failed.Select(r => $"{Path.GetFileName(r.SourcePath)} ({r.FirstFailure?.Error})")));
    }

    /// <summary>The real kernel registered by download.sh in the kit's own Jupyter folder, or one line saying how to get it.</summary>
    private static JupyterKernel LocateKernel(IReadOnlyList<string> notebooks)
    {
        var paths = KitPaths.Discover();
        try
        {
            return JupyterKernel.Locate(Path.Combine(paths.StateDirectory, "jupyter"), JupyterKernel.DotNetCSharp,
                Path.GetDirectoryName(Path.GetFullPath(notebooks[0]))!);
        }
        catch (KernelUnavailableException ex)
        {
            throw new CliException($"--engine dotnet-interactive: {ex.Message}; install it with ./download.sh (dotnet tool restore, and the kernel spec in .fraudlab/jupyter)");
        }
    }

    private static async Task<NotebookRunResult> RunOneAsync(string notebook, NotebookRunOptions options, CancellationToken cancellationToken)
    {
        var result = await NotebookRunner.RunAsync(notebook, options, cancellationToken);
        foreach (var warning in result.Warnings)
        {
            CommandRunner.Out.MarkupLineInterpolated($"  [yellow]warning[/] {warning}");
        }

        return result;
    }

    /// <summary>Every notebook named, folders expanded; a missing path or an empty folder stops before anything runs.</summary>
    private static IReadOnlyList<string> FindNotebooks(IEnumerable<string> paths)
    {
        var named = paths.ToList();
        foreach (var path in named)
        {
            if (!File.Exists(path) && !Directory.Exists(path))
            {
                throw new CliException($"notebook not found: {path}");
            }

            if (Directory.Exists(path) && Directory.GetFiles(path, "*.ipynb").Length == 0)
            {
                throw new CliException($"no *.ipynb notebooks in {path}");
            }
        }

        return NotebookRunner.Expand(named);
    }

    private static Dictionary<string, string> ParseParameters(IEnumerable<string> values)
    {
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var value in values)
        {
            var separator = value.IndexOf('=', StringComparison.Ordinal);
            if (separator <= 0)
            {
                throw new CliException($"-p expects name=value, got '{value}'");
            }

            parameters[value[..separator].Trim()] = value[(separator + 1)..];
        }

        return parameters;
    }

    private static void PrintCell(CellOutcome cell)
    {
        var seconds = cell.Duration.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture);
        switch (cell.Status)
        {
            case CellStatus.Succeeded:
                CommandRunner.Out.MarkupLineInterpolated($"  [green]ok[/]     cell {cell.CellNumber} ({seconds} s)");
                break;
            case CellStatus.Failed:
                CommandRunner.Out.MarkupLineInterpolated($"  [red]failed[/] cell {cell.CellNumber} ({seconds} s): {cell.Error}");
                break;
        }
    }

    private static void PrintSummary(IReadOnlyList<NotebookRunResult> results)
    {
        var table = new Table().AddColumns("notebook", "cells run", "failed", "not run", "seconds", "written to");
        foreach (var result in results)
        {
            var failed = result.Cells.Count(c => c.Status == CellStatus.Failed);
            table.AddRow(
                Markup.Escape(Path.GetFileName(result.SourcePath)),
                result.Cells.Count(c => c.ExecutionCount is not null).ToString(CultureInfo.InvariantCulture),
                failed == 0 ? "0" : $"[red]{failed}[/]",
                result.Cells.Count(c => c.Status == CellStatus.NotRun).ToString(CultureInfo.InvariantCulture),
                result.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture),
                Markup.Escape(result.OutputPath ?? "-"));
        }

        CommandRunner.Out.Write(table);
    }
}
