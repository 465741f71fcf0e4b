using System.Text.Json.Nodes;

namespace FraudLab.Notebooks.Ipynb;

/// <summary><c>display_data</c>: a value shown with <c>display(x)</c>, one representation per mime type.</summary>
public sealed record DisplayDataOutput(MimeBundle Data, JsonObject Metadata) : NotebookOutput("display_data");
