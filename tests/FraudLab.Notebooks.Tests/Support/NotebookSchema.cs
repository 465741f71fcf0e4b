using System.Text.Json.Nodes;
using NJsonSchema;

namespace FraudLab.Notebooks.Tests.Support;

/// <summary>Validates notebook JSON against Jupyter's nbformat 4 schema for the notebook's minor version.</summary>
public static class NotebookSchema
{
    public static async Task<IReadOnlyList<string>> ValidateAsync(string json)
    {
        var minor = JsonNode.Parse(json)!["nbformat_minor"]!.GetValue<int>();
        var path = Path.Combine(AppContext.BaseDirectory, "Fixtures", "Schemas", $"nbformat.v4.{minor}.schema.json");
        var text = await File.ReadAllTextAsync(path, TestContext.Current.CancellationToken);
        var schema = await JsonSchema.FromJsonAsync(HoistMiscDefinitions(text), TestContext.Current.CancellationToken);
        return schema.Validate(json).Select(e => e.ToString()).ToList();
    }

    /// <summary>
    /// The nbformat schema groups some definitions under <c>definitions/misc</c>, which NJsonSchema cannot
    /// resolve as a reference path; moving them one level up (same content, same meaning) makes them resolvable.
    /// </summary>
    private static string HoistMiscDefinitions(string schemaJson)
    {
        var schema = JsonNode.Parse(schemaJson)!.AsObject();
        var definitions = schema["definitions"]!.AsObject();
        if (definitions["misc"] is JsonObject misc)
        {
            definitions.Remove("misc");
            foreach (var (name, definition) in misc.ToList())
            {
                misc.Remove(name);
                definitions[name] = definition;
            }
        }

        return schema.ToJsonString().Replace("#/definitions/misc/", "#/definitions/", StringComparison.Ordinal);
    }
}
