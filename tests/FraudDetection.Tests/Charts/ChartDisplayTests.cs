using FraudDetection.Charts;
using static FraudDetection.Tests.Charts.ChartRecords;

namespace FraudDetection.Tests.Charts;

public sealed class ChartDisplayTests
{
    [Fact]
    public void Plotly_and_the_outline_are_emitted_once_per_notebook()
    {
        var display = new ChartDisplay(new ChartRenderer(GeoBaseMapTests.Fake()));
        var records = new[] { Processed() };

        var first = display.Html(TopAccountsChart.Build(records));
        var second = display.Html(TravelMapChart.Build([]));
        var third = display.Html(TravelMapChart.Build([]));

        Assert.StartsWith(PlotlyScript.Element, first);
        Assert.DoesNotContain("PlotlyGeoAssets", ChartRendererTests.WithoutPlotly(first));
        Assert.DoesNotContain("plotly.js v", second);
        Assert.Contains("PlotlyGeoAssets", second);
        Assert.DoesNotContain("PlotlyGeoAssets", third);
        Assert.Equal(3, display.Count);
    }

    [Fact]
    public void Every_chart_gets_its_own_element_id()
    {
        var display = new ChartDisplay(new ChartRenderer(null), idPrefix: "nb");
        var chart = TopAccountsChart.Build([Processed()]);

        Assert.Contains("<div id=\"nb-1-top-accounts\"", display.Html(chart));
        Assert.Contains("<div id=\"nb-2-top-accounts\"", display.Html(chart));
    }
}
