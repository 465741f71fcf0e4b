using FraudLab.Notebooks.Execution;
using FraudLab.Notebooks.Ipynb;

namespace FraudLab.Notebooks.Tests.Support;

/// <summary>Writes a notebook of C# cells (Polyglot format) into a temp folder and runs it with the real engine.</summary>
public sealed class TestNotebook : IDisposable
{
    private readonly TempFolder _folder = new();

    public TestNotebook(params string[] cells)
    {
        Document = new NotebookDocument
        {
            Metadata = new()
            {
                ["kernelspec"] = new System.Text.Json.Nodes.JsonObject { ["display_name"] = ".NET (C#)", ["language"] = "C#", ["name"] = ".net-csharp" },
                ["polyglot_notebook"] = System.Text.Json.Nodes.JsonNode.Parse("""{"kernelInfo":{"defaultKernelName":"csharp","items":[{"aliases":[],"name":"csharp"}]}}"""),
            },
        };
        for (var i = 0; i < cells.Length; i++)
        {
            var cell = NotebookCell.CSharp(cells[i]);
            cell.Id = $"cell-{i + 1}";
            Document.Cells.Add(cell);
        }
    }

    public NotebookDocument Document { get; }

    public string Folder => _folder.Path;

    public string Path => _folder.Combine("notebook.ipynb");

    public string OutputDirectory => _folder.Combine("out");

    public async Task<NotebookRunResult> RunAsync(NotebookRunOptions? options = null)
    {
        Document.Save(Path);
        var withOutput = (options ?? new NotebookRunOptions()) with { OutputDirectory = OutputDirectory };
        return await NotebookRunner.RunAsync(Path, withOutput, TestContext.Current.CancellationToken);
    }

    public void Dispose() => _folder.Dispose();
}
