using System.Diagnostics;
using FraudLab.Notebooks.Formatting;
using FraudLab.Notebooks.Ipynb;
using FraudLab.Notebooks.Magics;
using FraudLab.Notebooks.Packages;

namespace FraudLab.Notebooks.Execution;

/// <summary>One run of one notebook: the cells in order in one script session, each cell's outputs collected.</summary>
internal sealed class NotebookExecution
{
    private static readonly string[] CSharpKernels = ["csharp", "c#"];
    private static readonly string[] MarkdownKernels = ["markdown", "md"];

    private readonly NotebookDocument _document;
    private readonly string _fileName;
    private readonly string _folder;
    private readonly NotebookRunOptions _options;
    private readonly ScriptSession _session;
    private readonly NuGetRestorer _restorer;
    private readonly OutputRouting _routing = new();
    private readonly List<PackageReference> _packages = [];
    private readonly List<string> _sources = [];
    private int _executionCount;

    public NotebookExecution(NotebookDocument document, string sourcePath, NotebookRunOptions options)
    {
        _document = document;
        _fileName = Path.GetFileName(sourcePath);
        _folder = Path.GetDirectoryName(sourcePath)!;
        _options = options;
        _session = new ScriptSession(_folder);
        _restorer = new NuGetRestorer(options.PackageCacheDirectory ?? NuGetRestorer.DefaultCacheRoot);
    }

    public async Task<IReadOnlyList<CellOutcome>> RunAsync(CancellationToken cancellationToken)
    {
        using var running = _routing.Enter();
        Microsoft.DotNet.Interactive.Kernel.Enter(new NotebookKernel(_folder, ReferenceAsync));
        await _session.StartAsync(cancellationToken);
        var outcomes = new List<CellOutcome>();
        var collectors = new List<(NotebookCell Cell, CellOutputCollector Outputs)>();
        var stopped = false;
        for (var index = 0; index < _document.Cells.Count; index++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var cell = _document.Cells[index];
            var number = index + 1;
            if (cell.IsCode)
            {
                cell.Outputs.Clear();
                cell.ExecutionCount = null;
            }

            CellOutcome outcome;
            if (!cell.IsCode || IsMarkdown(cell))
            {
                outcome = new CellOutcome(number, null, CellStatus.Skipped, TimeSpan.Zero);
            }
            else if (stopped)
            {
                outcome = new CellOutcome(number, null, CellStatus.NotRun, TimeSpan.Zero);
            }
            else
            {
                var outputs = new CellOutputCollector();
                collectors.Add((cell, outputs));
                _routing.Cell = outputs;
                outcome = await RunCellAsync(cell, number, outputs, cancellationToken);
                stopped = outcome.Status == CellStatus.Failed && !_options.ContinueOnError;
            }

            outcomes.Add(outcome);
            _options.CellFinished?.Invoke(outcome);
        }

        // Late writes (background tasks) land in the cell that was running, so outputs are taken at the very end.
        foreach (var (cell, outputs) in collectors)
        {
            cell.Outputs.AddRange(outputs.Snapshot());
        }

        return outcomes;
    }

    private bool IsMarkdown(NotebookCell cell) =>
        MarkdownKernels.Contains(KernelOf(cell), StringComparer.OrdinalIgnoreCase);

    private string KernelOf(NotebookCell cell) => cell.KernelName ?? _document.DefaultKernelName ?? "csharp";

