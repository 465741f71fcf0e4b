using HdrHistogram;

namespace FraudLab.Bench.Measurement;

/// <summary>
/// Records latencies in microseconds into an HdrHistogram (3 significant digits, up to 1 hour).
/// Safe to record from several threads at once; reading is meant for after the run.
/// </summary>
public sealed class LatencyRecorder
{
    private const long HighestTrackableMicros = 3_600_000_000L;
    private readonly LongConcurrentHistogram histogram = new(1, HighestTrackableMicros, 3);
    private long overflowed;

    /// <summary>Records one latency; values above one hour are clamped and counted as overflow.</summary>
    public void Record(TimeSpan latency)
    {
        var micros = (long)Math.Round(latency.TotalMicroseconds);
        if (micros < 1)
        {
            micros = 1;
        }
        else if (micros > HighestTrackableMicros)
        {
            micros = HighestTrackableMicros;
            Interlocked.Increment(ref overflowed);
        }

        histogram.RecordValue(micros);
    }

    public long Count => histogram.TotalCount;

    /// <summary>Latencies that exceeded the histogram's range (and were recorded as one hour).</summary>
    public long Overflowed => Interlocked.Read(ref overflowed);

    /// <summary>The percentiles the kit reports: p50, p90, p99, p99.9 and max, in milliseconds.</summary>
    public LatencySummary Summarize()
    {
        if (histogram.TotalCount == 0)
        {
            return LatencySummary.Empty;
        }

        return new LatencySummary(
            Count: histogram.TotalCount,
            P50Ms: Millis(histogram.GetValueAtPercentile(50)),
            P90Ms: Millis(histogram.GetValueAtPercentile(90)),
            P99Ms: Millis(histogram.GetValueAtPercentile(99)),
            P999Ms: Millis(histogram.GetValueAtPercentile(99.9)),
            MaxMs: Millis(histogram.GetMaxValue()));
    }

    private static double Millis(long micros) => Math.Round(micros / 1000.0, 3);
}
