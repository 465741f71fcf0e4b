using FraudDetection.Charts;
using FraudDetection.Configuration;
using FraudDetection.Model;

namespace Workshop.Tests.Charts;

/// <summary>Every chart, saved as a standalone file, renders offline in chromium with the expected marks.</summary>
public sealed class ChartRenderingTests(ChromiumBrowser browser) : IClassFixture<ChromiumBrowser>, IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);
    private readonly string _folder = Directory.CreateTempSubdirectory("fraudlab-chart-render-").FullName;
    private readonly ChartRenderer _renderer = ChartRenderer.ForKit(KitPaths.Discover());

    [Fact]
    public async Task Flagged_over_time_draws_one_bar_per_verdict_and_bucket()
    {
        ProcessedTransaction[] records = [Flagged(1, Verdict.Review, 0), Flagged(2, Verdict.Review, 10), Flagged(3, Verdict.Block, 130), Flagged(4, Verdict.Review, 200)];

        var rendered = await RenderAsync(FlaggedOverTimeChart.Build(records, TimeSpan.FromMinutes(1)));

        // review: minutes 0 (two), 3; block: minute 2
        Assert.Equal(3, rendered.Bars);
    }

    [Fact]
    public async Task Breakdowns_draw_count_and_amount_bars_per_category()
    {
        ProcessedTransaction[] records = [Flagged(1, merchant: MerchantType.GasStation), Flagged(2, merchant: MerchantType.Others), Flagged(3, merchant: MerchantType.Others, rules: ["a", "b"])];

        Assert.Equal(2 * 2, (await RenderAsync(BreakdownChart.ByMerchantType(records))).Bars);
        Assert.Equal(3 * 2, (await RenderAsync(BreakdownChart.ByRule(records))).Bars); // flagged-account, a, b
    }

    [Fact]
    public async Task Top_accounts_draws_at_most_the_top_bars()
    {
        var records = Enumerable.Range(1, 15).Select(i => Flagged(i)).ToArray();

        Assert.Equal(10, (await RenderAsync(TopAccountsChart.Build(records))).Bars);
    }

    [Fact]
    public async Task The_travel_map_draws_two_points_and_a_line_per_pair_on_the_world_outline()
    {
        var london = Flagged(7) with { Latitude = 51.5, Longitude = -0.12, City = "London" };
        var tokyo = Flagged(7, at: 3600) with { Latitude = 35.7, Longitude = 139.7, City = "Tokyo" };
        var sydney = Flagged(8, at: 7200) with { Latitude = -33.9, Longitude = 151.2, City = "Sydney" };
        TravelPair[] pairs = [new(7, london, tokyo, 9000m), new(8, tokyo, sydney, 7000m), new(9, sydney, london, 8000m)];

        var rendered = await RenderAsync(TravelMapChart.Build(pairs));

        Assert.Equal(6, rendered.MapPoints);
        Assert.Equal(3, rendered.MapLines);
        Assert.Equal(_renderer.BaseMap is not null, rendered.Land);
    }

    [Fact]
    public async Task The_latency_histogram_draws_one_bar_per_non_empty_bin()
    {
        TimeSpan[] latencies = [Ms(1), Ms(3), Ms(17), Ms(39)];

        Assert.Equal(3, (await RenderAsync(LatencyHistogramChart.Build(latencies, maxBins: 10))).Bars);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private async Task<RenderedChart> RenderAsync(FraudChart chart)
    {
        var rendered = await browser.RenderAsync(_renderer.Save(chart, _folder));
        Assert.Empty(rendered.Errors);
        Assert.Empty(rendered.NetworkRequests);
        return rendered;
    }

    private static TimeSpan Ms(double milliseconds) => TimeSpan.FromMilliseconds(milliseconds);

    private static ProcessedTransaction Flagged(long account, Verdict verdict = Verdict.Review, int at = 0, MerchantType merchant = MerchantType.GroceryStore, string[]? rules = null) =>
        ProcessedTransaction.From(new Decision
        {
            Transaction = new Transaction
            {
                AccountId = account,
                CustomerName = "Customer " + account,
                MerchantType = merchant,
                TransactionId = $"{account:x8}{at:x8}",
                TransactionType = TransactionType.Online,
                TransactionAmount = 100m + account,
                TransactionDate = Start.AddSeconds(at),
                CreatedAt = Start.AddSeconds(at),
            },
            Verdict = verdict,
            Score = 50,
            Reasons = (rules ?? ["flagged-account"]).Select(r => new Reason { RuleId = r, Description = r, Observed = 1, Threshold = 1 }).ToList(),
            ProcessedTime = Start.AddSeconds(at).AddMilliseconds(25),
        });
}
