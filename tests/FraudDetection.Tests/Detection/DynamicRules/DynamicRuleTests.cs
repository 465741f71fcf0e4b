using System.Text;
using FraudDetection.Detection;
using FraudDetection.Detection.DynamicRules;
using FraudDetection.Model;

namespace FraudDetection.Tests.Detection.DynamicRules;

/// <summary>What a dynamic rule computes, its window boundaries and its lifecycle, seen through the engine.</summary>
public sealed class DynamicRuleTests
{
    /// <summary>An engine with every built-in off, so reasons come from dynamic rules only.</summary>
    private static DetectionEngine Engine(params string[] rules)
    {
        var engine = new DetectionEngine(Tx.Only("none"), TimeProvider.System);
        foreach (var rule in rules)
        {
            var change = engine.ApplyRule(Encoding.UTF8.GetBytes(rule));
            Assert.True(change.Accepted, change.Error);
        }

        return engine;
    }

    private static string Rule(string aggregate, string op, decimal limit, string window = "00:10:00", string extra = "") =>
        $$"""{"Rule_Id":"r","Aggregate":"{{aggregate}}","Field":"Transaction_Amount","Operator":"{{op}}","Limit":{{limit}},"Window":"{{window}}"{{extra}}}""";

    [Theory]
    [InlineData("count", ">=", 3, 3)]
    [InlineData("sum", ">", 59.99, 60)]
    [InlineData("avg", "==", 20, 20)]
    [InlineData("min", "<", 10.01, 10)]
    [InlineData("max", ">=", 30, 30)]
    public void Aggregates_over_the_window_including_the_current_transaction(string aggregate, string op, decimal limit, decimal observed)
    {
        var engine = Engine(Rule(aggregate, op, limit));
        engine.Process(Tx.At(1, 0, 10m));
        engine.Process(Tx.At(1, 10, 30m));

        var reason = Assert.Single(engine.Process(Tx.At(1, 20, 20m)).Reasons);

        Assert.Equal(("r", observed, limit), (reason.RuleId, reason.Observed, reason.Threshold));
    }

    [Fact]
    public void Window_is_inclusive_at_its_length()
    {
        var engine = Engine(Rule("count", ">=", 2, "00:01:00"));
        engine.Process(Tx.At(1, 0));
        Assert.Single(engine.Process(Tx.At(1, 60)).Reasons);

        var after = Engine(Rule("count", ">=", 2, "00:01:00"));
        after.Process(Tx.At(1, 0));
        Assert.Empty(after.Process(Tx.AtTime(1, Tx.T0.AddSeconds(60).AddTicks(1))).Reasons);
    }

    [Fact]
    public void Zero_window_means_this_transaction_alone()
    {
        var engine = Engine(Rule("max", ">", 100, "00:00:00"));

        Assert.Single(engine.Process(Tx.At(1, 0, 150m)).Reasons);
        Assert.Empty(engine.Process(Tx.At(1, 0, 50m)).Reasons);
    }

    [Fact]
    public void Where_filters_what_is_counted_and_judged()
    {
        var engine = Engine(Rule("count", ">=", 2, extra: ""","Where":{"Field":"Transaction_Amount","Operator":">","Value":100}"""));
        engine.Process(Tx.At(1, 0, 200m));
        Assert.Empty(engine.Process(Tx.At(1, 1, 50m)).Reasons);

        Assert.Single(engine.Process(Tx.At(1, 2, 300m)).Reasons);
    }

    [Fact]
    public void Group_by_another_field_keys_the_windows_by_it()
    {
        var engine = Engine("""{"Rule_Id":"shared-ip","Group_By":"Ip_Address","Aggregate":"count","Operator":">=","Limit":3,"Window":"00:05:00"}""");
        engine.Process(Tx.At(1, 0, ip: "192.0.2.1"));
        engine.Process(Tx.At(2, 1, ip: "192.0.2.1"));
        Assert.Empty(engine.Process(Tx.At(3, 2, ip: "192.0.2.2")).Reasons);
        Assert.Empty(engine.Process(Tx.At(4, 3)).Reasons); // no address: not keyed, not judged

        Assert.Single(engine.Process(Tx.At(3, 4, ip: "192.0.2.1")).Reasons);
    }