    private async Task<CellOutcome> RunCellAsync(NotebookCell cell, int number, CellOutputCollector outputs, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var kernel = KernelOf(cell);
        if (!CSharpKernels.Contains(kernel, StringComparer.OrdinalIgnoreCase))
        {
            return Fail(number, null, outputs, CellErrors.Message(number, "UnsupportedKernel", $"the '{kernel}' kernel is not supported; only C# cells run"), clock);
        }

        CellDirectives directives;
        try
        {
            directives = MagicParser.Parse(cell.Source, _folder);
        }
        catch (MagicCommandException ex)
        {
            return Fail(number, null, outputs, CellErrors.Message(number, "MagicCommandError", ex.Message), clock);
        }

        if (directives.IsEmpty)
        {
            return new CellOutcome(number, null, CellStatus.Skipped, clock.Elapsed);
        }

        var executionCount = ++_executionCount;
        cell.ExecutionCount = executionCount;
        // A cell cannot be aborted: on timeout it is abandoned (still running, its token cancelled, its state
        // never kept), so its token source is disposed only when the cell finished.
        var abandon = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var work = Task.Run(() => ExecuteAsync(directives, number, executionCount, outputs, abandon.Token), CancellationToken.None);
        ErrorOutput? error;
        try
        {
            error = await work.WaitAsync(_options.CellTimeout, cancellationToken);
            abandon.Dispose();
        }
        catch (TimeoutException)
        {
            await abandon.CancelAsync();
            error = CellErrors.Message(number, "TimeoutException", $"did not finish within {_options.CellTimeout.TotalSeconds:0.###} s");
        }

        if (directives.Time)
        {
            var text = TimeMagic.Format(clock.Elapsed);
            outputs.Add(new DisplayDataOutput(new MimeBundle { [MimeBundle.PlainText] = text }, []));
        }

        return error is null
            ? new CellOutcome(number, executionCount, CellStatus.Succeeded, clock.Elapsed)
            : Fail(number, executionCount, outputs, error, clock);
    }

    private async Task<ErrorOutput?> ExecuteAsync(CellDirectives directives, int number, int executionCount, CellOutputCollector outputs, CancellationToken cancellationToken)
    {
        // A full path, as Roslyn makes it one: stack traces then show "…/notebook.ipynb:cell 3:line 2".
        var sourceName = Path.Combine(_folder, $"{_fileName}:cell {number}");
        try
        {
            await ReferenceAsync(directives, cancellationToken);
            if (string.IsNullOrWhiteSpace(directives.Code))
            {
                return null;
            }

            var submission = _session.Compile(directives.Code, sourceName);
            if (submission.Errors.Count > 0)
            {
                return CellErrors.Compilation(number, submission.Errors);
            }

            var result = await _session.RunAsync(submission, () => !cancellationToken.IsCancellationRequested, cancellationToken);
            if (result.Exception is not null)
            {
                return CellErrors.Exception(number, sourceName, result.Exception);
            }

            // display(x) as the last line returns its handle; .NET Interactive shows the value once, not the handle too.
            if (result.HasValue && result.Value is not DisplayedValue)
            {
                outputs.Add(new ExecuteResultOutput(DisplayFormatter.Format(result.Value), [], executionCount));
            }

            return null;
        }
        catch (PackageRestoreException ex)
        {
            return CellErrors.Message(number, "PackageRestoreError", ex.Message);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return null; // timed out or cancelled: the caller reports it
        }
    }

    /// <summary>
    /// Restores all packages asked for so far in one go (as .NET Interactive does, so their dependencies agree)
    /// and references the new assemblies, then the cell's own <c>#r "file.dll"</c>.
    /// </summary>
    private async Task ReferenceAsync(CellDirectives directives, CancellationToken cancellationToken)
    {
        _sources.AddRange(directives.PackageSources.Except(_sources));
        var newPackages = directives.Packages.Where(p => !_packages.Contains(p)).ToList();
        if (newPackages.Count > 0)
        {
            _packages.AddRange(newPackages);
            var restored = await _restorer.RestoreAsync(_packages, _sources, cancellationToken);
            NativeLibraryProbe.AddDirectory(restored.NativeDirectory);
            _session.AddReferences(restored.AssemblyPaths);
        }

        _session.AddReferences(directives.AssemblyPaths);
    }

    private static CellOutcome Fail(int number, int? executionCount, CellOutputCollector outputs, ErrorOutput error, Stopwatch clock)
    {
        outputs.Add(error);
        return new CellOutcome(number, executionCount, CellStatus.Failed, clock.Elapsed, error.EValue);
    }
}
