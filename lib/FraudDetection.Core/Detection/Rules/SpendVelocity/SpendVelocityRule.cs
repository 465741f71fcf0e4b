using FraudDetection.Model;

namespace FraudDetection.Detection.Rules;

/// <summary>
/// Over the account's window <c>[t - Window, t]</c> (both ends inclusive, this transaction included): the sum of
/// amounts strictly above <c>MaxSum</c>, or the count strictly above <c>MaxCount</c>. The sum is reported when both hold.
/// </summary>
internal sealed class SpendVelocityRule(SpendVelocityOptions options) : IAccountRule
{
    public string Id => BuiltInRuleIds.SpendVelocity;

    public int Weight => options.Weight;

    public bool IsWindowed => true;

    public Reason? Evaluate(in RuleInput input)
    {
        var sum = 0m;
        var window = input.Window;
        var start = input.WindowStart(options.Window);
        for (var i = start; i <= input.Index; i++)
        {
            sum += window[i].Amount;
        }

        var count = input.Index - start + 1;
        if (sum > options.MaxSum)
        {
            return new Reason { RuleId = Id, Description = $"spent {sum} within {options.Window}", Observed = sum, Threshold = options.MaxSum };
        }

        return count > options.MaxCount
            ? new Reason { RuleId = Id, Description = $"{count} transactions within {options.Window}", Observed = count, Threshold = options.MaxCount }
            : null;
    }
}
