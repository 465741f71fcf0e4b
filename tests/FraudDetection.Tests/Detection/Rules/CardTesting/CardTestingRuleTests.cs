namespace FraudDetection.Tests.Detection.Rules;

public sealed class CardTestingRuleTests
{
    private const string Rule = "card-testing";

    [Fact]
    public void Small_then_large_within_a_minute_fires()
    {
        var engine = Tx.Engine(Rule);
        Assert.Empty(engine.Process(Tx.At(1, 0, 0.99m)).Reasons);

        var reason = Assert.Single(engine.Process(Tx.At(1, 30, 500.01m)).Reasons);
        Assert.Equal(500.01m, reason.Observed);
        Assert.Equal(500m, reason.Threshold);
    }

    [Fact]
    public void Limits_are_strict()
    {
        var notSmall = Tx.Engine(Rule);
        notSmall.Process(Tx.At(1, 0, 1.00m));
        Assert.Empty(notSmall.Process(Tx.At(1, 10, 900m)).Reasons);

        var notLarge = Tx.Engine(Rule);
        notLarge.Process(Tx.At(1, 0, 0.50m));
        Assert.Empty(notLarge.Process(Tx.At(1, 10, 500m)).Reasons);
    }

    [Fact]
    public void Exactly_one_minute_later_still_fires_and_later_does_not()
    {
        var engine = Tx.Engine(Rule);
        engine.Process(Tx.At(1, 0, 0.10m));
        Assert.Single(engine.Process(Tx.At(1, 60, 600m)).Reasons);

        var later = Tx.Engine(Rule);
        later.Process(Tx.At(1, 0, 0.10m));
        Assert.Empty(later.Process(Tx.AtTime(1, Tx.T0.AddSeconds(60).AddTicks(1), 600m)).Reasons);
    }

    [Fact]
    public void Large_before_small_is_not_card_testing()
    {
        var engine = Tx.Engine(Rule);
        engine.Process(Tx.At(1, 0, 600m));

        Assert.Empty(engine.Process(Tx.At(1, 10, 0.10m)).Reasons);
    }

    [Fact]
    public void Small_on_another_account_does_not_count()
    {
        var engine = Tx.Engine(Rule);
        engine.Process(Tx.At(2, 0, 0.10m));

        Assert.Empty(engine.Process(Tx.At(1, 10, 600m)).Reasons);
    }
}
