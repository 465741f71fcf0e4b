using System.Text.Json.Serialization;

namespace FraudDetection.Detection.DynamicRules;

/// <summary>
/// A dynamic rule as written on the rules topic or in a rules file, e.g.
/// <code>{"Rule_Id":"high-value-burst","State":"active","Group_By":"Account_Id","Aggregate":"count",
///  "Where":{"Field":"Transaction_Amount","Operator":">","Value":2000},"Operator":">=","Limit":3,"Window":"00:05:00"}</code>
/// reads "per account, the count of transactions above 2000 in the last 5 minutes is at least 3".
/// Every field is kept as written (strings, nullable) so that <see cref="DynamicRuleCompiler"/> can reject a bad
/// rule with a reason naming the field instead of failing to parse. A rule whose id is a built-in's replaces it.
/// </summary>
public sealed record RuleDefinition
{
    /// <summary>Letters, digits, '-', '_' or '.', at most 64.</summary>
    [JsonPropertyName("Rule_Id")]
    public string? RuleId { get; init; }

    [JsonPropertyName("Description")]
    public string? Description { get; init; }

    /// <summary>"active" (default), "paused" (kept, not evaluated) or "deleted" (removed).</summary>
    [JsonPropertyName("State")]
    public string? State { get; init; }

    /// <summary>The field whose value keys the window, default "Account_Id".</summary>
    [JsonPropertyName("Group_By")]
    public string? GroupBy { get; init; }

    /// <summary>"count", "sum", "avg", "min" or "max".</summary>
    [JsonPropertyName("Aggregate")]
    public string? Aggregate { get; init; }

    /// <summary>The numeric field aggregated (sum/avg/min/max); not used by count.</summary>
    [JsonPropertyName("Field")]
    public string? Field { get; init; }

    /// <summary>"&gt;", "&gt;=", "&lt;", "&lt;=", "==" or "!=": aggregate OPERATOR limit.</summary>
    [JsonPropertyName("Operator")]
    public string? Operator { get; init; }

    [JsonPropertyName("Limit")]
    public decimal? Limit { get; init; }

    /// <summary>"hh:mm:ss" or ISO-8601 ("PT10M"). The window is [t - Window, t], both ends inclusive; zero means this transaction alone.</summary>
    [JsonPropertyName("Window")]
    public string? Window { get; init; }

    /// <summary>Only transactions matching this condition are counted and evaluated.</summary>
    [JsonPropertyName("Where")]
    public RuleCondition? Where { get; init; }

    /// <summary>Added to the score on a match; default <c>Detection:DynamicRuleWeight</c>.</summary>
    [JsonPropertyName("Weight")]
    public int? Weight { get; init; }
}
