using System.Text;
using FraudDetection.Detection;
using FraudDetection.Detection.DynamicRules;

namespace FraudDetection.Tests.Detection;

public sealed class EngineDriverTests
{
    [Fact]
    public void A_new_partition_engine_starts_with_the_rules_already_applied()
    {
        var engines = new EngineDriver(new DetectionOptions());
        engines.Assign(0);

        var change = engines.ApplyRule(Rule("late-night", "00:20:00"));
        var later = engines.Assign(3);

        Assert.True(change.Accepted);
        Assert.True(engines.TryGet(0, out var first));
        Assert.Equal(["late-night"], first.DynamicRules.Select(r => r.RuleId));
        Assert.Equal(["late-night"], later.DynamicRules.Select(r => r.RuleId));
        Assert.Equal([0, 3], engines.Partitions);
    }

    [Fact]
    public void A_rejected_rule_changes_no_engine()
    {
        var engines = new EngineDriver(new DetectionOptions());
        var engine = engines.Assign(1);

        var change = engines.ApplyRule("{\"Rule_Id\":\"x\",\"Aggregate\":\"median\"}"u8);

        Assert.Equal(RuleChangeKind.Rejected, change.Kind);
        Assert.Empty(engine.DynamicRules);
    }

    [Fact]
    public void The_state_horizon_covers_the_longest_window_and_the_lateness()
    {
        var options = new DetectionOptions { AllowedLateness = TimeSpan.FromSeconds(30) };
        options.ImpossibleTravel.Enabled = false;
        var engines = new EngineDriver(options);
        var before = engines.StateHorizon;

        engines.ApplyRule(Rule("long-window", "23:00:00"));

        Assert.True(before >= options.SpendVelocity.Window + options.AllowedLateness);
        Assert.Equal(TimeSpan.FromHours(23) + options.AllowedLateness, engines.StateHorizon);
    }

    [Fact]
    public void A_removed_partition_is_gone()
    {
        var engines = new EngineDriver(new DetectionOptions());
        engines.Assign(2);

        engines.Revoke(2);

        Assert.False(engines.TryGet(2, out _));
    }

    private static byte[] Rule(string id, string window) => Encoding.UTF8.GetBytes(
        $"{{\"Rule_Id\":\"{id}\",\"Aggregate\":\"count\",\"Operator\":\">\",\"Limit\":5,\"Window\":\"{window}\"}}");
}
