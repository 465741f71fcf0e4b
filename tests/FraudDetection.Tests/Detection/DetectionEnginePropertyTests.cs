using CsCheck;
using FraudDetection.Detection;
using FraudDetection.Model;

namespace FraudDetection.Tests.Detection;

/// <summary>Window and state invariants over random streams (CsCheck shrinks a failure to a small counterexample).</summary>
public sealed class DetectionEnginePropertyTests
{
    private static readonly TimeSpan Lateness = new DetectionOptions().AllowedLateness;

    /// <summary>A few accounts, times within an hour, amounts around every threshold, some locations and IPs.</summary>
    private static readonly decimal[] Amounts = [0.5m, 5m, 300m, 600m, 2100m, 12000m];

    private static readonly Gen<Transaction> GenTransaction =
        Gen.Select(Gen.Int[1, 4], Gen.Int[0, 3600], Gen.Int[0, Amounts.Length - 1], Gen.Int[0, 3])
            .Select((account, second, amount, place) => Tx.At(account, second, Amounts[amount],
                lat: place == 0 ? null : new[] { 0.0, 40.7, 51.5, 35.7 }[place],
                lon: place == 0 ? null : new[] { 0.0, -74.0, -0.1, 139.7 }[place],
                ip: place == 3 ? "203.0.113.9" : null));

    [Fact]
    public void Window_state_never_exceeds_the_events_of_the_longest_window_plus_lateness()
    {
        var retention = TimeSpan.FromMinutes(10) + Lateness;
        GenTransaction.Array[1, 80].Sample(events =>
        {
            var engine = new DetectionEngine(new DetectionOptions(), TimeProvider.System);
            var seen = new List<Transaction>();
            var newest = new Dictionary<long, DateTimeOffset>();
            foreach (var transaction in events)
            {
                var decision = engine.Process(transaction);
                if (!decision.IsLate)
                {
                    seen.Add(transaction);
                    newest[transaction.AccountId] = newest.TryGetValue(transaction.AccountId, out var n) && n > transaction.TransactionDate ? n : transaction.TransactionDate;
                }

                var bound = seen.Count(t => t.TransactionDate >= newest[t.AccountId] - retention);
                if (engine.Stats.WindowEntries > bound)
                {
                    return false;
                }
            }

            return true;
        });
    }

    [Fact]
    public void Two_engines_splitting_accounts_decide_exactly_what_one_does()
    {
        GenTransaction.Array[1, 80].Sample(events =>
        {
            var one = new DetectionEngine(new DetectionOptions(), TimeProvider.System);
            var even = new DetectionEngine(new DetectionOptions(), TimeProvider.System);
            var odd = new DetectionEngine(new DetectionOptions(), TimeProvider.System);
            foreach (var transaction in events)
            {
                var single = Summary(one.Process(transaction));
                var split = Summary((transaction.AccountId % 2 == 0 ? even : odd).Process(transaction));
                if (single != split)
                {
                    return false;
                }
            }

            return true;
        });
    }

    private static string Summary(Decision d) =>
        $"{d.Verdict} {d.Score} {d.IsLate} {string.Join(",", d.Reasons.Select(r => $"{r.RuleId}={r.Observed}"))}";
}
