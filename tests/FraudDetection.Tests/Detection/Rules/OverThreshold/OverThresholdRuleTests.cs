namespace FraudDetection.Tests.Detection.Rules;

public sealed class OverThresholdRuleTests
{
    private const string Rule = "over-threshold";

    [Fact]
    public void Fires_above_the_threshold_and_not_at_it()
    {
        var engine = Tx.Engine(Rule);

        Assert.Empty(engine.Process(Tx.At(1, 0, 10000m)).Reasons);
        var above = Assert.Single(engine.Process(Tx.At(1, 1, 10000.01m)).Reasons);

        Assert.Equal(Rule, above.RuleId);
        Assert.Equal(10000.01m, above.Observed);
        Assert.Equal(10000m, above.Threshold);
    }

    [Fact]
    public void Late_events_are_still_judged()
    {
        var engine = Tx.Engine(Rule);
        engine.Process(Tx.At(1, 1000));

        var late = engine.Process(Tx.At(1, 0, 20000m));

        Assert.True(late.IsLate);
        Assert.Single(late.Reasons);
    }

    [Fact]
    public void Threshold_is_configuration()
    {
        var engine = Tx.Engine(Rule, o => o.OverThreshold.Amount = 50m);

        Assert.Single(engine.Process(Tx.At(1, 0, 50.01m)).Reasons);
    }
}
