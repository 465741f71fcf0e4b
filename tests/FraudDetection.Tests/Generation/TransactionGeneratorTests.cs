using FraudDetection.Generation;
using FraudDetection.Model;

namespace FraudDetection.Tests.Generation;

public sealed class TransactionGeneratorTests
{
    private static GeneratorOptions Options(int seed = 1) => new()
    {
        Seed = seed, Accounts = 100, StartTime = new DateTimeOffset(2026, 5, 1, 9, 0, 0, TimeSpan.Zero), FraudRatio = 0.05,
    };

    private static byte[][] Serialized(GeneratorOptions options, int count) =>
        [.. new TransactionGenerator(options).Generate().Take(count).Select(g => FraudJson.Serialize(g.Transaction))];

    [Fact]
    public void Same_seed_gives_the_same_stream()
    {
        Assert.Equal(Serialized(Options(), 2000), Serialized(Options(), 2000));
    }

    [Fact]
    public void Another_seed_gives_another_stream()
    {
        Assert.NotEqual(Serialized(Options(1), 50), Serialized(Options(2), 50));
    }

    [Fact]
    public void Events_come_in_event_time_order_at_the_configured_rate()
    {
        var options = Options();
        options.EventsPerSecond = 4;
        options.FraudRatio = 0;
        options.Accounts = 1000; // enough rested accounts for 4 events/s

        var times = new TransactionGenerator(options).Generate().Take(400).Select(g => g.Transaction.TransactionDate).ToArray();

        Assert.Equal(times.Order(), times);
        Assert.Equal(options.StartTime, times[0]);
        Assert.Equal(options.StartTime!.Value.AddSeconds(399 / 4.0), times[^1]);
    }

    [Fact]
    public void Records_are_valid_unique_and_use_the_pool()
    {
        var options = Options();
        var generated = new TransactionGenerator(options).Generate().Take(3000).ToList();

        Assert.All(generated, g => Assert.True(TransactionDecoder.Decode(FraudJson.Serialize(g.Transaction)).IsSuccess));
        Assert.Equal(generated.Count, generated.Select(g => g.Transaction.TransactionId).Distinct().Count());
        var clean = generated.Where(g => g.Label.Scenario == FraudScenario.Clean).Select(g => g.Transaction.AccountId);
        Assert.All(clean, id => Assert.InRange(id, options.FirstAccountId, options.FirstAccountId + options.Accounts - 1));
        var injected = generated.Where(g => g.Label.Scenario is not (FraudScenario.Clean or FraudScenario.FlaggedAccount)).Select(g => g.Transaction.AccountId);
        Assert.All(injected, id => Assert.True(id >= options.FirstAccountId + options.Accounts));
    }

    [Fact]
    public void Every_scenario_is_injected_and_labelled_with_its_rule()
    {
        var generated = new TransactionGenerator(Options()).Generate().Take(5000).ToList();

        var expected = new Dictionary<FraudScenario, string>
        {
            [FraudScenario.FlaggedAccount] = "flagged-account",
            [FraudScenario.HighValueBurst] = "high-value-burst",
            [FraudScenario.OverThreshold] = "over-threshold",
            [FraudScenario.ImpossibleTravel] = "impossible-travel",
            [FraudScenario.SpendVelocity] = "spend-velocity",
            [FraudScenario.DeniedIp] = "ip-deny-list",
            [FraudScenario.CardTesting] = "card-testing",
        };
        foreach (var (scenario, rule) in expected)
        {
            Assert.Contains(generated, g => g.Label.Scenario == scenario && g.Label.ExpectedRuleIds.Contains(rule));
        }

        Assert.All(generated.Where(g => g.Label.Scenario == FraudScenario.Clean), g => Assert.Empty(g.Label.ExpectedRuleIds));
    }

    [Fact]
    public void Fraud_ratio_zero_and_no_flags_give_clean_labels_only()
    {
        var options = Options();
        options.FraudRatio = 0;
        options.FlaggedAccounts = 0;

        Assert.All(new TransactionGenerator(options).Generate().Take(2000), g => Assert.Equal(FraudScenario.Clean, g.Label.Scenario));
    }

    [Fact]
    public void Start_time_defaults_to_the_clock_truncated_to_the_second()
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 6, 1, 10, 0, 0, 750, TimeSpan.Zero));

        var generator = new TransactionGenerator(new GeneratorOptions(), time: clock);

        Assert.Equal(new DateTimeOffset(2026, 6, 1, 10, 0, 0, TimeSpan.Zero), generator.StartTime);
        Assert.Equal(generator.StartTime.AddMinutes(1), generator.FlagDate);
    }
}
