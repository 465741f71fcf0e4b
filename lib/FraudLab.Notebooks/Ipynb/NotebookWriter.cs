using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace FraudLab.Notebooks.Ipynb;

/// <summary>
/// Writes nbformat 4 JSON the way Jupyter and VS Code do, so that diffs stay small: keys sorted at every
/// level, one-space indent, text split into lists of lines, non-ASCII kept as is, a final newline.
/// </summary>
internal static class NotebookWriter
{
    private static readonly JsonWriterOptions Options = new()
    {
        Indented = true,
        IndentSize = 1,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        NewLine = "\n",
    };

    public static string Write(NotebookDocument document)
    {
        var root = new JsonObject
        {
            ["cells"] = new JsonArray(document.Cells.Select(c => (JsonNode)Cell(c, document.UsesCellIds)).ToArray()),
            ["metadata"] = document.Metadata.DeepClone(),
            ["nbformat"] = document.NbFormat,
            ["nbformat_minor"] = document.NbFormatMinor,
        };

        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            WriteSorted(writer, root);
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    /// <summary>Splits text into lines that keep their line ends, as nbformat stores multi-line strings.</summary>
    public static JsonArray Lines(string text)
    {
        var lines = new JsonArray();
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n')
            {
                lines.Add(text[start..(i + 1)]);
                start = i + 1;
            }
        }

        if (start < text.Length)
        {
            lines.Add(text[start..]);
        }

        return lines;
    }

    private static JsonObject Cell(NotebookCell cell, bool withId)
    {
        var json = new JsonObject
        {
            ["cell_type"] = cell.CellType,
            ["metadata"] = cell.Metadata.DeepClone(),
            ["source"] = Lines(cell.Source),
        };
        if (withId && cell.Id is not null)
        {
            json["id"] = cell.Id;
        }

        if (cell.IsCode)
        {
            json["execution_count"] = cell.ExecutionCount;
            json["outputs"] = new JsonArray(cell.Outputs.Select(o => (JsonNode)Output(o)).ToArray());
        }
        else if (cell.Attachments is not null)
        {
            json["attachments"] = cell.Attachments.DeepClone();
        }

        return json;
    }

    private static JsonObject Output(NotebookOutput output)
    {
        var json = new JsonObject { ["output_type"] = output.OutputType };
        switch (output)
        {
            case StreamOutput stream:
                json["name"] = stream.Name;
                json["text"] = Lines(stream.Text);
                break;
            case DisplayDataOutput display:
                json["data"] = Bundle(display.Data);
                json["metadata"] = display.Metadata.DeepClone();
                break;
            case ExecuteResultOutput result:
                json["data"] = Bundle(result.Data);
                json["metadata"] = result.Metadata.DeepClone();
                json["execution_count"] = result.ExecutionCount;
                break;
            case ErrorOutput error:
                json["ename"] = error.EName;
                json["evalue"] = error.EValue;
                json["traceback"] = new JsonArray(error.Traceback.Select(l => (JsonNode)l).ToArray());
                break;
        }

        return json;
    }

    private static JsonObject Bundle(MimeBundle bundle)
    {
        var json = new JsonObject();
        foreach (var (mimeType, value) in bundle)
        {
            json[mimeType] = MimeBundle.IsJson(mimeType) || value is not JsonValue text
                ? value?.DeepClone()
                : Lines(text.GetValue<string>());
        }

        return json;
    }

    private static void WriteSorted(Utf8JsonWriter writer, JsonNode? node)
    {
        switch (node)
        {
            case JsonObject json:
                writer.WriteStartObject();
                foreach (var (key, value) in json.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    writer.WritePropertyName(key);
                    WriteSorted(writer, value);
                }

                writer.WriteEndObject();
                break;
            case JsonArray array:
                writer.WriteStartArray();
                foreach (var item in array)
                {
                    WriteSorted(writer, item);
                }

                writer.WriteEndArray();
                break;
            case null:
                writer.WriteNullValue();
                break;
            default:
                node.WriteTo(writer);
                break;
        }
    }
}
