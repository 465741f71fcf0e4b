using System.Diagnostics;
using System.Text.Json;
using FraudLab.Notebooks.Execution;
using FraudLab.Notebooks.Ipynb;
using FraudLab.Notebooks.Parameters;

namespace FraudLab.Notebooks.Jupyter;

/// <summary>
/// Runs a notebook in a real Jupyter kernel (the .NET Interactive kernel) through nbclient, with the same options and
/// result as <see cref="NotebookRunner"/>: parameters injected the papermill way (a cell tagged
/// <c>injected-parameters</c> right after the cell tagged <c>parameters</c>), the executed notebook written, each
/// cell's outcome with its error outputs. The kernel runs in the notebook's folder with the options' environment.
/// </summary>
public static class JupyterRunner
{
    private static readonly string Script = Path.Combine(AppContext.BaseDirectory, "Jupyter", "run_notebook.py");

    /// <summary>
    /// Executes the notebook at <paramref name="path"/> in <paramref name="kernel"/>; with <paramref name="rerunEachCell"/>
    /// each code cell runs twice in a row (interactive use), and an error in either run fails the cell.
    /// </summary>
    public static async Task<NotebookRunResult> RunAsync(string path, NotebookRunOptions options, JupyterKernel kernel, bool rerunEachCell = false, CancellationToken cancellationToken = default)
    {
        var source = Path.GetFullPath(path);
        var document = NotebookDocument.Load(source);
        var outputPath = NotebookRunner.OutputPath(source, options);
        var folder = Path.GetFullPath(options.WorkingDirectory ?? Path.GetDirectoryName(source)!);
        var warnings = ParameterInjector.Inject(document, options.Parameters)
            .Select(name => $"parameter '{name}' is not declared in the cell tagged '{ParameterInjector.ParametersTag}'")
            .ToList();
        var work = Directory.CreateTempSubdirectory("fraudlab-jupyter-").FullName;
        try
        {
            var input = Path.Combine(work, "input.ipynb");
            var executed = Path.Combine(work, "executed.ipynb");
            var reportFile = Path.Combine(work, "report.json");
            document.Save(input);
            var clock = Stopwatch.StartNew();
            await RunScriptAsync(kernel, options, folder, [input, executed, reportFile, "--cwd", folder, "--kernel", kernel.KernelName,
                "--timeout", ((int)Math.Ceiling(options.CellTimeout.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture),
                .. rerunEachCell ? ["--rerun"] : Array.Empty<string>(), .. options.ContinueOnError ? ["--continue-on-error"] : Array.Empty<string>()], cancellationToken);
            var result = NotebookDocument.Load(executed);
            var outcomes = Outcomes(result, ReadReport(reportFile));
            foreach (var outcome in outcomes)
            {
                options.CellFinished?.Invoke(outcome);
            }

            if (outputPath is not null)
            {
                result.Save(outputPath);
            }

            return new NotebookRunResult(source, outputPath, result, outcomes, clock.Elapsed, warnings);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static async Task RunScriptAsync(JupyterKernel kernel, NotebookRunOptions options, string folder, IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(kernel.Python) { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Script);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["JUPYTER_PATH"] = kernel.JupyterPath;
        start.Environment["DOTNET_INTERACTIVE_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        foreach (var (name, value) in options.Environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start) ?? throw new KernelUnavailableException($"{kernel.Python} did not start");
        // The kernel's own log lines (ASP.NET Core host) go to these streams: drained, kept for a failure message.
        var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        if (process.ExitCode != 0)
        {
            var lines = (await stderr + await stdout).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            throw new KernelUnavailableException($"the Jupyter run failed (exit {process.ExitCode}): {lines.LastOrDefault(l => !l.StartsWith("info:", StringComparison.Ordinal)) ?? "(no output)"}");
        }
    }

    private static List<ReportEntry> ReadReport(string file) =>
        JsonSerializer.Deserialize<List<ReportEntry>>(File.ReadAllText(file), new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower }) ?? [];

    private static List<CellOutcome> Outcomes(NotebookDocument notebook, List<ReportEntry> report)
    {
        var byIndex = report.Where(r => r.Index >= 0).ToDictionary(r => r.Index);
        var died = report.FirstOrDefault(r => r.Index < 0);
        var outcomes = new List<CellOutcome>();
        var stopped = false;
        for (var index = 0; index < notebook.Cells.Count; index++)
        {
            var cell = notebook.Cells[index];
            var number = index + 1;
            if (!cell.IsCode || string.IsNullOrWhiteSpace(cell.Source))
            {
                outcomes.Add(new CellOutcome(number, null, CellStatus.Skipped, TimeSpan.Zero));
            }
            else if (byIndex.TryGetValue(index, out var entry))
            {
                var failed = entry.Errors.Count > 0;
                stopped |= failed;
                outcomes.Add(new CellOutcome(number, entry.ExecutionCount, failed ? CellStatus.Failed : CellStatus.Succeeded, TimeSpan.FromSeconds(entry.Seconds),
                    failed ? $"cell {number}: {string.Join("; ", entry.Errors)}" : null));
            }
            else if (died is not null && !stopped)
            {
                stopped = true;
                outcomes.Add(new CellOutcome(number, null, CellStatus.Failed, TimeSpan.Zero, $"cell {number}: {string.Join("; ", died.Errors)}"));
            }
            else
            {
                outcomes.Add(new CellOutcome(number, null, CellStatus.NotRun, TimeSpan.Zero));
            }
        }

        return outcomes;
    }

    private sealed record ReportEntry(int Index, List<string> Errors, double Seconds, int? ExecutionCount);
}
