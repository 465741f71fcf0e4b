using FraudDetection.Model;

namespace FraudDetection.Detection.Rules;

/// <summary>One transaction strictly above the amount threshold (default 10000).</summary>
internal sealed class OverThresholdRule(OverThresholdOptions options) : IAccountRule
{
    public string Id => BuiltInRuleIds.OverThreshold;

    public int Weight => options.Weight;

    public bool IsWindowed => false;

    public Reason? Evaluate(in RuleInput input)
    {
        var amount = input.Transaction.TransactionAmount;
        return amount > options.Amount
            ? new Reason { RuleId = Id, Description = $"amount {amount} above {options.Amount}", Observed = amount, Threshold = options.Amount }
            : null;
    }
}
