using FraudDetection.Charts;
using FraudDetection.Model;
using static FraudDetection.Tests.Charts.ChartRecords;

namespace FraudDetection.Tests.Charts;

public sealed class TravelPairTests
{
    private const string Rule = "impossible-travel";

    [Fact]
    public void Pairs_a_flagged_transaction_with_the_accounts_previous_location()
    {
        var london = Located(1, Start, 51.5, -0.12, "London");
        var paris = Located(1, Start.AddHours(1), 48.85, 2.35, "Paris");
        var tokyo = Located(1, Start.AddHours(2), 35.7, 139.7, "Tokyo");
        var otherAccount = Located(2, Start.AddHours(1.5), -33.9, 151.2, "Sydney");

        var pairs = TravelPair.Find([london, paris, tokyo, otherAccount], [Processed(tokyo, rules: Rule)], Rule);

        var pair = Assert.Single(pairs);
        Assert.Equal(1, pair.AccountId);
        Assert.Equal("Paris", pair.From.City);
        Assert.Equal("Tokyo", pair.To.City);
        Assert.Equal(2000m, pair.SpeedKmh);
    }

    [Fact]
    public void Skips_other_rules_and_flagged_transactions_without_a_known_predecessor()
    {
        var first = Located(1, Start, 51.5, -0.12, "London");
        var second = Located(1, Start.AddHours(1), 35.7, 139.7, "Tokyo");

        var pairs = TravelPair.Find([first, second], [Processed(first, rules: Rule), Processed(second, rules: "over-threshold")], Rule);

        Assert.Empty(pairs);
    }

    [Fact]
    public void Ignores_transactions_without_a_location()
    {
        var unlocated = Located(1, Start, 0, 0, "?") with { Latitude = null, Longitude = null };
        var located = Located(1, Start.AddHours(1), 35.7, 139.7, "Tokyo");

        Assert.Empty(TravelPair.Find([unlocated, located], [Processed(located, rules: Rule)], Rule));
    }
}
