using System.Text.Json.Nodes;

namespace FraudLab.Notebooks.Ipynb;

/// <summary>One output of a code cell, in nbformat 4's four kinds.</summary>
public abstract record NotebookOutput(string OutputType);

/// <summary><c>stream</c>: text written to stdout or stderr.</summary>
public sealed record StreamOutput(string Name, string Text) : NotebookOutput("stream")
{
    public const string Stdout = "stdout";
    public const string Stderr = "stderr";
}

/// <summary><c>display_data</c>: a value shown with <c>display(x)</c>, one representation per mime type.</summary>
public sealed record DisplayDataOutput(MimeBundle Data, JsonObject Metadata) : NotebookOutput("display_data");

/// <summary><c>execute_result</c>: the value of the cell's trailing expression.</summary>
public sealed record ExecuteResultOutput(MimeBundle Data, JsonObject Metadata, int? ExecutionCount) : NotebookOutput("execute_result");

/// <summary><c>error</c>: a compile error or an exception.</summary>
public sealed record ErrorOutput(string EName, string EValue, IReadOnlyList<string> Traceback) : NotebookOutput("error");
