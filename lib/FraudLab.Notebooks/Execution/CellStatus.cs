namespace FraudLab.Notebooks.Execution;

/// <summary>What happened to one cell.</summary>
public enum CellStatus
{
    /// <summary>Ran without error.</summary>
    Succeeded,

    /// <summary>Has an <c>error</c> output: compile error, exception, timeout, bad magic or restore failure.</summary>
    Failed,

    /// <summary>Nothing to run: markdown, raw, a <c>#!markdown</c> cell or an empty one.</summary>
    Skipped,

    /// <summary>Not run because an earlier cell failed.</summary>
    NotRun,
}
