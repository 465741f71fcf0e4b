using FraudDetection.Charts;
using static FraudDetection.Tests.Charts.ChartRecords;

namespace FraudDetection.Tests.Charts;

public sealed class LatencyStatsTests
{
    [Fact]
    public void Percentiles_use_the_nearest_rank()
    {
        var latencies = Enumerable.Range(1, 100).Select(ms => TimeSpan.FromMilliseconds(ms)).Reverse();

        var stats = LatencyStats.From(latencies);

        Assert.Equal(new LatencyStats(100, 50, 90, 99, 100), stats);
        Assert.Equal("n=100 p50=50 ms p90=90 ms p99=99 ms max=100 ms", stats.ToString());
    }

    [Fact]
    public void No_latencies_give_zeros() =>
        Assert.Equal(new LatencyStats(0, 0, 0, 0, 0), LatencyStats.From([]));

    [Fact]
    public void End_to_end_is_processed_time_minus_creation_time_for_records_that_have_one()
    {
        var timed = Processed(latency: TimeSpan.FromMilliseconds(35));
        var untimed = timed with { CreatedAt = null };

        Assert.Equal([TimeSpan.FromMilliseconds(35)], LatencyStats.EndToEnd([timed, untimed]));
    }
}
