using FraudDetection.Configuration;
using FraudDetection.Detection;
using FraudDetection.Model;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Time.Testing;

namespace FraudDetection.Tests.Detection;

public sealed class DetectionEngineTests
{
    [Fact]
    public void Clean_transaction_is_approved_with_no_reasons()
    {
        var engine = new DetectionEngine(new DetectionOptions(), TimeProvider.System);

        var decision = engine.Process(Tx.At(1, 0, 25m));

        Assert.Equal(Verdict.Approve, decision.Verdict);
        Assert.Equal(0, decision.Score);
        Assert.Empty(decision.Reasons);
        Assert.False(decision.IsFlagged);
    }

    [Fact]
    public void Verdict_follows_the_summed_weights()
    {
        var engine = new DetectionEngine(new DetectionOptions(), TimeProvider.System);

        var review = engine.Process(Tx.At(1, 0, 1500m)); // spend-velocity 40
        var block = engine.Process(Tx.At(2, 0, 12000m)); // over-threshold 50 + spend-velocity 40

        Assert.Equal((Verdict.Review, 40), (review.Verdict, review.Score));
        Assert.Equal((Verdict.Block, 90), (block.Verdict, block.Score));
        Assert.Equal(["over-threshold", "spend-velocity"], block.Rules());
    }

    [Fact]
    public void A_rule_below_the_review_score_explains_but_approves()
    {
        var engine = new DetectionEngine(Tx.Only("over-threshold", o => o.OverThreshold.Weight = 10), TimeProvider.System);

        var decision = engine.Process(Tx.At(1, 0, 20000m));

        Assert.Equal(Verdict.Approve, decision.Verdict);
        Assert.Single(decision.Reasons);
        Assert.Equal(0, engine.Stats.Flagged);
    }

    [Fact]
    public void Processed_time_comes_from_the_time_provider_and_event_time_from_the_transaction()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var engine = new DetectionEngine(new DetectionOptions(), clock);

        var decision = engine.Process(Tx.At(1, 30));

        Assert.Equal(clock.GetUtcNow(), decision.ProcessedTime);
        Assert.Equal(Tx.T0.AddSeconds(30), decision.EventTime);
    }

    [Fact]
    public void Late_events_are_counted_marked_and_kept_out_of_the_windows()
    {
        var engine = new DetectionEngine(new DetectionOptions(), TimeProvider.System);
        engine.Process(Tx.At(1, 100));

        var withinLateness = engine.Process(Tx.At(1, 70)); // exactly at the watermark: not late
        var late = engine.Process(Tx.AtTime(1, Tx.T0.AddSeconds(70).AddTicks(-1)));

        Assert.False(withinLateness.IsLate);
        Assert.True(late.IsLate);
        Assert.Equal(1, engine.Stats.LateEvents);
        Assert.Equal(2, engine.Stats.WindowEntries);
        Assert.Equal(3, engine.Stats.Events);
    }

    [Fact]
    public void Lateness_is_per_account()
    {
        var engine = new DetectionEngine(new DetectionOptions(), TimeProvider.System);
        engine.Process(Tx.At(1, 10000));

        Assert.False(engine.Process(Tx.At(2, 0)).IsLate);
    }

    [Fact]
    public void Window_state_is_trimmed_as_event_time_advances()
    {
        var engine = new DetectionEngine(new DetectionOptions(), TimeProvider.System);
        for (var i = 0; i < 100; i++)
        {
            engine.Process(Tx.At(1, i * 60, 1m));
        }

        // Longest window 10 min + 30 s lateness: the entries of the last 10.5 minutes remain.
        Assert.Equal(11, engine.Stats.WindowEntries);
    }

    [Fact]
    public void Idle_accounts_are_forgotten_only_beyond_the_state_horizon()
    {
        var engine = new DetectionEngine(new DetectionOptions { EvictEveryEvents = 0 }, TimeProvider.System);
        engine.Process(Tx.At(1, 0));
        engine.Process(Tx.At(2, 0, lat: 10, lon: 10));
        Assert.Equal(2, engine.Stats.Accounts);

        // Past every window but within the horizon (a location can matter for ~20 h at 1000 km/h): an event of these
        // accounts arriving now, behind the others, must still see their state.
        engine.Evict(Tx.T0.AddHours(1));
        Assert.Equal(2, engine.Stats.Accounts);
        Assert.Equal(2, engine.Stats.WindowEntries);

        engine.Evict(Tx.T0 + engine.StateHorizon + TimeSpan.FromSeconds(1));
        Assert.Equal(0, engine.Stats.Accounts);
        Assert.Equal(0, engine.Stats.WindowEntries);
    }

    [Fact]
    public void Eviction_runs_by_itself_every_configured_number_of_events()
    {
        var engine = new DetectionEngine(new DetectionOptions { EvictEveryEvents = 10 }, TimeProvider.System);
        for (var account = 0; account < 10; account++)
        {
            engine.Process(Tx.At(account + 1, account * 6 * 3600));
        }

        var watermark = Tx.T0.AddHours(54).AddSeconds(-30);
        Assert.Equal(watermark, engine.Stats.Watermark);
        Assert.Equal(Enumerable.Range(0, 10).Count(a => Tx.T0.AddHours(a * 6) >= watermark - engine.StateHorizon), engine.Stats.Accounts);
        Assert.InRange(engine.Stats.Accounts, 2, 8);
    }

    [Fact]
    public void The_state_horizon_is_the_longest_memory_of_the_enabled_rules_plus_the_lateness()
    {
        var options = new DetectionOptions();
        options.ImpossibleTravel.Enabled = false;
        Assert.Equal(TimeSpan.FromMinutes(10) + options.AllowedLateness, new DetectionEngine(options).StateHorizon);

        var travel = new DetectionOptions();
        Assert.True(new DetectionEngine(travel).StateHorizon > TimeSpan.FromHours(19));
    }

    [Fact]
    public void Invalid_options_are_rejected_naming_the_setting()
    {
        var options = new DetectionOptions();
        options.HighValueBurst.Count = 0;
        options.Verdict.BlockScore = 10;

        var ex = Assert.Throws<KitConfigurationException>(() => new DetectionEngine(options, TimeProvider.System));

        Assert.Contains("Detection:HighValueBurst:Count", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Verdict:BlockScore", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_bind_from_configuration()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Detection:AllowedLateness"] = "00:01:00",
            ["Detection:SpendVelocity:MaxSum"] = "2500",
            ["Detection:IpList:Deny:0"] = "192.0.2.0/24",
            ["Detection:CardTesting:Enabled"] = "false",
        }).Build();

        var options = KitConfiguration.From(configuration, KitPaths.Discover()).Get<DetectionOptions>(DetectionOptions.Section);
        var engine = new DetectionEngine(options, TimeProvider.System);

        Assert.Equal(TimeSpan.FromMinutes(1), options.AllowedLateness);
        Assert.Equal(2500m, options.SpendVelocity.MaxSum);
        Assert.Contains("192.0.2.0/24", options.IpList.Deny);
        Assert.DoesNotContain("card-testing", engine.ActiveBuiltInRules);
    }
}
