using FraudDetection.Detection;
using FraudDetection.Generation;

namespace FraudDetection.Tests.Generation;

/// <summary>Generated traffic through the engine: every transaction gets exactly the reasons its label predicts.</summary>
public sealed class GeneratedScenarioTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);

    private static GeneratorOptions Options(double fraudRatio, int seed = 7) => new()
    {
        Seed = seed,
        Accounts = 200,
        StartTime = Start,
        EventsPerSecond = 5,
        FraudRatio = fraudRatio,
        FlaggedAccounts = 3,
    };

    [Theory]
    [InlineData(7)]
    [InlineData(2026)]
    public void Every_transaction_gets_exactly_its_labelled_reasons(int seed)
    {
        var options = Options(fraudRatio: 0.05, seed);
        var generator = new TransactionGenerator(options);
        var engine = new DetectionEngine(new DetectionOptions(), TimeProvider.System);
        foreach (var flag in new FlagGenerator(options).Generate())
        {
            engine.Apply(flag);
        }

        var scenariosFlagged = new HashSet<FraudScenario>();
        foreach (var (transaction, label) in generator.Generate().Take(6000))
        {
            var decision = engine.Process(transaction);

            var actual = decision.Reasons.Select(r => r.RuleId).Order(StringComparer.Ordinal).ToArray();
            Assert.True(label.ExpectedRuleIds.SequenceEqual(actual),
                $"{label.Scenario} {transaction.TransactionId} at {transaction.TransactionDate:O}: expected [{string.Join(", ", label.ExpectedRuleIds)}], got [{string.Join(", ", actual)}]");
            Assert.Equal(label.ExpectFlagged, decision.IsFlagged);
            if (decision.IsFlagged)
            {
                scenariosFlagged.Add(label.Scenario);
            }
        }

        Assert.Equal(Enum.GetValues<FraudScenario>().Where(s => s != FraudScenario.Clean), scenariosFlagged.Order());
    }

    [Fact]
    public void Clean_baseline_yields_zero_flags()
    {
        var options = Options(fraudRatio: 0);
        options.FlaggedAccounts = 0;
        options.Accounts = 50;
        options.EventsPerSecond = 1000; // far more than the pool can take: accounts rest, event time runs ahead
        var engine = new DetectionEngine(new DetectionOptions(), TimeProvider.System);

        var flagged = new TransactionGenerator(options).Generate().Take(20000).Count(t => engine.Process(t.Transaction).IsFlagged);

        Assert.Equal(0, flagged);
        Assert.Equal(20000, engine.Stats.Events);
    }

    [Fact]
    public void Scenarios_follow_the_configured_thresholds()
    {
        var detection = new DetectionOptions();
        detection.OverThreshold.Amount = 5000m;
        detection.HighValueBurst.Count = 4;
        detection.SpendVelocity.MaxCount = 5;
        var options = Options(fraudRatio: 0.1);
        var engine = new DetectionEngine(detection, TimeProvider.System);
        foreach (var flag in new FlagGenerator(options).Generate())
        {
            engine.Apply(flag);
        }

        foreach (var (transaction, label) in new TransactionGenerator(options, detection).Generate().Take(3000))
        {
            var actual = engine.Process(transaction).Reasons.Select(r => r.RuleId).Order(StringComparer.Ordinal);
            Assert.Equal(label.ExpectedRuleIds, actual);
        }
    }
}
