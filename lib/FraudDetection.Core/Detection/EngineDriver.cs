using FraudDetection.Detection.DynamicRules;
using FraudDetection.Model;

namespace FraudDetection.Detection;

/// <summary>
/// The decide stage, the one driver of the engine used by the processor, <c>fraudlab replay</c> and the benchmark:
/// one <see cref="DetectionEngine"/> per assigned partition (transactions partition p and flags partition p hold the
/// same accounts), the dynamic rules shared by all of them, and the state horizon a restart must replay. Pure: no I/O,
/// the only clock is the <see cref="TimeProvider"/> (for <see cref="Decision.ProcessedTime"/> alone). Not thread-safe:
/// one driver per consumer thread.
/// <para>
/// In: <see cref="Assign"/>/<see cref="Revoke"/> as partitions come and go (assigning creates fresh state, so a
/// rebalance never mixes state rebuilt by a replay with state that was already there), flags with
/// <see cref="Apply(int, FlaggedAccount)"/>, rule records with <see cref="ApplyRule"/> (validated once, applied to
/// every partition and to partitions assigned later), transactions with <see cref="TryDecide"/>.
/// Out: one <see cref="Decision"/> per transaction of an assigned partition, returned at once (decided on arrival).
/// </para>
/// <para>
/// Ordering guarantee: a verdict depends only on the flags and rules applied before it and on the earlier
/// transactions of the same account in the order they were given, never on how accounts or partitions are
/// interleaved, how input is cut into batches, or which partition holds which accounts. Within an account, events
/// are placed in the windows by event time, and one more than <see cref="DetectionOptions.AllowedLateness"/> behind
/// the account's newest is late (see <see cref="DetectionEngine"/>). The bound: an account whose newest event trails
/// the partition's watermark by more than <see cref="StateHorizon"/> starts afresh, exactly as after a restart that
/// replays the horizon.
/// </para>
/// </summary>
public sealed class EngineDriver
{
    private readonly DetectionOptions options;
    private readonly TimeProvider time;
    private readonly DetectionEngine rules;
    private readonly SortedDictionary<int, DetectionEngine> engines = [];

    /// <summary>A driver with no partition assigned.</summary>
    public EngineDriver(DetectionOptions options, TimeProvider? time = null)
    {
        this.options = options;
        this.time = time ?? TimeProvider.System;
        rules = new DetectionEngine(options, this.time);
    }

    /// <summary>A driver with partition 0 assigned: for one input that holds every account (a file, a benchmark).</summary>
    public static EngineDriver SinglePartition(DetectionOptions options, TimeProvider? time = null)
    {
        var driver = new EngineDriver(options, time);
        driver.Assign(0);
        return driver;
    }

    public DetectionOptions Options => options;

    /// <summary>The assigned partitions, ascending.</summary>
    public IReadOnlyList<int> Partitions => [.. engines.Keys];

    /// <summary>Starts <paramref name="partition"/> with fresh state and the current dynamic rules (replacing any previous state).</summary>
    public DetectionEngine Assign(int partition)
    {
        var engine = new DetectionEngine(options, time);
        foreach (var rule in rules.DynamicRules)
        {
            engine.Apply(rule);
        }

        engines[partition] = engine;
        return engine;
    }

    /// <summary>Drops <paramref name="partition"/>'s state.</summary>
    public void Revoke(int partition) => engines.Remove(partition);

    /// <summary>The engine of an assigned partition (for restoring its state).</summary>
    public bool TryGet(int partition, out DetectionEngine engine) => engines.TryGetValue(partition, out engine!);

    /// <summary>Decides <paramref name="transaction"/> on its partition's engine; false (and no decision) when the partition is not assigned.</summary>
    public bool TryDecide(int partition, Transaction transaction, out Decision decision)
    {
        if (engines.TryGetValue(partition, out var engine))
        {
            decision = engine.Process(transaction);
            return true;
        }

        decision = null!;
        return false;
    }

    /// <summary>Applies a flag to its partition's engine; false when the partition is not assigned.</summary>
    public bool Apply(int partition, FlaggedAccount flag)
    {
        if (!engines.TryGetValue(partition, out var engine))
        {
            return false;
        }

        engine.Apply(flag);
        return true;
    }

    /// <summary>Applies one rule everywhere (and to partitions assigned later); a rejection changes nothing and carries the reason.</summary>
    public RuleChange Apply(RuleDefinition rule)
    {
        var change = rules.Apply(rule);
        if (change.Accepted)
        {
            foreach (var engine in engines.Values)
            {
                engine.Apply(rule);
            }
        }

        return change;
    }

    /// <summary>Parses and applies one rule record; malformed JSON is rejected like an invalid rule.</summary>
    public RuleChange ApplyRule(ReadOnlySpan<byte> utf8Json)
    {
        var parsed = RuleDefinitionParser.Parse(utf8Json);
        return parsed.IsSuccess ? Apply(parsed.Value) : RuleChange.Rejected("(unparsed)", parsed.Error);
    }

    /// <summary>The dynamic rules in force, in id order.</summary>
    public IReadOnlyList<RuleDefinition> DynamicRules => rules.DynamicRules;

    /// <summary>
    /// How much event time a partition's state depends on (<see cref="DetectionEngine.StateHorizon"/> with the
    /// current dynamic rules): replaying that much rebuilds the state exactly.
    /// </summary>
    public TimeSpan StateHorizon => rules.StateHorizon;

    /// <summary>Counters and sizes summed over the assigned partitions (watermark: the newest).</summary>
    public EngineStats Stats => engines.Values.Select(e => e.Stats).Aggregate(new EngineStats { DynamicRules = rules.Stats.DynamicRules }, (sum, s) => sum with
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
}
