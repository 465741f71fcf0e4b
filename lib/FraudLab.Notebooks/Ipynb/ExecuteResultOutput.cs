using System.Text.Json.Nodes;

namespace FraudLab.Notebooks.Ipynb;

/// <summary><c>execute_result</c>: the value of the cell's trailing expression.</summary>
public sealed record ExecuteResultOutput(MimeBundle Data, JsonObject Metadata, int? ExecutionCount) : NotebookOutput("execute_result");
