using FraudDetection.Charts;
using static FraudDetection.Tests.Charts.ChartRecords;

namespace FraudDetection.Tests.Charts;

public sealed class TravelMapChartTests
{
    [Fact]
    public void Draws_one_line_with_two_points_per_pair_on_a_world_map()
    {
        var london = Located(7, Start, 51.5, -0.12, "London");
        var tokyo = Located(7, Start.AddHours(1), 35.7, 139.7, "Tokyo");
        var pair = new TravelPair(7, london, tokyo, 9500m);

        var chart = TravelMapChart.Build([pair, pair with { AccountId = 8 }]);

        Assert.True(chart.IsMap);
        var traces = Traces(chart);
        Assert.Equal(2, traces.Length);
        Assert.All(traces, t => Assert.Equal("scattergeo", t.GetProperty("type").GetString()));
        Assert.Equal([-0.12, 139.7], Numbers(traces[0], "lon"));
        Assert.Equal([51.5, 35.7], Numbers(traces[0], "lat"));
        Assert.Contains("London", Strings(traces[0], "text")[0]);
        Assert.Contains("9500 km/h", Strings(traces[0], "text")[1]);
        var geo = Layout(chart).GetProperty("geo");
        Assert.Equal("world", geo.GetProperty("scope").GetString());
        Assert.Equal(110, geo.GetProperty("resolution").GetInt32());
    }

    [Fact]
    public void Without_pairs_the_map_is_still_drawn()
    {
        var chart = TravelMapChart.Build([]);

        var trace = Assert.Single(Traces(chart));
        Assert.Equal("scattergeo", trace.GetProperty("type").GetString());
        Assert.Empty(Numbers(trace, "lon"));
        Assert.Contains("0 pair(s)", chart.Title);
    }
}
