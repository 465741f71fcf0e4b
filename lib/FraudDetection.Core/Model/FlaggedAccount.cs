using System.Text.Json.Serialization;

namespace FraudDetection.Model;

/// <summary>
/// An account under suspicion (the workshop's Flagged_accounts topic). Transactions of the account at or after
/// <see cref="FlagDate"/> and before <see cref="UnflagDate"/> (when given) are flagged.
/// </summary>
public sealed record FlaggedAccount
{
    [JsonPropertyName("Account_Id")]
    public required long AccountId { get; init; }

    [JsonPropertyName("Flag_Date")]
    public required DateTimeOffset FlagDate { get; init; }

    [JsonPropertyName("Reason")]
    public string? Reason { get; init; }

    /// <summary>End of the flag (exclusive); a record with only a later unflag date lifts an earlier flag.</summary>
    [JsonPropertyName("Unflag_Date")]
    public DateTimeOffset? UnflagDate { get; init; }
}
