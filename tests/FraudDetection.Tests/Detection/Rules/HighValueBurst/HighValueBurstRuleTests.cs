namespace FraudDetection.Tests.Detection.Rules;

public sealed class HighValueBurstRuleTests
{
    private const string Rule = "high-value-burst";

    [Fact]
    public void Third_high_value_transaction_within_five_minutes_fires()
    {
        var engine = Tx.Engine(Rule);

        Assert.Empty(engine.Process(Tx.At(1, 0, 2000.01m)).Reasons);
        Assert.Empty(engine.Process(Tx.At(1, 60, 2500m)).Reasons);
        var third = engine.Process(Tx.At(1, 120, 3000m));

        var reason = Assert.Single(third.Reasons);
        Assert.Equal(Rule, reason.RuleId);
        Assert.Equal(3m, reason.Observed);
        Assert.Equal(3m, reason.Threshold);
        Assert.True(third.IsFlagged);
    }

    [Fact]
    public void Amount_equal_to_the_threshold_is_not_high_value()
    {
        var engine = Tx.Engine(Rule);

        engine.Process(Tx.At(1, 0, 2000.01m));
        engine.Process(Tx.At(1, 10, 2000.01m));

        Assert.Empty(engine.Process(Tx.At(1, 20, 2000.00m)).Reasons);
    }

    [Fact]
    public void Window_includes_exactly_five_minutes_and_not_a_tick_more()
    {
        var inclusive = Tx.Engine(Rule);
        inclusive.Process(Tx.At(1, 0, 3000m));
        inclusive.Process(Tx.At(1, 100, 3000m));
        Assert.Single(inclusive.Process(Tx.At(1, 300, 3000m)).Reasons);

        var beyond = Tx.Engine(Rule);
        beyond.Process(Tx.At(1, 0, 3000m));
        beyond.Process(Tx.At(1, 100, 3000m));
        Assert.Empty(beyond.Process(Tx.AtTime(1, Tx.T0.AddSeconds(300).AddTicks(1), 3000m)).Reasons);
    }

    [Fact]
    public void Small_transaction_after_two_large_ones_does_not_fire()
    {
        var engine = Tx.Engine(Rule);
        engine.Process(Tx.At(1, 0, 3000m));
        engine.Process(Tx.At(1, 10, 3000m));

        Assert.Empty(engine.Process(Tx.At(1, 20, 50m)).Reasons);
    }

    [Fact]
    public void Accounts_are_counted_separately()
    {
        var engine = Tx.Engine(Rule);
        engine.Process(Tx.At(1, 0, 3000m));
        engine.Process(Tx.At(2, 10, 3000m));

        Assert.Empty(engine.Process(Tx.At(1, 20, 3000m)).Reasons);
        Assert.Single(engine.Process(Tx.At(1, 30, 3000m)).Reasons);
        Assert.Empty(engine.Process(Tx.At(2, 40, 3000m)).Reasons);
    }

    [Fact]
    public void Out_of_order_event_within_lateness_counts_for_later_events()
    {
        var engine = Tx.Engine(Rule);
        engine.Process(Tx.At(1, 100, 3000m));
        var early = engine.Process(Tx.At(1, 80, 3000m)); // 20 s late, allowed lateness is 30 s

        Assert.False(early.IsLate);
        Assert.Empty(early.Reasons);
        Assert.Single(engine.Process(Tx.At(1, 110, 3000m)).Reasons);
    }

    [Fact]
    public void Event_beyond_allowed_lateness_is_late_and_not_counted()
    {
        var engine = Tx.Engine(Rule);
        engine.Process(Tx.At(1, 100, 3000m));
        var late = engine.Process(Tx.At(1, 60, 3000m)); // 40 s behind, lateness 30 s

        Assert.True(late.IsLate);
        Assert.Equal(1, engine.Stats.LateEvents);
        Assert.Empty(engine.Process(Tx.At(1, 110, 3000m)).Reasons);
    }
}
