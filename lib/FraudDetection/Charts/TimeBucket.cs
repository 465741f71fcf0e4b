namespace FraudDetection.Charts;

/// <summary>Fixed-width time buckets for counting events over time, with a width chosen for a readable axis.</summary>
public static class TimeBucket
{
    private static readonly TimeSpan[] Widths =
    [
        TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(30),
        TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(30),
        TimeSpan.FromHours(1), TimeSpan.FromHours(6), TimeSpan.FromDays(1),
    ];

    /// <summary>The smallest of 1 s, 5 s, 10 s, 30 s, 1 min … 1 day that splits <paramref name="span"/> into at most <paramref name="maxBuckets"/>.</summary>
    public static TimeSpan WidthFor(TimeSpan span, int maxBuckets = 60)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBuckets, 1);
        foreach (var width in Widths)
        {
            if (span.Ticks / width.Ticks < maxBuckets)
            {
                return width;
            }
        }

        return Widths[^1];
    }

    /// <summary>The start of the bucket holding <paramref name="time"/> (buckets are aligned to the Unix epoch, in UTC).</summary>
    public static DateTimeOffset Floor(DateTimeOffset time, TimeSpan width)
    {
        var utc = time.UtcTicks;
        return new DateTimeOffset(utc - ((utc - DateTimeOffset.UnixEpoch.UtcTicks) % width.Ticks), TimeSpan.Zero);
    }
}
