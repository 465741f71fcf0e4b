using FraudDetection.Model;

namespace FraudDetection.Detection.Windows;

/// <summary>
/// Puts each account's transactions back in event-time order before the engine sees them, trading latency (up to the
/// allowed lateness) for verdicts that do not depend on arrival order. An event is held until its account's watermark
/// (newest event time minus the allowed lateness) passes it, then released; equal times are released in
/// <see cref="Transaction.TransactionId"/> order. An event already behind the watermark on arrival is released at
/// once, after its account's held events, so the engine counts it late as well. <see cref="Flush"/> releases
/// everything, in order, at the end of input. It keeps one small entry per account seen (its newest time), so it
/// suits bounded inputs such as files; a live processor decides on arrival instead (see <see cref="DetectionEngine"/>).
/// </summary>
public sealed class EventTimeOrderer(TimeSpan allowedLateness)
{
    private readonly Dictionary<long, Pending> accounts = [];

    /// <summary>Events held.</summary>
    public int Count { get; private set; }

    /// <summary>Accepts <paramref name="transaction"/>; appends to <paramref name="released"/> what may now be processed.</summary>
    public void Add(Transaction transaction, List<Transaction> released)
    {
        if (!accounts.TryGetValue(transaction.AccountId, out var pending))
        {
            pending = new Pending();
            accounts[transaction.AccountId] = pending;
        }

        var ticks = transaction.TransactionDate.UtcTicks;
        if (pending.MaxTicks != long.MinValue && ticks < pending.MaxTicks - allowedLateness.Ticks)
        {
            // Late: release the account's held events first, so the engine has seen its newest time and judges it late too.
            released.AddRange(pending.Events);
            Count -= pending.Events.Count;
            pending.Events.Clear();
            released.Add(transaction);
            return;
        }

        pending.MaxTicks = Math.Max(pending.MaxTicks, ticks);
        pending.Insert(transaction);
        Count++;

        // Nothing that can still arrive in time is older than the watermark, so everything before it is final.
        var watermark = pending.MaxTicks - allowedLateness.Ticks;
        var ready = 0;
        while (ready < pending.Events.Count && pending.Events[ready].TransactionDate.UtcTicks < watermark)
        {
            released.Add(pending.Events[ready++]);
        }

        pending.Events.RemoveRange(0, ready);
        Count -= ready;
    }

    /// <summary>Releases every held event, each account's in order.</summary>
    public void Flush(List<Transaction> released)
    {
        foreach (var pending in accounts.Values)
        {
            released.AddRange(pending.Events);
        }

        accounts.Clear();
        Count = 0;
    }

    private sealed class Pending
    {
        public long MaxTicks = long.MinValue;

        public List<Transaction> Events { get; } = [];

        public void Insert(Transaction transaction)
        {
            var index = Events.Count;
            while (index > 0 && Compare(Events[index - 1], transaction) > 0)
            {
                index--;
            }

            Events.Insert(index, transaction);
        }

        private static int Compare(Transaction a, Transaction b)
        {
            var byTime = a.TransactionDate.UtcTicks.CompareTo(b.TransactionDate.UtcTicks);
            return byTime != 0 ? byTime : string.CompareOrdinal(a.TransactionId, b.TransactionId);
        }
    }
}
