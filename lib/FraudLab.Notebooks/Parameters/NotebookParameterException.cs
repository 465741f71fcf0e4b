namespace FraudLab.Notebooks.Parameters;

/// <summary>A parameter that cannot be injected (bad name, or a value that does not fit its declared type).</summary>
public sealed class NotebookParameterException(string message) : Exception(message);
