using System.Diagnostics;
using FraudLab.Notebooks.Ipynb;
using FraudLab.Notebooks.Parameters;
using Microsoft.DotNet.Interactive.Formatting;

namespace FraudLab.Notebooks.Execution;

/// <summary>
/// Runs a notebook headlessly, like .NET Interactive's C# kernel would, and writes the executed copy.
/// The current directory, environment variables, the console and the formatter settings are process-wide,
/// so one notebook runs at a time per process; concurrent calls wait their turn.
/// </summary>
public static class NotebookRunner
{
    private static readonly SemaphoreSlim OneAtATime = new(1, 1);

    /// <summary>
    /// Runs every C# cell of the notebook at <paramref name="path"/> in order and returns each cell's outcome.
    /// Cell failures are outcomes, not exceptions; an unreadable notebook throws <see cref="NotebookFormatException"/>,
    /// a bad parameter <see cref="NotebookParameterException"/>, a refused output path <see cref="NotebookRunException"/>.
    /// </summary>
    public static async Task<NotebookRunResult> RunAsync(string path, NotebookRunOptions options, CancellationToken cancellationToken = default)
    {
        var source = Path.GetFullPath(path);
        var document = NotebookDocument.Load(source);
        var outputPath = OutputPath(source, options);
        var folder = Path.GetDirectoryName(source)!;

        await OneAtATime.WaitAsync(cancellationToken);
        try
        {
            var warnings = ParameterInjector.Inject(document, options.Parameters)
                .Select(name => $"parameter '{name}' is not declared in the cell tagged '{ParameterInjector.ParametersTag}'")
                .ToList();
            var clock = Stopwatch.StartNew();
            IReadOnlyList<CellOutcome> outcomes;
            using (new ProcessEnvironmentScope(Path.GetFullPath(options.WorkingDirectory ?? folder), options.Environment))
            using (ConsoleRouter.Install())
            {
                Formatter.ResetToDefault(); // formatters a previous notebook registered do not leak into this one
                outcomes = await new NotebookExecution(document, source, options).RunAsync(cancellationToken);
            }

            if (outputPath is not null)
            {
                document.Save(outputPath);
            }

            return new NotebookRunResult(source, outputPath, document, outcomes, clock.Elapsed, warnings);
        }
        finally
        {
            OneAtATime.Release();
        }
    }

    /// <summary>The notebooks named by files and folders, in order: a folder stands for its <c>*.ipynb</c> in name order.</summary>
    public static IReadOnlyList<string> Expand(IEnumerable<string> paths) =>
        paths.SelectMany(p => Directory.Exists(p)
                ? Directory.GetFiles(p, "*.ipynb").Order(StringComparer.Ordinal)
                : Enumerable.Repeat(p, 1))
            .ToList();

    internal static string? OutputPath(string source, NotebookRunOptions options)
    {
        if (options.InPlace)
        {
            return source;
        }

        if (options.OutputDirectory is null)
        {
            return null;
        }

        var output = Path.GetFullPath(Path.Combine(options.OutputDirectory, Path.GetFileName(source)));
        return output == source
            ? throw new NotebookRunException($"{source}: the output folder is the notebook's own folder; the source is only rewritten with --in-place")
            : output;
    }
}
