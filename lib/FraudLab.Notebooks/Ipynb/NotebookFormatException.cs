namespace FraudLab.Notebooks.Ipynb;

/// <summary>A notebook that cannot be read: the message names the file and what was wrong.</summary>
public sealed class NotebookFormatException(string message, Exception? inner = null) : Exception(message, inner);
