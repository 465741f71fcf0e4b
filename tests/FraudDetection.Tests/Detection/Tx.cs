using FraudDetection.Detection;
using FraudDetection.Model;

namespace FraudDetection.Tests.Detection;

/// <summary>Terse transactions for rule tests: account, seconds after <see cref="T0"/>, amount; unique ids.</summary>
internal static class Tx
{
    public static readonly DateTimeOffset T0 = new(2026, 1, 5, 12, 0, 0, TimeSpan.Zero);

    private static long counter;

    public static Transaction At(long account, double seconds, decimal amount = 10m, double? lat = null, double? lon = null, string? ip = null) =>
        AtTime(account, T0.AddSeconds(seconds), amount, lat, lon, ip);

    public static Transaction AtTime(long account, DateTimeOffset time, decimal amount = 10m, double? lat = null, double? lon = null, string? ip = null) => new()
    {
        AccountId = account,
        CustomerName = "Test Holder",
        MerchantType = MerchantType.GroceryStore,
        TransactionId = Interlocked.Increment(ref counter).ToString("x16"),
        TransactionType = TransactionType.InStore,
        TransactionAmount = amount,
        TransactionDate = time,
        Latitude = lat,
        Longitude = lon,
        IpAddress = ip,
    };

    /// <summary>Default options with only the named built-in rule enabled (so a test sees that rule alone).</summary>
    public static DetectionOptions Only(string ruleId, Action<DetectionOptions>? configure = null)
    {
        var options = new DetectionOptions();
        options.FlaggedAccount.Enabled = ruleId == "flagged-account";
        options.HighValueBurst.Enabled = ruleId == "high-value-burst";
        options.OverThreshold.Enabled = ruleId == "over-threshold";
        options.ImpossibleTravel.Enabled = ruleId == "impossible-travel";
        options.SpendVelocity.Enabled = ruleId == "spend-velocity";
        options.IpList.Enabled = ruleId == "ip-deny-list";
        options.CardTesting.Enabled = ruleId == "card-testing";
        configure?.Invoke(options);
        return options;
    }

    public static DetectionEngine Engine(string ruleId, Action<DetectionOptions>? configure = null) => new(Only(ruleId, configure), TimeProvider.System);

    /// <summary>Rule ids of the decision's reasons.</summary>
    public static string[] Rules(this Decision decision) => [.. decision.Reasons.Select(r => r.RuleId)];
}
