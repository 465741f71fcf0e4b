using FraudDetection.Model;

namespace FraudDetection.Tests.Detection.Rules;

public sealed class FlaggedAccountRuleTests
{
    private const string Rule = "flagged-account";

    private static FlaggedAccount Flag(long account, double seconds, double? unflagSeconds = null) => new()
    {
        AccountId = account,
        FlagDate = Tx.T0.AddSeconds(seconds),
        UnflagDate = unflagSeconds is { } u ? Tx.T0.AddSeconds(u) : null,
    };

    [Fact]
    public void Transaction_at_the_flag_time_is_flagged_and_one_before_is_not()
    {
        var engine = Tx.Engine(Rule);
        engine.Apply(Flag(1, 100));

        Assert.Empty(engine.Process(Tx.AtTime(1, Tx.T0.AddSeconds(100).AddTicks(-1))).Reasons);
        var at = engine.Process(Tx.At(1, 100));

        var reason = Assert.Single(at.Reasons);
        Assert.Equal(Rule, reason.RuleId);
        Assert.Equal(0m, reason.Observed);
        Assert.Equal(Tx.T0.AddSeconds(100), at.FlagDate);
        Assert.Equal(Verdict.Block, at.Verdict);
    }

    [Fact]
    public void Repeated_flag_gives_one_reason_not_a_duplicate()
    {
        var engine = Tx.Engine(Rule);
        engine.Apply(Flag(1, 0));
        engine.Apply(Flag(1, 0));
        engine.Apply(Flag(1, 0));

        var decision = engine.Process(Tx.At(1, 10));

        Assert.Single(decision.Reasons);
        Assert.Equal(1, engine.Stats.Flags);
    }

    [Fact]
    public void Two_flags_report_the_earliest_covering_one()
    {
        var engine = Tx.Engine(Rule);
        engine.Apply(Flag(1, 50));
        engine.Apply(Flag(1, 0));

        var decision = engine.Process(Tx.At(1, 60));

        Assert.Single(decision.Reasons);
        Assert.Equal(Tx.T0, decision.FlagDate);
        Assert.Equal(60m, decision.Reasons[0].Observed);
    }

    [Fact]
    public void Unflag_date_ends_the_flag_exclusively()
    {
        var engine = Tx.Engine(Rule);
        engine.Apply(Flag(1, 0, unflagSeconds: 100));

        Assert.Single(engine.Process(Tx.AtTime(1, Tx.T0.AddSeconds(100).AddTicks(-1))).Reasons);
        Assert.Empty(engine.Process(Tx.At(1, 100)).Reasons);
    }

    [Fact]
    public void Unflag_record_lifts_an_earlier_open_flag()
    {
        var engine = Tx.Engine(Rule);
        engine.Apply(Flag(1, 0));
        engine.Apply(Flag(1, 0, unflagSeconds: 200));

        Assert.Single(engine.Process(Tx.At(1, 150)).Reasons);
        Assert.Empty(engine.Process(Tx.At(1, 250)).Reasons);
    }

    [Fact]
    public void Flag_expires_after_its_ttl()
    {
        var engine = Tx.Engine(Rule, o => o.FlaggedAccount.FlagTtl = TimeSpan.FromHours(1));
        engine.Apply(Flag(1, 0));

        Assert.Single(engine.Process(Tx.At(1, 3599)).Reasons);
        Assert.Empty(engine.Process(Tx.At(1, 3600)).Reasons);
    }

    [Fact]
    public void Expired_flags_are_evicted_from_state()
    {
        var engine = Tx.Engine(Rule, o => o.FlaggedAccount.FlagTtl = TimeSpan.FromHours(1));
        engine.Apply(Flag(1, 0));
        engine.Apply(Flag(2, 0, unflagSeconds: 10));
        Assert.Equal(2, engine.Stats.Flags);

        engine.Evict(Tx.T0.AddHours(2));

        Assert.Equal(0, engine.Stats.Flags);
    }

    [Fact]
    public void Flags_per_account_are_capped()
    {
        var engine = Tx.Engine(Rule, o => o.FlaggedAccount.MaxFlagsPerAccount = 3);
        for (var i = 0; i < 10; i++)
        {
            engine.Apply(Flag(1, i * 10));
        }

        Assert.Equal(3, engine.Stats.Flags);
    }

    [Fact]
    public void Only_the_flagged_account_is_flagged()
    {
        var engine = Tx.Engine(Rule);
        engine.Apply(Flag(1, 0));

        Assert.Empty(engine.Process(Tx.At(2, 10)).Reasons);
        Assert.Null(engine.Process(Tx.At(2, 11)).FlagDate);
    }

    [Fact]
    public void Late_transactions_are_still_joined()
    {
        var engine = Tx.Engine(Rule);
        engine.Apply(Flag(1, 0));
        engine.Process(Tx.At(1, 1000));

        var late = engine.Process(Tx.At(1, 10));

        Assert.True(late.IsLate);
        Assert.Single(late.Reasons);
    }
}
