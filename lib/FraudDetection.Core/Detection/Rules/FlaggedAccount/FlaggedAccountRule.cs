using FraudDetection.Model;

namespace FraudDetection.Detection.Rules;

/// <summary>
/// The workshop's join: a transaction at or after its account's Flag_Date (and before Unflag_Date) matches.
/// The engine performs the lookup (it owns the flag state); this rule explains it.
/// Observed: seconds between the flag and the transaction; threshold 0.
/// </summary>
internal sealed class FlaggedAccountRule(FlaggedAccountOptions options) : IAccountRule
{
    public string Id => BuiltInRuleIds.FlaggedAccount;

    public int Weight => options.Weight;

    public bool IsWindowed => false;

    public Reason? Evaluate(in RuleInput input)
    {
        if (input.FlagTicks is not { } flagTicks)
        {
            return null;
        }

        var flagDate = new DateTimeOffset(flagTicks, TimeSpan.Zero);
        return new Reason
        {
            RuleId = Id,
            Description = $"account {input.Transaction.AccountId} flagged since {flagDate:O}",
            Observed = (input.Ticks - flagTicks) / TimeSpan.TicksPerSecond,
            Threshold = 0,
        };
    }
}
