using System.Runtime.InteropServices;
using FraudDetection.Configuration;
using FraudDetection.Detection.DynamicRules;
using FraudDetection.Detection.Rules;
using FraudDetection.Detection.Verdicts;
using FraudDetection.Detection.Windows;
using FraudDetection.Model;

namespace FraudDetection.Detection;

/// <summary>
/// The pure detection core: transactions, flags and rule changes in; one <see cref="Decision"/> per transaction out.
/// No I/O; the only clock is the <see cref="TimeProvider"/>, used for <see cref="Decision.ProcessedTime"/> alone, so
/// the verdicts depend on the events only. Not thread-safe: one engine per consumer thread.
/// <para>
/// Time. Windows are in event time (<see cref="Transaction.TransactionDate"/>). Each account has its own watermark:
/// the newest event time seen for that account minus <see cref="DetectionOptions.AllowedLateness"/>. An event older
/// than its account's watermark is late: counted in <see cref="EngineStats.LateEvents"/>, marked
/// <see cref="Decision.IsLate"/>, judged by the stateless rules (flagged account, over threshold, IP list and
/// window-less dynamic rules) and kept out of the windows. Because lateness and window contents depend only on the
/// account's own events, processors that split accounts between them decide exactly what one processor would.
/// </para>
/// <para>
/// Decisions are made on arrival (lowest latency): an event sees the events of its window (by event time) that
/// arrived before it, so a verdict depends on the account's own events in their arrival order and on nothing else;
/// the processor, replay and the benchmark all drive engines through <see cref="EngineDriver"/>.
/// </para>
/// <para>
/// State. An account keeps the events of the longest window plus the allowed lateness; the previous location outlives
/// it only as long as a trip to the antipode would be "impossible". Every <see cref="DetectionOptions.EvictEveryEvents"/>
/// events (or on <see cref="Evict"/>) accounts whose newest event is more than <see cref="StateHorizon"/> behind the
/// global watermark (newest event time of all minus the allowed lateness) are forgotten, with flags and dynamic-window
/// values as old; only an account trailing the others by more than the horizon could notice, as after a restart.
/// </para>
/// </summary>
public sealed class DetectionEngine
{
    private readonly DetectionOptions options;
    private readonly TimeProvider time;
    private readonly Dictionary<long, AccountState> accounts = [];
    private readonly FlagBook flags;
    private readonly IAccountRule[] builtIns;
    private readonly DynamicRuleSet dynamicRules;
    private readonly VerdictPolicy verdicts;
    private readonly long latenessTicks;
    private readonly long windowTicks;
    private readonly long locationTicks;
    private readonly long builtInHorizonTicks;
    private IAccountRule[] activeBuiltIns;
    private long maxTicks = long.MinValue;
    private long events, flagged, late, flagUpdates, windowEntries;
    private long sinceEviction;

    public DetectionEngine(DetectionOptions options, TimeProvider? timeProvider = null)
    {
        OptionsValidation.Validate(options, DetectionOptions.Section);
        this.options = options;
        time = timeProvider ?? TimeProvider.System;
        flags = new FlagBook(options.FlaggedAccount.FlagTtl, options.FlaggedAccount.MaxFlagsPerAccount);
        var travel = new ImpossibleTravelRule(options.ImpossibleTravel);
        IAccountRule[] all =
        [
            new FlaggedAccountRule(options.FlaggedAccount), new HighValueBurstRule(options.HighValueBurst),
            new OverThresholdRule(options.OverThreshold), travel, new SpendVelocityRule(options.SpendVelocity),
            new IpListRule(options.IpList), new CardTestingRule(options.CardTesting),
        ];
        RuleOptions[] switches =
        [
            options.FlaggedAccount, options.HighValueBurst, options.OverThreshold, options.ImpossibleTravel,
            options.SpendVelocity, options.IpList, options.CardTesting,
        ];
        builtIns = [.. all.Where((_, i) => switches[i].Enabled)];
        activeBuiltIns = builtIns;
        dynamicRules = new DynamicRuleSet(options.DynamicRuleWeight, options.AllowedLateness);
        verdicts = new VerdictPolicy(options.Verdict);
        latenessTicks = options.AllowedLateness.Ticks;
        windowTicks = Math.Max(options.HighValueBurst.Window.Ticks, Math.Max(options.SpendVelocity.Window.Ticks, options.CardTesting.Window.Ticks));
        locationTicks = travel.Horizon.Ticks;
        builtInHorizonTicks = new (RuleOptions Rule, TimeSpan Memory)[]
        {
            (options.HighValueBurst, options.HighValueBurst.Window),
            (options.SpendVelocity, options.SpendVelocity.Window),
            (options.CardTesting, options.CardTesting.Window),
            (options.ImpossibleTravel, travel.Horizon),
        }.Where(r => r.Rule.Enabled).Select(r => r.Memory.Ticks).DefaultIfEmpty(0).Max();
    }

    /// <summary>
    /// How much event time the state depends on: the longest window of the enabled built-in and the dynamic rules,
    /// the time an impossible-travel location is remembered, plus the allowed lateness. Replaying that much rebuilds
    /// the state exactly; an account idle for longer (behind the engine's watermark) is forgotten.
    /// </summary>
    public TimeSpan StateHorizon => TimeSpan.FromTicks(
        Math.Max(builtInHorizonTicks, dynamicRules.All.Select(r => r.Window.Ticks).DefaultIfEmpty(0).Max()) + latenessTicks);

    public DetectionOptions Options => options;

