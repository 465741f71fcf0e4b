using FraudDetection.Configuration;
using FraudDetection.Detection;
using FraudDetection.Detection.DynamicRules;
using FraudDetection.Generation;

namespace FraudDetection.Tests.Detection.DynamicRules;

/// <summary>assets/rules/default-rules.json states built-ins in the dynamic format; with it loaded, nothing changes.</summary>
public sealed class DefaultRulesFileTests
{
    private static readonly string RulesFile = Path.Combine(KitPaths.Discover().AssetsDirectory, "rules", "default-rules.json");

    [Fact]
    public void Every_rule_in_the_file_is_accepted_and_replaces_its_built_in()
    {
        var engine = new DetectionEngine(new DetectionOptions(), TimeProvider.System);
        var rules = RuleDefinitionParser.ParseMany(File.ReadAllBytes(RulesFile));

        Assert.True(rules.IsSuccess, rules.Error);
        foreach (var rule in rules.Value)
        {
            var change = engine.Apply(rule);
            Assert.True(change.Accepted, change.ToString());
            Assert.DoesNotContain(change.RuleId, engine.ActiveBuiltInRules);
        }
    }

    [Fact]
    public void Generated_traffic_gets_the_same_verdicts_and_reasons_with_the_file_as_without()
    {
        var options = new GeneratorOptions { Seed = 3, Accounts = 100, StartTime = new DateTimeOffset(2026, 4, 1, 0, 0, 0, TimeSpan.Zero), FraudRatio = 0.1 };
        var builtIn = new DetectionEngine(new DetectionOptions(), TimeProvider.System);
        var dynamic = new DetectionEngine(new DetectionOptions(), TimeProvider.System);
        foreach (var rule in RuleDefinitionParser.ParseMany(File.ReadAllBytes(RulesFile)).Value!)
        {
            dynamic.Apply(rule);
        }

        foreach (var flag in new FlagGenerator(options).Generate())
        {
            builtIn.Apply(flag);
            dynamic.Apply(flag);
        }

        foreach (var generated in new TransactionGenerator(options).Generate().Take(4000))
        {
            var expected = builtIn.Process(generated.Transaction);
            var actual = dynamic.Process(generated.Transaction);

            Assert.Equal(expected.Verdict, actual.Verdict);
            Assert.Equal(expected.Score, actual.Score);
            Assert.Equal(
                expected.Reasons.Select(r => (r.RuleId, r.Observed, r.Threshold)).Order(),
                actual.Reasons.Select(r => (r.RuleId, r.Observed, r.Threshold)).Order());
        }
    }
}
