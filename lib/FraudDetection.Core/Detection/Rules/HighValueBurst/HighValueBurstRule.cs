using FraudDetection.Model;

namespace FraudDetection.Detection.Rules;

/// <summary>
/// A high-value transaction (amount strictly above the threshold) that makes at least <c>Count</c> of them in the
/// account's window <c>[t - Window, t]</c> (both ends inclusive), itself included. Observed: that count.
/// </summary>
internal sealed class HighValueBurstRule(HighValueBurstOptions options) : IAccountRule
{
    public string Id => BuiltInRuleIds.HighValueBurst;

    public int Weight => options.Weight;

    public bool IsWindowed => true;

    public Reason? Evaluate(in RuleInput input)
    {
        if (input.Transaction.TransactionAmount <= options.Amount)
        {
            return null;
        }

        var count = 0;
        var window = input.Window;
        for (var i = input.WindowStart(options.Window); i <= input.Index; i++)
        {
            if (window[i].Amount > options.Amount)
            {
                count++;
            }
        }

        return count >= options.Count
            ? new Reason
            {
                RuleId = Id,
                Description = $"{count} transactions above {options.Amount} within {options.Window}",
                Observed = count,
                Threshold = options.Count,
            }
            : null;
    }
}
