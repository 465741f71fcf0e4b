namespace FraudLab.Notebooks.Execution;

/// <summary>How <see cref="NotebookRunner"/> runs a notebook.</summary>
public sealed record NotebookRunOptions
{
    public static readonly TimeSpan DefaultCellTimeout = TimeSpan.FromSeconds(300);
    public static readonly string DefaultOutputDirectory = Path.Combine("out", "notebooks");

    /// <summary>Papermill-style parameters, injected after the cell tagged <c>parameters</c>.</summary>
    public IReadOnlyDictionary<string, string> Parameters { get; init; } = new Dictionary<string, string>();

    /// <summary>Longest a cell may run (package restore included) before it fails.</summary>
    public TimeSpan CellTimeout { get; init; } = DefaultCellTimeout;

    /// <summary>Keep running the following cells after a failed one.</summary>
    public bool ContinueOnError { get; init; }

    /// <summary>Folder the executed notebook is written to under the source's file name; null writes nothing.</summary>
    public string? OutputDirectory { get; init; } = DefaultOutputDirectory;

    /// <summary>Write the executed notebook over the source instead of into <see cref="OutputDirectory"/>.</summary>
    public bool InPlace { get; init; }

    /// <summary>Current directory while cells run; the notebook's folder when null, as in Jupyter.</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>Environment variables set while cells run (null removes one); restored afterwards.</summary>
    public IReadOnlyDictionary<string, string?> Environment { get; init; } = new Dictionary<string, string?>();

    /// <summary>Where restored NuGet packages are cached; <c>~/.cache/fraudlab/nuget-scripts</c> when null.</summary>
    public string? PackageCacheDirectory { get; init; }

    /// <summary>Called as each cell finishes (from the runner's flow), e.g. for progress lines.</summary>
    public Action<CellOutcome>? CellFinished { get; init; }
}
