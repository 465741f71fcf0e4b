using FraudDetection.Model;

namespace FraudDetection.Detection.DynamicRules;

/// <summary>
/// The dynamic rules in force, in id order (so reasons come out in a stable order). Applying a definition adds,
/// updates (keeping collected windows when their shape is unchanged), pauses or deletes a rule; a bad one is rejected.
/// </summary>
internal sealed class DynamicRuleSet(int defaultWeight, TimeSpan allowedLateness)
{
    private readonly SortedDictionary<string, DynamicRule> rules = new(StringComparer.Ordinal);
    private DynamicRule[] active = [];

    public int Count => rules.Count;

    public IReadOnlyCollection<DynamicRule> All => rules.Values;

    public bool Contains(string id) => rules.ContainsKey(id);

    public RuleChange Apply(RuleDefinition definition)
    {
        if (!DynamicRuleCompiler.TryCompile(definition, defaultWeight, allowedLateness, out var id, out var state, out var rule, out var error))
        {
            return RuleChange.Rejected(id.Length > 0 ? id : "(none)", error!);
        }

        RuleChange change;
        if (state == RuleState.Deleted)
        {
            change = new RuleChange(id, RuleChangeKind.Deleted, state);
            rules.Remove(id);
        }
        else if (rules.TryGetValue(id, out var previous))
        {
            if (previous.HasSameShape(rule!))
            {
                rule!.TakeWindowsFrom(previous);
            }

            rules[id] = rule!;
            change = new RuleChange(id, RuleChangeKind.Updated, state);
        }
        else
        {
            rules[id] = rule!;
            change = new RuleChange(id, RuleChangeKind.Added, state);
        }

        active = [.. rules.Values.Where(r => r.State == RuleState.Active)];
        return change;
    }

    /// <summary>Adds each matching rule's reason to <paramref name="reasons"/> and its weight to <paramref name="score"/>.</summary>
    public void Evaluate(Transaction transaction, long ticks, bool isLate, ref List<Reason>? reasons, ref int score)
    {
        foreach (var rule in active)
        {
            if (rule.Evaluate(transaction, ticks, isLate) is { } reason)
            {
                (reasons ??= []).Add(reason);
                score += rule.Weight;
            }
        }
    }

    public void Evict(long watermarkTicks)
    {
        foreach (var rule in rules.Values)
        {
            rule.Evict(watermarkTicks);
        }
    }

    public long WindowEntries => rules.Values.Sum(r => r.WindowEntries);
}
