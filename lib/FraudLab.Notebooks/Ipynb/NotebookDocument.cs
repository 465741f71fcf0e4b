using System.Text.Json.Nodes;

namespace FraudLab.Notebooks.Ipynb;

/// <summary>
/// An nbformat 4 notebook: its cells and its metadata. Metadata the engine does not use
/// (Polyglot's <c>polyglot_notebook</c>, <c>kernelspec</c>, <c>language_info</c>, …) is kept as is.
/// </summary>
public sealed class NotebookDocument
{
    public const int SupportedFormat = 4;

    public int NbFormat { get; set; } = SupportedFormat;

    public int NbFormatMinor { get; set; } = 5;

    public JsonObject Metadata { get; set; } = [];

    public List<NotebookCell> Cells { get; } = [];

    /// <summary>Cell ids are required from nbformat 4.5 on and must not appear before it.</summary>
    public bool UsesCellIds => NbFormat == SupportedFormat && NbFormatMinor >= 5;

    /// <summary>Polyglot's notebook-wide default kernel (<c>metadata.polyglot_notebook.kernelInfo.defaultKernelName</c>).</summary>
    public string? DefaultKernelName =>
        Metadata["polyglot_notebook"]?["kernelInfo"]?["defaultKernelName"]?.GetValue<string>()
        ?? Metadata["kernelspec"]?["language"]?.GetValue<string>();

    /// <summary>Reads a notebook file; a missing file or bad content throws <see cref="NotebookFormatException"/> naming the file.</summary>
    public static NotebookDocument Load(string path)
    {
        string json;
        try
        {
            json = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new NotebookFormatException($"{path}: cannot read the notebook ({ex.Message})", ex);
        }

        return NotebookReader.Parse(json, path);
    }

    /// <summary>Parses notebook JSON; <paramref name="sourceName"/> names the input in error messages.</summary>
    public static NotebookDocument Parse(string json, string sourceName = "notebook") => NotebookReader.Parse(json, sourceName);

    /// <summary>Writes the notebook with a stable key order (sorted, one-space indent, like Jupyter and VS Code).</summary>
    public void Save(string path)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null)
        {
            Directory.CreateDirectory(folder);
        }

        File.WriteAllText(path, ToJson());
    }

    public string ToJson() => NotebookWriter.Write(this);
}
