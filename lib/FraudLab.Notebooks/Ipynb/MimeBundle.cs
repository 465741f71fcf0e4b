using System.Text.Json.Nodes;

namespace FraudLab.Notebooks.Ipynb;

/// <summary>
/// The <c>data</c> of a display: mime type to content, ordered by mime type. Text types hold a string;
/// JSON types (<c>application/json</c>, <c>*+json</c>) hold any JSON value.
/// </summary>
public sealed class MimeBundle : SortedDictionary<string, JsonNode?>
{
    public const string Html = "text/html";
    public const string PlainText = "text/plain";

    public MimeBundle()
        : base(StringComparer.Ordinal)
    {
    }

    /// <summary>JSON mime types are stored as JSON; every other type as (multi-line) text.</summary>
    public static bool IsJson(string mimeType) =>
        mimeType == "application/json" || mimeType.EndsWith("+json", StringComparison.Ordinal);

    public string? Text(string mimeType) => TryGetValue(mimeType, out var node) && node is JsonValue value ? value.GetValue<string>() : null;
}
