using FraudDetection.Detection.Windows;
using FraudDetection.Model;

namespace FraudDetection.Detection.DynamicRules;

/// <summary>
/// A validated dynamic rule and its windows (one per group key). Evaluates "aggregate over [t - Window, t] (both ends
/// inclusive) of the matching transactions of this key, this one included, OPERATOR Limit". Keys other than Account_Id
/// are local to the processor that sees them (the topics are partitioned by account).
/// </summary>
internal sealed class DynamicRule
{
    private readonly Dictionary<GroupKey, TransactionWindow> windows = [];
    private readonly long lateness;

    public DynamicRule(RuleDefinition definition, string id, RuleState state, RuleField groupBy, RuleAggregate aggregate,
        RuleField field, RuleOperator op, decimal limit, TimeSpan window, RuleFilter? filter, int weight, TimeSpan allowedLateness)
    {
        Definition = definition;
        Id = id;
        State = state;
        GroupBy = groupBy;
        Aggregate = aggregate;
        Field = field;
        Operator = op;
        Limit = limit;
        Window = window;
        Filter = filter;
        Weight = weight;
        lateness = allowedLateness.Ticks;
    }

    public RuleDefinition Definition { get; }

    public string Id { get; }

    public RuleState State { get; }

    public RuleField GroupBy { get; }

    public RuleAggregate Aggregate { get; }

    public RuleField Field { get; }

    public RuleOperator Operator { get; }

    public decimal Limit { get; }

    public TimeSpan Window { get; }

    public RuleFilter? Filter { get; }

    public int Weight { get; }

    public bool IsWindowed => Window > TimeSpan.Zero;

    public long WindowEntries
    {
        get
        {
            long total = 0;
            foreach (var window in windows.Values)
            {
                total += window.Count;
            }

            return total;
        }
    }

    /// <summary>Same windows (group, values, filter, length): an update to such a rule keeps the collected state.</summary>
    public bool HasSameShape(DynamicRule other) =>
        GroupBy == other.GroupBy && Aggregate == other.Aggregate && Field == other.Field && Window == other.Window && Filter == other.Filter;

    public void TakeWindowsFrom(DynamicRule other)
    {
        foreach (var (key, window) in other.windows)
        {
            windows[key] = window;
        }
    }

    /// <summary>Returns the reason when the rule matches. Late events skip windowed rules, as they skip windowed built-ins.</summary>
    public Reason? Evaluate(Transaction transaction, long ticks, bool isLate)
    {
        if (Filter is not null && !Filter.Matches(transaction))
        {
            return null;
        }

        var value = Aggregate == RuleAggregate.Count ? 1m : Field.Number(transaction);
        decimal observed;
        if (!IsWindowed)
        {
            observed = value;
        }
        else
        {
            if (isLate || !GroupKey.TryGet(GroupBy, transaction, out var key))
            {
                return null;
            }

            observed = Collect(key, ticks, value);
        }

        return Operator.Holds(observed, Limit)
            ? new Reason { RuleId = Id, Description = Describe(observed), Observed = observed, Threshold = Limit }
            : null;
    }

    /// <summary>Drops values older than <paramref name="watermarkTicks"/> minus the window; returns how many.</summary>
    public long Evict(long watermarkTicks)
    {
        long removed = 0;
        var ignored = WindowEntry.None;
        foreach (var (key, window) in windows)
        {
            removed += window.EvictBefore(watermarkTicks - Window.Ticks, ref ignored);
            if (window.Count == 0)
            {
                windows.Remove(key);
            }
        }

        return removed;
    }

    private decimal Collect(GroupKey key, long ticks, decimal value)
    {
        if (!windows.TryGetValue(key, out var window))
        {
            window = new TransactionWindow();
            windows[key] = window;
        }

        var newest = window.Count == 0 ? ticks : Math.Max(ticks, window[window.Count - 1].Ticks);
        var ignored = WindowEntry.None;
        window.EvictBefore(newest - lateness - Window.Ticks, ref ignored);
        var index = window.Insert(new WindowEntry(ticks, value, double.NaN, double.NaN));

        var count = 0;
        decimal sum = 0, min = decimal.MaxValue, max = decimal.MinValue;
        for (var i = window.FirstAtOrAfter(ticks - Window.Ticks); i <= index; i++)
        {
            var v = window[i].Amount;
            count++;
            sum += v;
            min = Math.Min(min, v);
            max = Math.Max(max, v);
        }

        return Aggregate switch
        {
            RuleAggregate.Count => count,
            RuleAggregate.Sum => sum,
            RuleAggregate.Avg => decimal.Round(sum / count, 2),
            RuleAggregate.Min => min,
            _ => max,
        };
    }

    private string Describe(decimal observed)
    {
        var what = Aggregate == RuleAggregate.Count ? "count" : $"{Aggregate.ToString().ToLowerInvariant()}({Field.JsonName()})";
        var scope = IsWindowed ? $" per {GroupBy.JsonName()} within {Window}" : string.Empty;
        var where = Filter is null ? string.Empty : $" where {Filter}";
        var text = $"{what}{where}{scope} = {observed} {Operator.Symbol()} {Limit}";
        return Definition.Description is { Length: > 0 } description ? $"{description}: {text}" : text;
    }
}
