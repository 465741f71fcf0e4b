namespace FraudDetection.Detection.Rules;

/// <summary>
/// Flink SQL example's IP rule. Entries are addresses or CIDR ranges ("203.0.113.0/24").
/// A transaction matches when its IP is denied, or when an allow-list is set and its IP is not on it.
/// </summary>
public sealed class IpListOptions : RuleOptions
{
    public IpListOptions() => Weight = 100;

    /// <summary>Default: the documentation range TEST-NET-3, which the generator's denied-IP scenario uses.</summary>
    public List<string> Deny { get; set; } = ["203.0.113.0/24"];

    /// <summary>Empty: every address not denied is allowed.</summary>
    public List<string> Allow { get; set; } = [];
}
