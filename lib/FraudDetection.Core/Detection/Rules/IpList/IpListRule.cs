using FraudDetection.Model;

namespace FraudDetection.Detection.Rules;

/// <summary>
/// The IP address is on the deny list, or an allow list is configured and the address is not on it.
/// Transactions without an IP address never match. Observed and threshold are 1 (a list membership, not a measure).
/// </summary>
internal sealed class IpListRule(IpListOptions options) : IAccountRule
{
    private readonly IpRangeList deny = new(options.Deny);
    private readonly IpRangeList allow = new(options.Allow);

    public string Id => BuiltInRuleIds.IpDenyList;

    public int Weight => options.Weight;

    public bool IsWindowed => false;

    public Reason? Evaluate(in RuleInput input)
    {
        var ip = input.Transaction.IpAddress;
        if (ip is null || (deny.IsEmpty && allow.IsEmpty))
        {
            return null;
        }

        if (deny.TryMatch(ip, out var denied))
        {
            return Match($"IP {ip} is on the deny list ({denied})");
        }

        return !allow.IsEmpty && !allow.TryMatch(ip, out _) ? Match($"IP {ip} is not on the allow list") : null;
    }

    private Reason Match(string description) => new() { RuleId = Id, Description = description, Observed = 1, Threshold = 1 };
}
