namespace FraudLab.Notebooks.Ipynb;

/// <summary><c>error</c>: a compile error or an exception.</summary>
public sealed record ErrorOutput(string EName, string EValue, IReadOnlyList<string> Traceback) : NotebookOutput("error");
