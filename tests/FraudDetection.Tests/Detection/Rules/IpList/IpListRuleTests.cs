namespace FraudDetection.Tests.Detection.Rules;

public sealed class IpListRuleTests
{
    private const string Rule = "ip-deny-list";

    [Fact]
    public void Address_in_a_denied_range_fires()
    {
        var engine = Tx.Engine(Rule);

        var reason = Assert.Single(engine.Process(Tx.At(1, 0, ip: "203.0.113.77")).Reasons);

        Assert.Equal(Rule, reason.RuleId);
        Assert.Contains("203.0.113.0/24", reason.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Address_outside_the_ranges_and_missing_addresses_pass()
    {
        var engine = Tx.Engine(Rule);

        Assert.Empty(engine.Process(Tx.At(1, 0, ip: "203.0.114.1")).Reasons);
        Assert.Empty(engine.Process(Tx.At(1, 1)).Reasons);
    }

    [Fact]
    public void Single_addresses_and_ipv6_ranges_are_accepted()
    {
        var engine = Tx.Engine(Rule, o => o.IpList.Deny = ["198.51.100.7", "2001:db8::/32"]);

        Assert.Single(engine.Process(Tx.At(1, 0, ip: "198.51.100.7")).Reasons);
        Assert.Empty(engine.Process(Tx.At(1, 1, ip: "198.51.100.8")).Reasons);
        Assert.Single(engine.Process(Tx.At(1, 2, ip: "2001:db8::1")).Reasons);
    }

    [Theory]
    [InlineData("0.0.0.0/0", "8.8.8.8", true)]
    [InlineData("0.0.0.0/0", "2001:db8::1", false)]
    [InlineData("10.0.0.0/8", "10.255.255.255", true)]
    [InlineData("10.0.0.0/8", "11.0.0.0", false)]
    [InlineData("10.0.0.0/8", "10.0.0.256", false)]
    [InlineData("10.0.0.0/8", "10.0.0", false)]
    [InlineData("192.0.2.1", "192.0.2.1", true)]
    public void Ranges_match_by_prefix(string entry, string ip, bool denied)
    {
        var engine = Tx.Engine(Rule, o => o.IpList.Deny = [entry]);

        Assert.Equal(denied, engine.Process(Tx.At(1, 0, ip: ip)).Reasons.Count == 1);
    }

    [Fact]
    public void With_an_allow_list_only_listed_addresses_pass()
    {
        var engine = Tx.Engine(Rule, o => o.IpList.Allow = ["10.0.0.0/8"]);

        Assert.Empty(engine.Process(Tx.At(1, 0, ip: "10.1.2.3")).Reasons);
        var reason = Assert.Single(engine.Process(Tx.At(1, 1, ip: "192.0.2.1")).Reasons);
        Assert.Contains("not on the allow list", reason.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Deny_wins_over_allow()
    {
        var engine = Tx.Engine(Rule, o => o.IpList.Allow = ["203.0.0.0/8"]);

        Assert.Single(engine.Process(Tx.At(1, 0, ip: "203.0.113.5")).Reasons);
    }

    [Fact]
    public void Invalid_list_entries_are_a_configuration_error()
    {
        var ex = Assert.Throws<FraudDetection.Configuration.KitConfigurationException>(
            () => Tx.Engine(Rule, o => o.IpList.Deny = ["not-an-ip"]));

        Assert.Contains("'not-an-ip' is not an IP address or CIDR range", ex.Message, StringComparison.Ordinal);
    }
}
