namespace FraudLab.Notebooks.Execution;

/// <summary>The outcome of one cell: its 1-based position in the executed notebook, its execution count and, if it failed, why.</summary>
public sealed record CellOutcome(int CellNumber, int? ExecutionCount, CellStatus Status, TimeSpan Duration, string? Error = null);
