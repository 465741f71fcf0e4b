using FraudDetection.Model;

namespace FraudDetection.Detection.Windows;

/// <summary>
/// The flagged-account side of the join, bounded: each flag is a period [Flag_Date, end) where end is Unflag_Date or
/// Flag_Date + TTL. Flags are keyed by (account, Flag_Date), so a repeated flag updates its period instead of adding
/// another (the original join's duplicates). An unflag also ends every earlier open period of the account at its date.
/// Periods that ended before the watermark are dropped; at most <c>MaxFlagsPerAccount</c> are kept per account.
/// </summary>
internal sealed class FlagBook(TimeSpan ttl, int maxPerAccount)
{
    private readonly Dictionary<long, List<FlagPeriod>> periods = [];

    public int Count { get; private set; }

    public int Accounts => periods.Count;

    public void Apply(FlaggedAccount flag)
    {
        var start = flag.FlagDate.UtcTicks;
        var end = flag.UnflagDate?.UtcTicks ?? SaturatingAdd(start, ttl.Ticks);
        if (!periods.TryGetValue(flag.AccountId, out var list))
        {
            list = [];
            periods[flag.AccountId] = list;
        }

        Count -= list.Count;
        list.RemoveAll(p => p.StartTicks == start);
        if (flag.UnflagDate is { } unflag)
        {
            var unflagTicks = unflag.UtcTicks;
            for (var i = 0; i < list.Count; i++)
            {
                if (list[i].StartTicks <= unflagTicks && list[i].EndTicks > unflagTicks)
                {
                    list[i] = list[i] with { EndTicks = unflagTicks };
                }
            }
        }

        if (end > start)
        {
            list.Add(new FlagPeriod(start, end));
        }

        list.Sort(static (a, b) => a.StartTicks.CompareTo(b.StartTicks));
        while (list.Count > maxPerAccount)
        {
            list.RemoveAt(IndexOfEarliestEnd(list));
        }

        Count += list.Count;
        if (list.Count == 0)
        {
            periods.Remove(flag.AccountId);
        }
    }

    /// <summary>The earliest Flag_Date whose period covers <paramref name="ticks"/>, or null.</summary>
    public long? FlagCovering(long accountId, long ticks)
    {
        if (!periods.TryGetValue(accountId, out var list))
        {
            return null;
        }

        foreach (var period in list)
        {
            if (period.Covers(ticks))
            {
                return period.StartTicks;
            }
        }

        return null;
    }

    /// <summary>Drops periods that ended at or before <paramref name="watermarkTicks"/>.</summary>
    public void EvictEndedBefore(long watermarkTicks)
    {
        List<long>? emptied = null;
        foreach (var (account, list) in periods)
        {
            Count -= list.RemoveAll(p => p.EndTicks <= watermarkTicks);
            if (list.Count == 0)
            {
                (emptied ??= []).Add(account);
            }
        }

        foreach (var account in emptied ?? [])
        {
            periods.Remove(account);
        }
    }

    private static int IndexOfEarliestEnd(List<FlagPeriod> list)
    {
        var best = 0;
        for (var i = 1; i < list.Count; i++)
        {
            if (list[i].EndTicks < list[best].EndTicks)
            {
                best = i;
            }
        }

        return best;
    }

    private static long SaturatingAdd(long ticks, long add) => ticks > DateTimeOffset.MaxValue.UtcTicks - add ? DateTimeOffset.MaxValue.UtcTicks : ticks + add;
}
