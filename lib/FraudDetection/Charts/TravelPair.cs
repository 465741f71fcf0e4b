using FraudDetection.Model;

namespace FraudDetection.Charts;

/// <summary>Two consecutive located transactions of one account too far apart for the time between them.</summary>
/// <param name="AccountId">The account.</param>
/// <param name="From">The earlier transaction (the last known location).</param>
/// <param name="To">The flagged transaction.</param>
/// <param name="SpeedKmh">The implied speed the rule observed.</param>
public sealed record TravelPair(long AccountId, Transaction From, Transaction To, decimal SpeedKmh)
{
    /// <summary>
    /// Pairs each flagged transaction whose reasons include <paramref name="ruleId"/> with the same account's
    /// previous located transaction in <paramref name="transactions"/> (by event time). Flagged transactions whose
    /// predecessor is not among <paramref name="transactions"/> are skipped.
    /// </summary>
    public static IReadOnlyList<TravelPair> Find(IEnumerable<Transaction> transactions, IEnumerable<ProcessedTransaction> processed, string ruleId)
    {
        var byAccount = transactions
            .Where(t => t.HasLocation)
            .GroupBy(t => t.AccountId)
            .ToDictionary(g => g.Key, g => g.OrderBy(t => t.TransactionDate).ThenBy(t => t.TransactionId, StringComparer.Ordinal).ToList());
        var pairs = new List<TravelPair>();
        foreach (var flagged in processed)
        {
            var reason = flagged.Reasons.FirstOrDefault(r => r.RuleId == ruleId);
            if (reason is null || !flagged.HasLocation || !byAccount.TryGetValue(flagged.AccountId, out var history))
            {
                continue;
            }

            var previous = history.LastOrDefault(t => t.TransactionDate <= flagged.TransactionDate && t.TransactionId != flagged.TransactionId);
            if (previous is not null)
            {
                pairs.Add(new TravelPair(flagged.AccountId, previous, flagged, reason.Observed));
            }
        }

        return pairs.OrderBy(p => p.To.TransactionDate).ThenBy(p => p.AccountId).ToList();
    }
}
