using System.Text.Json;
using System.Text.Json.Nodes;

namespace FraudLab.Notebooks.Ipynb;

/// <summary>Reads nbformat 4 JSON into a <see cref="NotebookDocument"/>; every problem names the file and the JSON path.</summary>
internal static class NotebookReader
{
    public static NotebookDocument Parse(string json, string sourceName)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json);
        }
        catch (JsonException ex)
        {
            throw new NotebookFormatException(
                $"{sourceName}: not valid JSON (line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1}): {ex.Message.Split(" Path:")[0]}", ex);
        }

        if (root is not JsonObject notebook)
        {
            throw new NotebookFormatException($"{sourceName}: not a notebook (the top level is not a JSON object)");
        }

        var reader = new Reader(sourceName);
        var format = reader.Integer(notebook, "nbformat", "$");
        if (format != NotebookDocument.SupportedFormat)
        {
            throw new NotebookFormatException($"{sourceName}: nbformat {format} is not supported (only nbformat 4)");
        }

        var document = new NotebookDocument
        {
            NbFormat = format,
            NbFormatMinor = reader.Integer(notebook, "nbformat_minor", "$"),
            Metadata = reader.Object(notebook, "metadata", "$", required: false) ?? [],
        };

        if (notebook["cells"] is not JsonArray cells)
        {
            throw new NotebookFormatException($"{sourceName}: not a notebook ('cells' is missing or not a list)");
        }

        for (var i = 0; i < cells.Count; i++)
        {
            var cell = reader.Cell(cells[i], $"$.cells[{i}]");
            if (document.UsesCellIds)
            {
                cell.Id ??= Guid.NewGuid().ToString("N")[..8]; // required from 4.5 on; nbformat fills it the same way
            }

            document.Cells.Add(cell);
        }

        return document;
    }

    /// <summary>Joins nbformat's "multiline string" (a string or a list of lines).</summary>
    public static string? MultilineText(JsonNode? node) => node switch
    {
        JsonValue value when value.TryGetValue<string>(out var text) => text,
        JsonArray lines when lines.All(l => l is JsonValue v && v.TryGetValue<string>(out _)) =>
            string.Concat(lines.Select(l => l!.GetValue<string>())),
        _ => null,
    };

    private sealed class Reader(string sourceName)
    {
        public NotebookCell Cell(JsonNode? node, string path)
        {
            if (node is not JsonObject json)
            {
                throw Error(path, "a cell must be a JSON object");
            }

            var type = String(json, "cell_type", path);
            var source = MultilineText(json["source"]) ?? throw Error($"{path}.source", "must be a string or a list of strings");
            var cell = new NotebookCell(type, source)
            {
                Id = json["id"] is JsonNode id ? String(json, "id", path) : null,
                Metadata = Object(json, "metadata", path, required: false) ?? [],
                Attachments = Object(json, "attachments", path, required: false),
            };

            if (cell.IsCode)
            {
                cell.ExecutionCount = json["execution_count"] is JsonNode ? Integer(json, "execution_count", path) : null;
                if (json["outputs"] is JsonArray outputs)
                {
                    for (var i = 0; i < outputs.Count; i++)
                    {
                        cell.Outputs.Add(Output(outputs[i], $"{path}.outputs[{i}]"));
                    }
                }
            }

            return cell;
        }

        private NotebookOutput Output(JsonNode? node, string path)
        {
            if (node is not JsonObject json)
            {
                throw Error(path, "an output must be a JSON object");
            }

            return String(json, "output_type", path) switch
            {
                "stream" => new StreamOutput(String(json, "name", path), MultilineText(json["text"]) ?? throw Error($"{path}.text", "must be text")),
                "display_data" => new DisplayDataOutput(Bundle(json, path), Object(json, "metadata", path, required: false) ?? []),
                "execute_result" => new ExecuteResultOutput(
                    Bundle(json, path),
                    Object(json, "metadata", path, required: false) ?? [],
                    json["execution_count"] is JsonNode ? Integer(json, "execution_count", path) : null),
                "error" => new ErrorOutput(
                    String(json, "ename", path),
                    String(json, "evalue", path),
                    json["traceback"] is JsonArray lines ? lines.Select(l => l?.GetValue<string>() ?? "").ToList() : []),
                var other => throw Error($"{path}.output_type", $"unknown output type '{other}'"),
            };
        }

        private MimeBundle Bundle(JsonObject json, string path)
        {
            var bundle = new MimeBundle();
            foreach (var (mimeType, value) in Object(json, "data", path, required: false) ?? [])
            {
                bundle[mimeType] = MimeBundle.IsJson(mimeType)
                    ? value?.DeepClone()
                    : MultilineText(value) ?? throw Error($"{path}.data['{mimeType}']", "must be text");
            }

            return bundle;
        }

        public JsonObject? Object(JsonObject json, string name, string path, bool required) => json[name] switch
        {
            JsonObject value => (JsonObject)value.DeepClone(),
            null when !required => null,
            _ => throw Error($"{path}.{name}", "must be a JSON object"),
        };

        public int Integer(JsonObject json, string name, string path) =>
            json[name] is JsonValue value && value.TryGetValue<int>(out var number)
                ? number
                : throw Error($"{path}.{name}", "must be an integer");

        private string String(JsonObject json, string name, string path) =>
            json[name] is JsonValue value && value.TryGetValue<string>(out var text)
                ? text
                : throw Error($"{path}.{name}", "must be a string");

        private NotebookFormatException Error(string path, string problem) => new($"{sourceName}: {path} {problem}");
    }
}
