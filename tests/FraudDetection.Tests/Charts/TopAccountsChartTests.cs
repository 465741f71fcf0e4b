using FraudDetection.Charts;
using FraudDetection.Model;
using static FraudDetection.Tests.Charts.ChartRecords;

namespace FraudDetection.Tests.Charts;

public sealed class TopAccountsChartTests
{
    [Fact]
    public void Keeps_the_largest_accounts_with_the_largest_at_the_top()
    {
        ProcessedTransaction[] records =
        [
            Processed(account: 1, amount: 10m),
            Processed(account: 2, amount: 500m),
            Processed(account: 2, amount: 500m),
            Processed(account: 3, amount: 700m),
            Processed(account: 4, amount: 700m),
            Processed(account: 5, amount: 5000m, verdict: Verdict.Approve),
        ];

        var chart = TopAccountsChart.Build(records, top: 3);

        var bars = Traces(chart).Single();
        // plotly draws the first category at the bottom: ascending order puts the largest on top.
        Assert.Equal(["4 Customer 4", "3 Customer 3", "2 Customer 2"], Strings(bars, "y"));
        Assert.Equal([700.0, 700.0, 1000.0], Numbers(bars, "x"));
        Assert.Equal("h", bars.GetProperty("orientation").GetString());
    }

    [Fact]
    public void Rejects_a_top_below_one() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => TopAccountsChart.Build([], top: 0));
}
