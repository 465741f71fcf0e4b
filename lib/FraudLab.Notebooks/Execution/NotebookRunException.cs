namespace FraudLab.Notebooks.Execution;

/// <summary>A notebook that could not be run at all (as opposed to a cell that failed).</summary>
public sealed class NotebookRunException(string message) : Exception(message);
