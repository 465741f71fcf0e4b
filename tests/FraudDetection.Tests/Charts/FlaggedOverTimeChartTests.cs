using FraudDetection.Charts;
using FraudDetection.Model;
using static FraudDetection.Tests.Charts.ChartRecords;

namespace FraudDetection.Tests.Charts;

public sealed class FlaggedOverTimeChartTests
{
    [Fact]
    public void One_bar_per_verdict_and_bucket_with_flagged_transactions()
    {
        ProcessedTransaction[] records =
        [
            Processed(verdict: Verdict.Review, at: Start.AddSeconds(1)),
            Processed(verdict: Verdict.Review, at: Start.AddSeconds(59)),
            Processed(verdict: Verdict.Review, at: Start.AddMinutes(2)),
            Processed(verdict: Verdict.Block, at: Start.AddMinutes(2).AddSeconds(30)),
            Processed(verdict: Verdict.Approve, at: Start.AddMinutes(5)),
        ];

        var chart = FlaggedOverTimeChart.Build(records, TimeSpan.FromMinutes(1));

        var traces = Traces(chart);
        Assert.Equal(["review", "block"], traces.Select(t => t.GetProperty("name").GetString()));
        Assert.Equal([2.0, 1.0], Numbers(traces[0], "y"));
        Assert.Equal([1.0], Numbers(traces[1], "y"));
        Assert.Equal(2, Strings(traces[0], "x").Length);
        Assert.Equal("stack", Layout(chart).GetProperty("barmode").GetString());
        Assert.Equal(FlaggedOverTimeChart.Name, chart.Name);
        Assert.False(chart.IsMap);
    }

    [Fact]
    public void Bucket_width_follows_the_time_span_when_not_given()
    {
        ProcessedTransaction[] records = [Processed(at: Start), Processed(at: Start.AddMinutes(20))];

        var chart = FlaggedOverTimeChart.Build(records);

        Assert.Contains("30 s buckets", chart.Title);
        Assert.Equal(2, Numbers(Traces(chart)[0], "y").Length);
    }

    [Fact]
    public void No_flagged_transactions_gives_empty_series()
    {
        var chart = FlaggedOverTimeChart.Build([Processed(verdict: Verdict.Approve)]);

        Assert.All(Traces(chart), t => Assert.Empty(Numbers(t, "y")));
    }
}