    /// <summary>Decides one transaction.</summary>
    public Decision Process(Transaction transaction)
    {
        var ticks = transaction.TransactionDate.UtcTicks;
        ref var state = ref CollectionsMarshal.GetValueRefOrAddDefault(accounts, transaction.AccountId, out _);
        state ??= new AccountState();

        var isLate = state.MaxTicks != long.MinValue && ticks < state.MaxTicks - latenessTicks;
        var index = -1;
        if (!isLate)
        {
            state.Observe(ticks);
            var watermark = state.MaxTicks - latenessTicks;
            windowEntries -= state.Evict(watermark - windowTicks, watermark - locationTicks);
            index = state.Window.Insert(new WindowEntry(
                ticks, transaction.TransactionAmount, transaction.Latitude ?? double.NaN, transaction.Longitude ?? double.NaN));
            windowEntries++;
        }

        var flagTicks = flags.FlagCovering(transaction.AccountId, ticks);
        var input = new RuleInput(transaction, ticks, state, index, flagTicks);
        List<Reason>? reasons = null;
        DateTimeOffset? flagDate = null;
        var score = 0;
        foreach (var rule in activeBuiltIns)
        {
            if ((!isLate || !rule.IsWindowed) && rule.Evaluate(input) is { } reason)
            {
                (reasons ??= []).Add(reason);
                score += rule.Weight;
                flagDate ??= rule is FlaggedAccountRule ? new DateTimeOffset(flagTicks!.Value, TimeSpan.Zero) : null;
            }
        }

        dynamicRules.Evaluate(transaction, ticks, isLate, ref reasons, ref score);

        var verdict = verdicts.VerdictFor(score);
        events++;
        flagged += verdict == Verdict.Approve ? 0 : 1;
        late += isLate ? 1 : 0;
        maxTicks = Math.Max(maxTicks, ticks);
        if (options.EvictEveryEvents > 0 && ++sinceEviction >= options.EvictEveryEvents)
        {
            EvictBefore(maxTicks - latenessTicks);
        }

        return new Decision
        {
            Transaction = transaction,
            Verdict = verdict,
            Score = score,
            Reasons = reasons is null ? [] : reasons,
            FlagDate = flagDate,
            ProcessedTime = time.GetUtcNow(),
            IsLate = isLate,
        };
    }

    /// <summary>Adds, updates or lifts a flag (see <see cref="FlaggedAccount"/>); repeating a flag changes nothing.</summary>
    public void Apply(FlaggedAccount flag)
    {
        flags.Apply(flag);
        flagUpdates++;
    }

    /// <summary>Adds, updates, pauses or deletes a dynamic rule; an invalid one is rejected with the reason. Never throws.</summary>
    public RuleChange Apply(RuleDefinition rule)
    {
        var change = dynamicRules.Apply(rule);
        if (change.Accepted)
        {
            // A dynamic rule with a built-in's id replaces that built-in while it exists (active or paused).
            activeBuiltIns = [.. builtIns.Where(r => !dynamicRules.Contains(r.Id))];
        }

        return change;
    }

    /// <summary>Parses and applies one rule message; malformed JSON is rejected like an invalid rule.</summary>
    public RuleChange ApplyRule(ReadOnlySpan<byte> utf8Json)
    {
        var parsed = RuleDefinitionParser.Parse(utf8Json);
        return parsed.IsSuccess ? Apply(parsed.Value) : RuleChange.Rejected("(unparsed)", parsed.Error);
    }

    /// <summary>The dynamic rules held, in id order, as they were defined.</summary>
    public IReadOnlyList<RuleDefinition> DynamicRules => [.. dynamicRules.All.Select(r => r.Definition)];

    /// <summary>Ids of the built-in rules currently evaluated (enabled and not replaced by a dynamic rule).</summary>
    public IReadOnlyList<string> ActiveBuiltInRules => [.. activeBuiltIns.Select(r => r.Id)];

    /// <summary>Trims idle state against <paramref name="watermark"/>: window entries older than it minus the longest window, locations past their horizon, flags that ended, dynamic windows.</summary>
    public void Evict(DateTimeOffset watermark) => EvictBefore(watermark.UtcTicks);

    public EngineStats Stats => new()
    {
        Events = events,
        Flagged = flagged,
        LateEvents = late,
        FlagUpdates = flagUpdates,
        Accounts = accounts.Count,
        WindowEntries = windowEntries,
        Flags = flags.Count,
        DynamicRules = dynamicRules.Count,
        DynamicWindowEntries = dynamicRules.WindowEntries,
        Watermark = maxTicks == long.MinValue ? null : new DateTimeOffset(maxTicks - latenessTicks, TimeSpan.Zero),
    };

    /// <summary>
    /// Each account's window is trimmed against its own watermark only (so no account's verdicts depend on how far
    /// others have got); an account whose newest event is more than the state horizon behind <paramref name="watermarkTicks"/>
    /// is forgotten, as are flags that ended and dynamic-window values older than that.
    /// </summary>
    private void EvictBefore(long watermarkTicks)
    {
        sinceEviction = 0;
        var horizon = StateHorizon.Ticks;
        var idleBefore = watermarkTicks < long.MinValue + horizon ? long.MinValue : watermarkTicks - horizon;
        foreach (var (account, state) in accounts)
        {
            if (state.MaxTicks < idleBefore)
            {
                windowEntries -= state.Window.Count;
                accounts.Remove(account);
                continue;
            }

            var own = state.MaxTicks - latenessTicks;
            windowEntries -= state.Evict(own - windowTicks, own - locationTicks);
            if (state.IsEmpty)
            {
                accounts.Remove(account);
            }
        }

        flags.EvictEndedBefore(idleBefore == long.MinValue ? long.MinValue : idleBefore - latenessTicks);
        dynamicRules.Evict(idleBefore);
    }
}
