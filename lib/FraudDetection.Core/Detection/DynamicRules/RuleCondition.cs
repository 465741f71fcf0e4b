using System.Text.Json;
using System.Text.Json.Serialization;

namespace FraudDetection.Detection.DynamicRules;

/// <summary>A filter of a dynamic rule: <c>Field Operator Value</c>; a number for numeric fields, a string (== or != only) otherwise.</summary>
public sealed record RuleCondition
{
    [JsonPropertyName("Field")]
    public string? Field { get; init; }

    [JsonPropertyName("Operator")]
    public string? Operator { get; init; }

    [JsonPropertyName("Value")]
    public JsonElement? Value { get; init; }
}
