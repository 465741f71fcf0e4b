namespace FraudDetection.Detection.Rules;

/// <summary>Ids of the built-in rules, as they appear in <see cref="Model.Reason.RuleId"/>. A dynamic rule with one of these ids replaces that built-in.</summary>
public static class BuiltInRuleIds
{
    public const string FlaggedAccount = "flagged-account";
    public const string HighValueBurst = "high-value-burst";
    public const string OverThreshold = "over-threshold";
    public const string ImpossibleTravel = "impossible-travel";
    public const string SpendVelocity = "spend-velocity";
    public const string IpDenyList = "ip-deny-list";
    public const string CardTesting = "card-testing";

    /// <summary>In evaluation (and reason) order.</summary>
    public static IReadOnlyList<string> All { get; } =
        [FlaggedAccount, HighValueBurst, OverThreshold, ImpossibleTravel, SpendVelocity, IpDenyList, CardTesting];
}
