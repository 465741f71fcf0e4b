using FraudDetection.Detection;
using FraudDetection.Detection.DynamicRules;
using FraudDetection.Detection.Rules;

namespace FraudDetection.Streaming;

/// <summary>
/// One <see cref="DetectionEngine"/> per assigned partition number (transactions partition p and flags partition p
/// hold the same accounts). A partition's state is created when it is assigned and dropped when it is revoked, so a
/// rebalance never mixes state rebuilt by a replay with state that was already there. The dynamic rules are held by
/// a rules-only engine that validates each rule once and seeds every new partition engine.
/// </summary>
internal sealed class PartitionEngines(DetectionOptions options, TimeProvider time)
{
    private readonly DetectionEngine _rules = new(options, time);
    private readonly Dictionary<int, DetectionEngine> _engines = [];

    public IEnumerable<int> Numbers => _engines.Keys.Order();

    public bool TryGet(int partition, out DetectionEngine engine) => _engines.TryGetValue(partition, out engine!);

    /// <summary>A fresh engine for <paramref name="partition"/> with the current dynamic rules (replacing any previous one).</summary>
    public DetectionEngine Create(int partition)
    {
        var engine = new DetectionEngine(options, time);
        foreach (var rule in _rules.DynamicRules)
        {
            engine.Apply(rule);
        }

        _engines[partition] = engine;
        return engine;
    }

    public void Remove(int partition) => _engines.Remove(partition);

    /// <summary>Parses and applies one rule record everywhere; a rejection changes nothing and carries the reason.</summary>
    public RuleChange ApplyRule(ReadOnlySpan<byte> utf8Json)
    {
        var parsed = RuleDefinitionParser.Parse(utf8Json);
        if (!parsed.IsSuccess)
        {
            return RuleChange.Rejected("(unparsed)", parsed.Error);
        }

        var change = _rules.Apply(parsed.Value);
        if (change.Accepted)
        {
            foreach (var engine in _engines.Values)
            {
                engine.Apply(parsed.Value);
            }
        }

        return change;
    }

    /// <summary>
    /// How much event time a partition's state depends on: the longest window of the enabled built-in and the dynamic
    /// rules, the time an impossible-travel location is remembered, plus the allowed lateness. Replaying that much
    /// rebuilds the state exactly.
    /// </summary>
    public TimeSpan StateHorizon
    {
        get
        {
            var longest = new (RuleOptions Rule, TimeSpan Memory)[]
            {
                (options.HighValueBurst, options.HighValueBurst.Window),
                (options.SpendVelocity, options.SpendVelocity.Window),
                (options.CardTesting, options.CardTesting.Window),
                (options.ImpossibleTravel, new ImpossibleTravelRule(options.ImpossibleTravel).Horizon),
            }.Where(r => r.Rule.Enabled).Select(r => r.Memory)
                .Concat(_rules.DynamicRules.Select(DynamicWindow))
                .DefaultIfEmpty(TimeSpan.Zero)
                .Max();
            return longest + options.AllowedLateness;
        }
    }

    /// <summary>Counters and sizes summed over the assigned partitions (watermark: the newest).</summary>
    public EngineStats Stats => _engines.Values.Select(e => e.Stats).Aggregate(new EngineStats { DynamicRules = _rules.Stats.DynamicRules }, (sum, s) => sum with
    {
        Events = sum.Events + s.Events,
        Flagged = sum.Flagged + s.Flagged,
        LateEvents = sum.LateEvents + s.LateEvents,
        FlagUpdates = sum.FlagUpdates + s.FlagUpdates,
        Accounts = sum.Accounts + s.Accounts,
        WindowEntries = sum.WindowEntries + s.WindowEntries,
        Flags = sum.Flags + s.Flags,
        DynamicWindowEntries = sum.DynamicWindowEntries + s.DynamicWindowEntries,
        Watermark = sum.Watermark is null || s.Watermark > sum.Watermark ? s.Watermark : sum.Watermark,
    });

    private TimeSpan DynamicWindow(RuleDefinition definition) =>
        DynamicRuleCompiler.TryCompile(definition, options.DynamicRuleWeight, options.AllowedLateness, out _, out _, out var rule, out _) && rule is not null
            ? rule.Window
            : TimeSpan.Zero;
}
