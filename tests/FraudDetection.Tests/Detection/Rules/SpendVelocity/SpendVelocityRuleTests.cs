namespace FraudDetection.Tests.Detection.Rules;

public sealed class SpendVelocityRuleTests
{
    private const string Rule = "spend-velocity";

    [Fact]
    public void Sum_above_1000_within_ten_minutes_fires_and_equal_does_not()
    {
        var engine = Tx.Engine(Rule);
        engine.Process(Tx.At(1, 0, 400m));
        engine.Process(Tx.At(1, 60, 400m));
        Assert.Empty(engine.Process(Tx.At(1, 120, 200m)).Reasons); // sum 1000

        var reason = Assert.Single(engine.Process(Tx.At(1, 180, 0.01m)).Reasons); // sum 1000.01
        Assert.Equal(1000.01m, reason.Observed);
        Assert.Equal(1000m, reason.Threshold);
    }

    [Fact]
    public void Eleventh_transaction_within_ten_minutes_fires_and_tenth_does_not()
    {
        var engine = Tx.Engine(Rule);
        for (var i = 0; i < 9; i++)
        {
            Assert.Empty(engine.Process(Tx.At(1, i * 10, 1m)).Reasons);
        }

        Assert.Empty(engine.Process(Tx.At(1, 90, 1m)).Reasons);
        var reason = Assert.Single(engine.Process(Tx.At(1, 100, 1m)).Reasons);

        Assert.Equal(11m, reason.Observed);
        Assert.Equal(10m, reason.Threshold);
    }

    [Fact]
    public void Window_is_inclusive_at_ten_minutes()
    {
        var engine = Tx.Engine(Rule);
        engine.Process(Tx.At(1, 0, 600m));
        Assert.Single(engine.Process(Tx.At(1, 600, 400.01m)).Reasons);

        var after = Tx.Engine(Rule);
        after.Process(Tx.At(1, 0, 600m));
        Assert.Empty(after.Process(Tx.AtTime(1, Tx.T0.AddSeconds(600).AddTicks(1), 400.01m)).Reasons);
    }

    [Fact]
    public void Other_accounts_do_not_add_up()
    {
        var engine = Tx.Engine(Rule);
        engine.Process(Tx.At(1, 0, 900m));

        Assert.Empty(engine.Process(Tx.At(2, 10, 900m)).Reasons);
    }

    [Fact]
    public void Out_of_order_event_sees_only_its_own_past()
    {
        var engine = Tx.Engine(Rule);
        engine.Process(Tx.At(1, 20, 900m));
        var earlier = engine.Process(Tx.At(1, 0, 200m));

        Assert.Empty(earlier.Reasons); // the 900 is in its future
        Assert.Single(engine.Process(Tx.At(1, 25, 1m)).Reasons); // 200 + 900 + 1
    }
}
