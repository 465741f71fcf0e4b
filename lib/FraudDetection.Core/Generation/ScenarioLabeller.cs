using FraudDetection.Detection;
using FraudDetection.Detection.Rules;
using FraudDetection.Model;

namespace FraudDetection.Generation;

/// <summary>
/// Ground truth for the amount rules over one scenario's transactions. A scenario runs on a fresh account, so its
/// windows hold exactly these transactions; the labeller restates each rule's definition in its plainest form
/// (quadratic scans, no state) so labels do not come from the engine they are meant to check.
/// </summary>
internal sealed class ScenarioLabeller(DetectionOptions detection)
{
    /// <summary>Rule ids each transaction of <paramref name="sequence"/> (time-ordered) must trip, beyond <paramref name="own"/>.</summary>
    public List<string>[] Label(IReadOnlyList<Transaction> sequence, IReadOnlyList<IReadOnlyList<string>> own)
    {
        var labels = new List<string>[sequence.Count];
        for (var i = 0; i < sequence.Count; i++)
        {
            var ids = new SortedSet<string>(own[i], StringComparer.Ordinal);
            var t = sequence[i].TransactionDate;
            var amount = sequence[i].TransactionAmount;

            if (detection.OverThreshold.Enabled && amount > detection.OverThreshold.Amount)
            {
                ids.Add(BuiltInRuleIds.OverThreshold);
            }

            var burst = detection.HighValueBurst;
            if (burst.Enabled && amount > burst.Amount && CountWithin(sequence, i, burst.Window, tx => tx.TransactionAmount > burst.Amount) >= burst.Count)
            {
                ids.Add(BuiltInRuleIds.HighValueBurst);
            }

            var velocity = detection.SpendVelocity;
            if (velocity.Enabled)
            {
                var sum = 0m;
                for (var j = 0; j <= i; j++)
                {
                    sum += sequence[j].TransactionDate >= t - velocity.Window ? sequence[j].TransactionAmount : 0;
                }

                if (sum > velocity.MaxSum || CountWithin(sequence, i, velocity.Window, _ => true) > velocity.MaxCount)
                {
                    ids.Add(BuiltInRuleIds.SpendVelocity);
                }
            }

            var testing = detection.CardTesting;
            if (testing.Enabled && amount > testing.LargeAmount && CountWithin(sequence, i - 1, testing.Window, tx => tx.TransactionAmount < testing.SmallAmount, t) > 0)
            {
                ids.Add(BuiltInRuleIds.CardTesting);
            }

            labels[i] = [.. ids];
        }

        return labels;
    }

    /// <summary>Transactions 0..<paramref name="last"/> within [at - window, at] that satisfy <paramref name="predicate"/>.</summary>
    private static int CountWithin(IReadOnlyList<Transaction> sequence, int last, TimeSpan window, Func<Transaction, bool> predicate, DateTimeOffset? at = null)
    {
        var end = at ?? sequence[last].TransactionDate;
        var count = 0;
        for (var j = 0; j <= last; j++)
        {
            var time = sequence[j].TransactionDate;
            if (time >= end - window && time <= end && predicate(sequence[j]))
            {
                count++;
            }
        }

        return count;
    }
}
