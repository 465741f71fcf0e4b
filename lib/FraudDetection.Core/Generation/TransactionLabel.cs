using System.Text.Json.Serialization;

namespace FraudDetection.Generation;

/// <summary>
/// Ground truth for one generated transaction (a line of a labels file): the scenario it belongs to and the rule ids
/// the engine must report for it with default detection options. Empty <see cref="ExpectedRuleIds"/>: must be approved.
/// </summary>
public sealed record TransactionLabel
{
    [JsonPropertyName("Account_Id")]
    public required long AccountId { get; init; }

    [JsonPropertyName("Transaction_Id")]
    public required string TransactionId { get; init; }

    [JsonPropertyName("Scenario")]
    public required FraudScenario Scenario { get; init; }

    /// <summary>Sorted ordinally; the scenario's own rule plus any a scenario trips on the way (a burst of large amounts also exceeds the spend velocity).</summary>
    [JsonPropertyName("Expected_Rule_Ids")]
    public required IReadOnlyList<string> ExpectedRuleIds { get; init; }

    [JsonIgnore]
    public bool ExpectFlagged => ExpectedRuleIds.Count > 0;
}
