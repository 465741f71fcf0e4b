using NJsonSchema;

namespace FraudLab.Notebooks.Tests.Support;

/// <summary>Validates notebook JSON against Jupyter's nbformat 4 schema for the notebook's minor version.</summary>
public static class NotebookSchema
{
    public static async Task<IReadOnlyList<string>> ValidateAsync(string json)
    {
        var minor = System.Text.Json.Nodes.JsonNode.Parse(json)!["nbformat_minor"]!.GetValue<int>();
        var path = System.IO.Path.Combine(AppContext.BaseDirectory, "Fixtures", "Schemas", $"nbformat.v4.{minor}.schema.json");
        var schema = await JsonSchema.FromFileAsync(path, TestContext.Current.CancellationToken);
        return schema.Validate(json).Select(e => e.ToString()).ToList();
    }
}
