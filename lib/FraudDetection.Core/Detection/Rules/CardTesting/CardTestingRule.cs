using FraudDetection.Model;

namespace FraudDetection.Detection.Rules;

/// <summary>
/// A large transaction (strictly above <c>LargeAmount</c>) preceded in the account's window <c>[t - Window, t]</c>
/// (both ends inclusive) by a small one (strictly below <c>SmallAmount</c>). Observed: the large amount.
/// </summary>
internal sealed class CardTestingRule(CardTestingOptions options) : IAccountRule
{
    public string Id => BuiltInRuleIds.CardTesting;

    public int Weight => options.Weight;

    public bool IsWindowed => true;

    public Reason? Evaluate(in RuleInput input)
    {
        var amount = input.Transaction.TransactionAmount;
        if (amount <= options.LargeAmount)
        {
            return null;
        }

        var window = input.Window;
        for (var i = input.WindowStart(options.Window); i < input.Index; i++)
        {
            if (window[i].Amount < options.SmallAmount)
            {
                return new Reason
                {
                    RuleId = Id,
                    Description = $"{window[i].Amount} then {amount} within {options.Window}",
                    Observed = amount,
                    Threshold = options.LargeAmount,
                };
            }
        }

        return null;
    }
}
