namespace FraudLab.Notebooks.Ipynb;

/// <summary><c>stream</c>: text written to stdout or stderr.</summary>
public sealed record StreamOutput(string Name, string Text) : NotebookOutput("stream")
{
    public const string Stdout = "stdout";
    public const string Stderr = "stderr";
}