    [Fact]
    public void Text_conditions_compare_json_spellings()
    {
        var engine = Engine("""{"Rule_Id":"fb","Aggregate":"count","Operator":">=","Limit":1,"Window":"00:00:00","Where":{"Field":"Merchant_Type","Operator":"==","Value":"Food and Beverage"}}""");

        Assert.Empty(engine.Process(Tx.At(1, 0)).Reasons);
        Assert.Single(engine.Process(Tx.At(1, 1) with { MerchantType = MerchantType.FoodAndBeverage }).Reasons);
    }

    [Fact]
    public void Paused_rules_stop_and_resumed_rules_keep_their_windows()
    {
        var engine = Engine(Rule("count", ">=", 3));
        engine.Process(Tx.At(1, 0));
        engine.Process(Tx.At(1, 1));

        var paused = engine.ApplyRule(Encoding.UTF8.GetBytes(Rule("count", ">=", 3).Replace("\"Rule_Id\":\"r\"", "\"Rule_Id\":\"r\",\"State\":\"paused\"")));
        Assert.Equal((RuleChangeKind.Updated, RuleState.Paused), (paused.Kind, paused.State));
        Assert.Empty(engine.Process(Tx.At(1, 2)).Reasons);

        engine.ApplyRule(Encoding.UTF8.GetBytes(Rule("count", ">=", 3)));
        Assert.Single(engine.Process(Tx.At(1, 3)).Reasons); // 0, 1, 3: the paused-time event was not collected
    }

    [Fact]
    public void Deleted_rules_are_gone_with_their_state()
    {
        var engine = Engine(Rule("count", ">=", 1));
        engine.Process(Tx.At(1, 0));
        Assert.True(engine.Stats.DynamicWindowEntries > 0);

        engine.ApplyRule("""{"Rule_Id":"r","State":"deleted"}"""u8);

        Assert.Empty(engine.Process(Tx.At(1, 1)).Reasons);
        Assert.Equal(0, engine.Stats.DynamicRules);
        Assert.Equal(0, engine.Stats.DynamicWindowEntries);
    }

    [Fact]
    public void A_rule_with_a_built_in_id_replaces_that_built_in_until_deleted()
    {
        var engine = new DetectionEngine(Tx.Only("over-threshold"), TimeProvider.System);
        engine.ApplyRule("""{"Rule_Id":"over-threshold","Aggregate":"max","Field":"Transaction_Amount","Operator":">","Limit":100,"Window":"00:00:00"}"""u8);

        Assert.DoesNotContain("over-threshold", engine.ActiveBuiltInRules);
        Assert.Equal(100m, Assert.Single(engine.Process(Tx.At(1, 0, 500m)).Reasons).Threshold);

        engine.ApplyRule("""{"Rule_Id":"over-threshold","State":"deleted"}"""u8);
        Assert.Empty(engine.Process(Tx.At(1, 1, 500m)).Reasons);
        Assert.Contains("over-threshold", engine.ActiveBuiltInRules);
    }

    [Fact]
    public void Dynamic_windows_evict_with_the_watermark()
    {
        var engine = Engine(Rule("count", ">=", 100, "00:01:00"));
        for (var i = 0; i < 50; i++)
        {
            engine.Process(Tx.At(1, i * 10));
        }

        Assert.InRange(engine.Stats.DynamicWindowEntries, 7, 10); // 1 min + 30 s lateness of 10 s spacing
        engine.Evict(Tx.T0.AddHours(1));
        Assert.Equal(0, engine.Stats.DynamicWindowEntries);
    }
}
