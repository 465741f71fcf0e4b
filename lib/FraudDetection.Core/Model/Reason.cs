using System.Text.Json.Serialization;

namespace FraudDetection.Model;

/// <summary>Why a rule matched: its id, what it saw and the limit it compared against.</summary>
public sealed record Reason
{
    [JsonPropertyName("Rule_Id")]
    public required string RuleId { get; init; }

    [JsonPropertyName("Description")]
    public required string Description { get; init; }

    /// <summary>The observed value (amount, count, sum, km/h …) in the rule's unit.</summary>
    [JsonPropertyName("Observed")]
    public required decimal Observed { get; init; }

    /// <summary>The configured limit the observed value crossed.</summary>
    [JsonPropertyName("Threshold")]
    public required decimal Threshold { get; init; }
}
