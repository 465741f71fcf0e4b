using System.Text.Json.Nodes;

namespace FraudLab.Notebooks.Ipynb;

/// <summary>One cell of a notebook. <see cref="Source"/> is the joined text (the file may store it as a list of lines).</summary>
public sealed class NotebookCell
{
    public const string Code = "code";
    public const string Markdown = "markdown";

    public NotebookCell(string cellType, string source)
    {
        CellType = cellType;
        Source = source;
    }

    public string CellType { get; }

    public string Source { get; set; }

    public string? Id { get; set; }

    public JsonObject Metadata { get; set; } = [];

    /// <summary>Only code cells have outputs and an execution count.</summary>
    public List<NotebookOutput> Outputs { get; } = [];

    public int? ExecutionCount { get; set; }

    /// <summary>Markdown and raw cells may carry attachments; kept untouched.</summary>
    public JsonObject? Attachments { get; set; }

    public bool IsCode => CellType == Code;

    /// <summary>The cell's tags (<c>metadata.tags</c>), e.g. papermill's <c>parameters</c>.</summary>
    public IReadOnlyList<string> Tags =>
        Metadata["tags"] is JsonArray tags
            ? tags.Select(t => t?.GetValue<string>()).OfType<string>().ToList()
            : [];

    /// <summary>The kernel Polyglot recorded for this cell, if any.</summary>
    public string? KernelName =>
        Metadata["polyglot_notebook"]?["kernelName"]?.GetValue<string>()
        ?? Metadata["dotnet_interactive"]?["language"]?.GetValue<string>();

    /// <summary>A C# code cell in Polyglot's format, as VS Code writes it.</summary>
    public static NotebookCell CSharp(string source, params string[] tags)
    {
        var cell = new NotebookCell(Code, source)
        {
            Metadata = new JsonObject
            {
                ["dotnet_interactive"] = new JsonObject { ["language"] = "csharp" },
                ["polyglot_notebook"] = new JsonObject { ["kernelName"] = "csharp" },
            },
        };
        if (tags.Length > 0)
        {
            cell.Metadata["tags"] = new JsonArray(tags.Select(t => (JsonNode)t).ToArray());
        }

        return cell;
    }
}
