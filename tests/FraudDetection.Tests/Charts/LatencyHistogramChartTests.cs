using FraudDetection.Charts;
using static FraudDetection.Tests.Charts.ChartRecords;

namespace FraudDetection.Tests.Charts;

public sealed class LatencyHistogramChartTests
{
    [Fact]
    public void One_bar_per_non_empty_bin_and_every_latency_counted_once()
    {
        TimeSpan[] latencies = [Ms(1), Ms(3), Ms(4), Ms(17), Ms(39.9)];

        var chart = LatencyHistogramChart.Build(latencies, maxBins: 10);

        // 40 ms over at most 10 bins: 5 ms bins; 0-5 holds three, 15-20 one, 35-40 one.
        var bars = Assert.Single(Traces(chart));
        Assert.Equal([2.5, 17.5, 37.5], Numbers(bars, "x"));
        Assert.Equal([3.0, 1.0, 1.0], Numbers(bars, "y"));
        Assert.Contains("p50=4 ms", chart.Title);
    }

    [Fact]
    public void Builds_from_processed_records()
    {
        var chart = LatencyHistogramChart.Build([Processed(latency: Ms(12)), Processed(latency: Ms(12))]);

        Assert.Equal([2.0], Numbers(Assert.Single(Traces(chart)), "y"));
    }

    [Theory]
    [InlineData(40, 10, 5)]
    [InlineData(39.9, 40, 1)]
    [InlineData(1000, 40, 50)]
    [InlineData(0.5, 40, 0.02)]
    public void Bin_width_is_the_smallest_one_two_five_step_that_fits(double max, int maxBins, double expected) =>
        Assert.Equal(expected, LatencyHistogramChart.BinWidth(max, maxBins), 9);

    private static TimeSpan Ms(double milliseconds) => TimeSpan.FromMilliseconds(milliseconds);
}
